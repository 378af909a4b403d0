import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommitments } from '../../src/commitments/service.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { COMMITMENT_ACTIONS, COMMITMENT_MODAL } from '../../src/slack/presenters/commitments.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

// The database failing under a running app, on both backends: a table is moved away, so every query on
// it fails inside the real database (PGlite cannot be stopped; the native server being stopped and
// restarted is test/faults/postgres-restart.test.ts). Each request Slack got its 200 for must still end
// in something the user sees, and the app must work again once the table is back, without a restart.

const getDb = useMigratedDatabase();
let h: SlackHarness;
const NOW = new Date('2026-11-24T03:00:00Z');
const REQUEST_ID = /request id [0-9a-f]{8}/;

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  h = await startSlackHarness(getDb().db, { now: () => NOW, env: { SLACK_ANSWER_CHANNELS: 'CANSWER' } });
}, 60_000);
afterAll(() => h?.stop());

/** Runs `during` while `table` cannot be queried, then puts the table back. */
async function withTableGone(table: string, during: () => Promise<void>) {
  const pool = getDb().db.pool;
  await pool.query(`ALTER TABLE ${table} RENAME TO ${table}_away`);
  try {
    await during();
    await h.slack.deps.inFlight.drain(10_000);
  } finally {
    await pool.query(`ALTER TABLE ${table}_away RENAME TO ${table}`);
  }
}

const text = (value: unknown) => JSON.stringify(value);

describe('database failures after Slack was acknowledged', () => {
  it('tells the author of a /commit that failed, and stores it once the database is back', async () => {
    const before = responseUrlPosts(h.fake).length;
    await withTableGone('commitments', async () => {
      const ack = await h.command('/commit', '<@U2> send the minutes by 30 Dec', { triggerId: 'trig-db-1' });
      expect(ack.status).toBe(200);
      await h.until(() => responseUrlPosts(h.fake).length > before);
    });
    const reply = responseUrlPosts(h.fake)[before]!;
    expect(reply.response_type).toBe('ephemeral');
    expect(text(reply)).toMatch(REQUEST_ID);

    // Recovery without a restart: the same command now works.
    await h.command('/commit', '<@U2> send the minutes by 30 Dec', { triggerId: 'trig-db-2' });
    await h.until(() => responseUrlPosts(h.fake).some((post) => post.response_type === 'in_channel'));
    const stored = await listCommitments(h.ctx, {
      owner: 'U2',
      status: 'any',
      today: '2026-11-24',
    });
    expect(stored.map((commitment) => commitment.title)).toEqual(['send the minutes']);
  });

  it('apologises in the thread when a mention cannot even be recorded', async () => {
    await withTableGone('slack_events', async () => {
      const ack = await h.event({
        type: 'app_mention',
        user: 'U1',
        channel: 'C1',
        ts: '1732700000.000100',
        text: '<@UBOT> What did Guangxi propose on AI?',
      });
      expect(ack.status).toBe(200);
      await h.until(() =>
        h.fake.calls('chat.postMessage').find((call) => call.args.thread_ts === '1732700000.000100'),
      );
    });
    const apology = h.fake
      .calls('chat.postMessage')
      .find((call) => call.args.thread_ts === '1732700000.000100');
    expect(String(apology?.args.text)).toMatch(
      /^Sorry, I couldn't answer this time: .*request id [0-9a-f]{8}/,
    );
  });

  it('apologises in a DM and in an answer channel too, but not for a random channel message', async () => {
    const threads = ['1732700001.000100', '1732700002.000100', '1732700003.000100'];
    await withTableGone('slack_events', async () => {
      await h.event({
        type: 'message',
        channel_type: 'im',
        user: 'U1',
        channel: 'D1',
        ts: threads[0],
        text: 'hi?',
      });
      await h.event({
        type: 'message',
        channel_type: 'channel',
        user: 'U1',
        channel: 'CANSWER',
        ts: threads[1],
        text: 'budget?',
      });
      await h.event({
        type: 'message',
        channel_type: 'channel',
        user: 'U1',
        channel: 'COTHER',
        ts: threads[2],
        text: 'lunch?',
      });
    });
    const apologised = (ts: string) =>
      h.fake
        .calls('chat.postMessage')
        .some((call) => call.args.thread_ts === ts && REQUEST_ID.test(String(call.args.text)));
    expect(threads.map(apologised)).toEqual([true, true, false]);
  });

  it('answers a failed button click, modal and Home tab with a visible error', async () => {
    // A commitment to click on, stored while the database works.
    await h.command('/commit', '<@U3> book the hall by 30 Dec', { triggerId: 'trig-db-3' });
    await h.until(() => responseUrlPosts(h.fake).some((post) => text(post).includes('book the hall')));
    const [commitment] = await listCommitments(h.ctx, {
      owner: 'U3',
      status: 'any',
      today: '2026-11-24',
    });
    const responses = responseUrlPosts(h.fake).length;
    const dms = () => h.fake.calls('chat.postMessage').filter((call) => call.args.channel === 'U1');
    const dmsBefore = dms().length;
    let modalAck: Response | undefined;
    await withTableGone('commitments', async () => {
      await h.interaction({
        type: 'block_actions',
        user: { id: 'U1' },
        channel: { id: 'C1' },
        trigger_id: 'trigger-1',
        response_url: `${h.fake.url}/response`,
        actions: [
          { action_id: COMMITMENT_ACTIONS.done, block_id: 'b', type: 'button', value: `${commitment!.id}:1` },
        ],
      });
      await h.until(() => responseUrlPosts(h.fake).length > responses);
      modalAck = await h.interaction({
        type: 'view_submission',
        user: { id: 'U1' },
        trigger_id: 'trigger-2',
        view: {
          id: 'VDB1',
          callback_id: COMMITMENT_MODAL.log,
          private_metadata: JSON.stringify({ channelId: 'C1', permalink: null }),
          blocks: [{ type: 'input', block_id: COMMITMENT_MODAL.blocks.text }],
          state: { values: { [COMMITMENT_MODAL.blocks.text]: { value: { value: 'call Hanoi by 30 Dec' } } } },
        },
      });
      await h.until(() => dms().length > dmsBefore);
      await h.event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
      await h.until(() => h.fake.calls('views.publish').at(-1)?.args.user_id === 'U1');
    });
    const clickReply = responseUrlPosts(h.fake)[responses]!;
    expect(clickReply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    // The buttons report their own failures ("Sorry, that did not work…"); others get a request id.
    expect(text(clickReply)).toMatch(/did not work/);
    // The modal had been acknowledged (closed) before the insert failed: the author is told in a DM.
    expect(modalAck?.status).toBe(200);
    expect(String(dms().at(-1)?.args.text)).toMatch(REQUEST_ID);
    expect(text(h.fake.calls('views.publish').at(-1)?.args.view)).toMatch(REQUEST_ID);
  });
});
