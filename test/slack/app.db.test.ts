import { SocketModeReceiver } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCommitment, listCommitments } from '../../src/commitments/service.ts';
import { parseConfig } from '../../src/config.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { pruneSlackEvents } from '../../src/db/slack-events.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { createSlackApp } from '../../src/slack/app.ts';
import { FakeHttpServer } from '../fakes/http.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
const NOW = new Date('2026-11-24T03:00:00Z');

beforeAll(async () => {
  // What every start does: migrations (done by useMigratedDatabase) and the alias glossary.
  await prepareDatabase(getDb().db.pool);
  h = await startSlackHarness(getDb().db, {
    now: () => NOW,
    env: { SLACK_ANSWER_CHANNELS: 'CANSWER', SLACK_INGEST_CHANNELS: 'CINGEST,GPRIVATE' },
  });
  await ingestInputs(h.ctx, ['samples/minutes']);
}, 120_000);
afterAll(() => h?.stop());

function blocksText(call: { args: Record<string, unknown> } | undefined): string {
  return JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text ?? '');
}

async function questionRows() {
  const { rows } = await getDb().db.pool.query('SELECT * FROM questions ORDER BY id');
  return rows;
}

describe('Slack app over HTTP', () => {
  it('rejects requests with a bad signature', async () => {
    const response = await h.post('{"type":"event_callback"}', 'application/json', { badSignature: true });
    expect(response.status).toBe(401);
  });

  it('serves /healthz and /readyz', async () => {
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, database: true, slack: true });
  });

  it('answers a mention in its thread: placeholder first, then the cited answer', async () => {
    const before = h.fake.calls('chat.update').length;
    const response = await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732400000.000100',
      text: '<@UBOT> What did Guangxi propose on AI?',
    });
    expect(response.status).toBe(200);
    const update = await h.until(() => h.fake.calls('chat.update')[before]);
    const placeholder = h.fake
      .calls('chat.postMessage')
      .find((call) => call.args.ts === undefined && call.args.thread_ts === '1732400000.000100');
    expect(blocksText(placeholder)).toContain('Searching the minutes');
    expect(update.args.ts).toBe(h.fake.calls('chat.postMessage').at(-1)?.args.ts ?? update.args.ts);
    const text = blocksText(update);
    expect(text).toMatch(/\[1\]/);
    expect(text).toMatch(/intelligence artificielle|artificiell intelligens/);
    expect(text).toContain('answer_feedback_up');
    const rows = await questionRows();
    expect(rows.at(-1)).toMatchObject({
      channel_id: 'C1',
      thread_ts: '1732400000.000100',
      asked_by: 'U1',
      abstained: false,
    });
  });

  it('handles an event once even when Slack retries it', async () => {
    const placeholders = () =>
      h.fake.calls('chat.postMessage').filter((call) => call.args.thread_ts === '1732400001.000100').length;
    const event = {
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732400001.000100',
      text: '<@UBOT> Who is Tran Cuong?',
    };
    await h.event(event, { eventId: 'EvSAME' });
    await h.event(event, { eventId: 'EvSAME', retryNum: 1 });
    await h.event(event, { eventId: 'EvSAME', retryNum: 2 });
    await h.until(() => placeholders() >= 1);
    await h.slack.deps.inFlight.drain(10_000);
    expect(placeholders()).toBe(1);
  });

  it('treats a reply in a thread it answered as a follow-up, without a mention', async () => {
    const thread = '1732400000.000100';
    const before = (await questionRows()).length;
    await h.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U2',
      channel: 'C1',
      ts: '1732400005.000100',
      thread_ts: thread,
      text: 'And which railway lines?',
    });
    await h.until(async () => (await questionRows()).length > before);
    const rows = await questionRows();
    expect(rows.at(-1)).toMatchObject({ thread_ts: thread, asked_by: 'U2' });
  });

  it('ignores channel messages that do not mention it, outside its threads and answer channels', async () => {
    const before = h.fake.calls('chat.postMessage').length;
    await h.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U2',
      channel: 'C9',
      ts: '1732400009.000100',
      text: 'lunch anyone?',
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await h.slack.deps.inFlight.drain(5_000);
    expect(h.fake.calls('chat.postMessage').length).toBe(before);
  });

  it('answers every top-level message in a configured answer channel and in DMs', async () => {
    const before = (await questionRows()).length;
    await h.event({
      type: 'message',
      channel_type: 'channel',
      user: 'U3',
      channel: 'CANSWER',
      ts: '1732400010.000100',
      text: 'Which city joined the Spring Meeting for the first time?',
    });
    await h.event({
      type: 'message',
      channel_type: 'im',
      user: 'U3',
      channel: 'D3',
      ts: '1732400011.000100',
      text: 'Qui est Tran Cuong ?',
    });
    await h.until(async () => (await questionRows()).length >= before + 2);
    // Both answers finish here: a later test's /ask must find the answer queue free, not queued behind them.
    expect(await h.slack.deps.inFlight.drain(20_000)).toBe(true);
  });

  it('answers /ask ephemerally with a placeholder ack, then offers to share it', async () => {
    const acks = h.responses().length;
    const response = await h.command('/ask', 'What did Guangxi propose on AI?', { channelId: 'C1' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(h.responses()[acks])).toContain('Searching the minutes');
    const post = await h.until(() =>
      responseUrlPosts(h.fake).find((body) => JSON.stringify(body).includes('answer_share')),
    );
    expect(post.response_type).toBe('ephemeral');
    expect(post.replace_original).toBe(true);
    const shareValue = /"action_id":"answer_share","value":"(\d+)"/.exec(JSON.stringify(post))![1]!;
    const posts = h.fake.calls('chat.postMessage').length;
    await h.interaction({
      type: 'block_actions',
      user: { id: 'U1' },
      channel: { id: 'C1' },
      trigger_id: 't',
      response_url: `${h.fake.url}/response`,
      actions: [{ action_id: 'answer_share', block_id: 'b', value: shareValue, type: 'button' }],
    });
    const shared = await h.until(() => h.fake.calls('chat.postMessage')[posts]);
    expect(shared.args.channel).toBe('C1');
    expect(blocksText(shared)).toContain('Shared by <@U1>');
  });

  it('replies to an empty /ask with usage, ephemerally', async () => {
    const acks = h.responses().length;
    await h.command('/ask', '   ');
    const ack = h.responses()[acks]!;
    expect(ack.response_type).toBe('ephemeral');
    expect(JSON.stringify(ack)).toContain('Usage: /ask');
  });

  it('stores 👍/👎 feedback on the answer', async () => {
    const [question] = (await questionRows()).slice(-1);
    await h.interaction({
      type: 'block_actions',
      user: { id: 'U5' },
      channel: { id: 'C1' },
      trigger_id: 't',
      response_url: `${h.fake.url}/response`,
      actions: [
        { action_id: 'answer_feedback_down', block_id: 'b', value: String(question.id), type: 'button' },
      ],
    });
    await h.until(
      async () =>
        (
          await getDb().db.pool.query(
            'SELECT value FROM answer_feedback WHERE question_id = $1 AND user_id = $2',
            [question.id, 'U5'],
          )
        ).rows[0]?.value === -1,
    );
  });

  it('logs /commit in the author time zone, confirms to the channel, and is idempotent per trigger', async () => {
    const before = responseUrlPosts(h.fake).length;
    await h.command(
      '/commit',
      '<@U024BE7LH> send the draft MoU on smart border gates to Guangxi FAO by Friday',
      { triggerId: 'trig-1', channelId: 'C1' },
    );
    await h.command(
      '/commit',
      '<@U024BE7LH> send the draft MoU on smart border gates to Guangxi FAO by Friday',
      { triggerId: 'trig-1', channelId: 'C1' },
    );
    const post = await h.until(() =>
      responseUrlPosts(h.fake)
        .slice(before)
        .find((body) => body.response_type === 'in_channel'),
    );
    expect(JSON.stringify(post)).toContain('<@U024BE7LH>');
    await h.slack.deps.inFlight.drain(5_000);
    const rows = await listCommitments(h.ctx, {
      owner: 'U024BE7LH',
      status: 'all_open',
      today: '2026-11-24',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ dueOn: '2026-11-27', channelId: 'C1', createdBy: 'U1' });
  });

  it('answers a bad /commit with ephemeral usage and stores nothing', async () => {
    const count = async () =>
      (await getDb().db.pool.query('SELECT count(*)::int AS n FROM commitments')).rows[0].n;
    const before = await count();
    const posts = responseUrlPosts(h.fake).length;
    await h.command('/commit', '');
    await h.until(() => responseUrlPosts(h.fake)[posts]);
    await h.command('/commit', '<@U1> file the report by 1 January 2020');
    await h.until(() => responseUrlPosts(h.fake)[posts + 1]);
    expect(responseUrlPosts(h.fake)[posts]).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(responseUrlPosts(h.fake)[posts + 1])).toContain('2020');
    expect(await count()).toBe(before);
  });

  it('marks a commitment done from its button, and refuses a click that no longer applies', async () => {
    const [commitment] = await listCommitments(h.ctx, {
      owner: 'U024BE7LH',
      status: 'all_open',
      today: '2026-11-24',
    });
    const click = (value: string) =>
      h.interaction({
        type: 'block_actions',
        user: { id: 'U024BE7LH' },
        channel: { id: 'C1' },
        trigger_id: 't',
        response_url: `${h.fake.url}/response`,
        actions: [{ action_id: 'commitment_done', block_id: 'b', value, type: 'button' }],
      });
    const before = responseUrlPosts(h.fake).length;
    await click(`${commitment!.id}:${commitment!.version}`);
    await h.until(async () => (await getCommitment(h.ctx, commitment!.id))?.status === 'done');
    await click(`${commitment!.id}:${commitment!.version}`);
    const stale = await h.until(() =>
      responseUrlPosts(h.fake)
        .slice(before)
        .find((body) => body.response_type === 'ephemeral'),
    );
    expect(String(stale.text)).toMatch(/already done/i);
  });

  it('lists commitments with /commitments and rejects unknown arguments with usage', async () => {
    const before = responseUrlPosts(h.fake).length;
    await h.command('/commitments', 'all');
    const list = await h.until(() => responseUrlPosts(h.fake)[before]);
    expect(list.response_type).toBe('ephemeral');
    const acks = h.responses().length;
    await h.command('/commitments', 'everything please');
    expect(JSON.stringify(h.responses()[acks])).toContain('Usage');
  });

  it('publishes the Home tab with the user open commitments', async () => {
    await h.command('/commit', 'prepare the agenda of the 17th Joint Working Committee by 15 Dec', {
      userId: 'UHOME',
      triggerId: 'trig-home',
    });
    await h.until(
      async () =>
        (await listCommitments(h.ctx, { owner: 'UHOME', status: 'all_open', today: '2026-11-24' })).length ===
        1,
    );
    await h.event({ type: 'app_home_opened', user: 'UHOME', channel: 'DHOME', tab: 'home' });
    const published = await h.until(() =>
      h.fake.calls('views.publish').find((call) => call.args.user_id === 'UHOME'),
    );
    expect(JSON.stringify(published.args.view)).toContain('17th Joint Working Committee');
  });

  it('ingests a file shared in an ingest channel and replies with a receipt in the thread', async () => {
    h.fake.route('GET /files/minutes-jwc17.md', () => ({
      body: '# Procès-verbal JWC 17\n\nLe comité a décidé de créer un groupe de travail sur les portes frontalières intelligentes à Huu Nghi.\n',
    }));
    await h.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'group',
      user: 'U1',
      channel: 'GPRIVATE',
      ts: '1732400100.000100',
      files: [
        {
          id: 'F1',
          name: 'minutes-jwc17.md',
          mimetype: 'text/markdown',
          size: 120,
          url_private_download: `${h.fake.url}/files/minutes-jwc17.md`,
        },
      ],
    });
    const receipt = await h.until(() =>
      h.fake.calls('chat.postMessage').find((call) => String(call.args.text).startsWith('Ingestion receipt')),
    );
    expect(receipt.args.thread_ts).toBe('1732400100.000100');
    expect(String(receipt.args.text)).toMatch(/ingested/);
    expect(String(receipt.args.text)).toMatch(/Private/);
    const { rows } = await getDb().db.pool.query(
      "SELECT visibility, channel_id FROM documents WHERE title LIKE '%JWC 17%'",
    );
    expect(rows).toEqual([{ visibility: 'private', channel_id: 'GPRIVATE' }]);
  });

  it('never sends the bot token to a file link outside Slack', async () => {
    const elsewhere = await new FakeHttpServer().start();
    elsewhere.route('GET /minutes.txt', () => ({ body: 'Procès-verbal' }));
    try {
      await h.event({
        type: 'message',
        subtype: 'file_share',
        channel_type: 'channel',
        user: 'U1',
        channel: 'CINGEST',
        ts: '1732400150.000100',
        files: [
          { id: 'F2', name: 'minutes.txt', size: 20, url_private_download: `${elsewhere.url}/minutes.txt` },
        ],
      });
      const receipt = await h.until(() =>
        h.fake.calls('chat.postMessage').find((call) => call.args.thread_ts === '1732400150.000100'),
      );
      expect(String(receipt.args.text)).toMatch(/minutes\.txt: skipped \(not a Slack file link\)/);
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.stop();
    }
  });

  it('never cites a private channel document when answering in another channel', async () => {
    const before = (await questionRows()).length;
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'CPUBLIC',
      ts: '1732400200.000100',
      text: '<@UBOT> portes frontalières intelligentes à Huu Nghi',
    });
    await h.until(async () => (await questionRows()).length > before);
    await h.slack.deps.inFlight.drain(10_000);
    const update = h.fake.calls('chat.update').at(-1);
    expect(blocksText(update)).not.toContain('JWC 17');
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'GPRIVATE',
      ts: '1732400300.000100',
      text: '<@UBOT> portes frontalières intelligentes à Huu Nghi',
    });
    await h.until(async () => (await questionRows()).length > before + 1);
    await h.slack.deps.inFlight.drain(10_000);
    expect(blocksText(h.fake.calls('chat.update').at(-1))).toContain('JWC 17');
  });

  it('waits out a 429 from the Web API and retries', async () => {
    h.fake.queue('POST /api/chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const updates = h.fake.calls('chat.update').length;
    const toThread = () =>
      h.fake
        .requestsTo('POST /api/chat.postMessage')
        .filter((request) => String(request.rawBody).includes('1732400400.000100'));
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732400400.000100',
      text: '<@UBOT> What did Guangxi propose on AI?',
    });
    await h.until(() => h.fake.calls('chat.update').length > updates, 20_000);
    // The first attempt was refused with 429 and the same placeholder was sent again after Retry-After.
    expect(toThread()).toHaveLength(2);
  });
});

describe('receiver choice', () => {
  const contextWith = (env: Record<string, string>) => ({
    ...h.ctx,
    config: parseConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: h.fake.apiUrl,
      LOG_LEVEL: 'silent',
      ...env,
    }),
  });

  it('uses Socket Mode when SLACK_APP_TOKEN is set, without needing a signing secret', () => {
    const slack = createSlackApp(contextWith({ SLACK_APP_TOKEN: 'xapp-test' }));
    expect((slack.app as unknown as { receiver: unknown }).receiver).toBeInstanceOf(SocketModeReceiver);
  });

  it('refuses to start the HTTP receiver without a signing secret, saying what to set', () => {
    expect(() => createSlackApp(contextWith({}))).toThrow(
      /SLACK_SIGNING_SECRET is required .*SLACK_APP_TOKEN for Socket Mode/,
    );
  });
});

describe('Slack event id retention', () => {
  it('prunes event ids older than the retention and keeps recent ones', async () => {
    const pool = getDb().db.pool;
    await pool.query(
      "INSERT INTO slack_events (event_id, received_at) VALUES ('EvOLD', now() - interval '8 days')",
    );
    await pool.query("INSERT INTO slack_events (event_id) VALUES ('EvNEW') ON CONFLICT DO NOTHING");
    expect(await pruneSlackEvents(pool, 7)).toBeGreaterThanOrEqual(1);
    const { rows } = await pool.query(
      "SELECT event_id FROM slack_events WHERE event_id IN ('EvOLD', 'EvNEW')",
    );
    expect(rows.map((row) => row.event_id)).toEqual(['EvNEW']);
  });
});
