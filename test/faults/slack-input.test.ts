import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_ACTIONS } from '../../src/slack/presenters/answer.ts';
import { COMMITMENT_ACTIONS, COMMITMENT_MODAL } from '../../src/slack/presenters/commitments.ts';
import { useMemoryDatabase } from '../helpers/memory-db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMemoryDatabase();
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness(getDb(), { env: { SLACK_ANSWER_CHANNELS: 'CANSWER' } });
}, 60_000);
afterAll(() => h?.stop());

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Posts a correctly signed body and returns the status, failing fast instead of hanging on no answer. */
async function signedStatus(body: string, contentType: string): Promise<number> {
  const response = await Promise.race([
    h.post(body, contentType),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer to ${body.slice(0, 80)}`)), 5_000),
    ),
  ]);
  await response.text();
  return response.status;
}

describe('signed requests whose body is not an object', () => {
  it('answers a JSON body of null with 400 and keeps serving', async () => {
    expect(await signedStatus('null', JSON_TYPE)).toBe(400);
    expect(await signedStatus('payload=null', FORM_TYPE)).toBe(400);
    for (const body of ['42', '"text"', '[]', 'true']) {
      expect(await signedStatus(body, JSON_TYPE)).toBe(400);
      expect(await signedStatus(`payload=${encodeURIComponent(body)}`, FORM_TYPE)).toBe(400);
    }
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('still answers 401 to an unsigned null, and 200 to a proper event after the junk', async () => {
    const unsigned = await h.post('null', JSON_TYPE, { badSignature: true });
    expect(unsigned.status).toBe(401);
    const ok = await h.event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    expect(ok.status).toBe(200);
  });
});

/** Values that are the wrong type for any field. */
const CONFUSED: unknown[] = [
  null,
  0,
  -1,
  1e308,
  '',
  'x'.repeat(5_000),
  [],
  [null],
  {},
  { a: { b: null } },
  true,
];

const pick = (i: number) => CONFUSED[i % CONFUSED.length];

function eventBodies(): Record<string, unknown>[] {
  const events: unknown[] = [
    null,
    42,
    'app_mention',
    [],
    {},
    { type: null },
    { type: 'app_mention' },
    { type: 'message' },
    { type: 'app_home_opened' },
    { type: 'unknown_event', user: 'U1' },
  ];
  for (let i = 0; i < CONFUSED.length; i++) {
    events.push({
      type: 'app_mention',
      user: pick(i),
      channel: pick(i + 1),
      ts: pick(i + 2),
      text: pick(i + 3),
    });
    events.push({
      type: 'message',
      channel_type: pick(i),
      user: 'U1',
      channel: 'CANSWER',
      ts: pick(i + 4),
      thread_ts: pick(i + 5),
      text: pick(i + 6),
      subtype: i % 2 ? 'file_share' : undefined,
      files: pick(i + 7),
    });
    events.push({ type: 'message', channel_type: 'im', user: 'U1', channel: 'D1', ts: '1.1', text: pick(i) });
    events.push({ type: 'app_home_opened', user: pick(i), tab: pick(i + 1) });
  }
  events.push({
    type: 'app_mention',
    user: 'U1',
    channel: 'C1',
    ts: '1.2',
    text: `<@UBOT> ${'why '.repeat(3_000)}`,
  });
  return events.map((event, i) => ({
    token: 'legacy',
    team_id: i % 3 ? 'T1' : pick(i),
    api_app_id: 'A1',
    type: i % 7 ? 'event_callback' : pick(i),
    event_id: i % 5 ? `EvFuzz${i}` : pick(i),
    event_time: pick(i),
    authorizations: i % 4 ? [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }] : pick(i),
    event,
  }));
}

function commandBodies(): Record<string, string>[] {
  const commands = ['/ask', '/commit', '/commitments', '/digest', '/unknown', ''];
  const texts = [
    '',
    ' ',
    'x'.repeat(12_000),
    '<@U1> <!channel> do it by 31/02/2026',
    '\u0000\u0007\u202e',
    'schedule blursday 25:99 Mars/Olympus',
    '<@',
    'export',
    '@lan do X by Friday',
  ];
  const bodies: Record<string, string>[] = [];
  for (const command of commands) {
    for (const [i, text] of texts.entries()) {
      bodies.push({
        token: 'legacy',
        team_id: 'T1',
        channel_id: i % 3 ? 'C1' : '',
        user_id: i % 4 ? 'U1' : '',
        command,
        text,
        api_app_id: 'A1',
        response_url: i % 2 ? `${h.fake.url}/response` : 'not a url',
        trigger_id: i % 5 ? `trigger-fuzz-${command}-${i}` : '',
      });
    }
  }
  // Fields missing entirely.
  bodies.push({ command: '/commit' }, { text: 'hello' }, {});
  return bodies;
}

function interactionPayloads(): unknown[] {
  const actionIds = [
    ...Object.values(ANSWER_ACTIONS),
    ...Object.values(COMMITMENT_ACTIONS),
    'unknown_action',
  ];
  const payloads: unknown[] = [null, 7, 'block_actions', [], {}, { type: null }, { type: 'block_actions' }];
  for (const [n, actionId] of actionIds.entries()) {
    for (let i = 0; i < 6; i++) {
      payloads.push({
        type: 'block_actions',
        user: i === 0 ? null : { id: i === 1 ? pick(n) : 'U1' },
        channel: i === 2 ? null : { id: 'C1' },
        trigger_id: 'trigger-fuzz',
        response_url: `${h.fake.url}/response`,
        actions:
          i === 3
            ? null
            : i === 4
              ? [null]
              : [
                  {
                    action_id: actionId,
                    block_id: 'b',
                    type: actionId === COMMITMENT_ACTIONS.snooze ? 'overflow' : 'button',
                    value: i === 5 ? pick(n) : ['1:1', '999999:1', 'x', '-1', '1:1:abc', 'NaN'][n % 6],
                    selected_option: i === 5 ? null : { value: ['1:1:3', '1:x:1', ''][n % 3] },
                  },
                ],
      });
    }
  }
  for (const callbackId of [COMMITMENT_MODAL.log, COMMITMENT_MODAL.edit, 'unknown_view']) {
    for (let i = 0; i < CONFUSED.length; i++) {
      payloads.push({
        type: 'view_submission',
        user: { id: 'U1' },
        trigger_id: 'trigger-fuzz',
        view: {
          id: `VFUZZ${i}`,
          callback_id: callbackId,
          private_metadata: [pick(i), '{"channelId":', '{"channelId":5,"permalink":{}}', '1:1', 'null'][
            i % 5
          ],
          state:
            i % 3 === 0
              ? pick(i)
              : {
                  values: {
                    [COMMITMENT_MODAL.blocks.text]: { value: { value: pick(i) } },
                    [COMMITMENT_MODAL.blocks.title]: { value: { value: pick(i + 1) } },
                    [COMMITMENT_MODAL.blocks.owners]: { value: { selected_users: pick(i + 2) } },
                    [COMMITMENT_MODAL.blocks.due]: { value: { selected_date: pick(i + 3) } },
                  },
                },
        },
      });
    }
    payloads.push({ type: 'view_submission', user: { id: 'U1' }, view: null });
    payloads.push({ type: 'view_submission', user: { id: 'U1' }, view: { callback_id: callbackId } });
  }
  for (let i = 0; i < CONFUSED.length; i++) {
    payloads.push({
      type: 'message_action',
      callback_id: 'log_commitment',
      user: { id: 'U1' },
      trigger_id: 'trigger-fuzz',
      response_url: `${h.fake.url}/response`,
      channel: i % 2 ? { id: pick(i) } : pick(i),
      message: i % 3 ? { ts: pick(i), text: pick(i + 1) } : pick(i),
    });
    payloads.push({ type: 'shortcut', callback_id: pick(i), user: { id: 'U1' }, trigger_id: 'trigger-fuzz' });
  }
  return payloads;
}

describe('fuzzing every Slack entry point with signed, malformed payloads', () => {
  it('answers each with 2xx or 4xx, never crashes, and keeps serving', async () => {
    const statuses = new Map<number, number>();
    const record = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    let tried = 0;
    const failures: string[] = [];
    const send = async (body: string, type: string) => {
      tried++;
      // A connection the server closed after refusing an oversized body can fail the next request on
      // the client side: one retry tells that apart from a server that stopped answering.
      const status = await signedStatus(body, type).catch(() => signedStatus(body, type).catch(() => 0));
      record(status);
      if (status < 200 || status >= 500) failures.push(`${status} ${body.slice(0, 300)}`);
    };
    for (const body of eventBodies()) await send(JSON.stringify(body), JSON_TYPE);
    for (const body of commandBodies()) await send(new URLSearchParams(body).toString(), FORM_TYPE);
    for (const payload of interactionPayloads()) {
      await send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM_TYPE);
    }
    // Oversized and broken bodies.
    await send(JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(5 * 1024 * 1024) }), JSON_TYPE);
    await send('{"type":', JSON_TYPE);
    await send('payload=%7B%22type%22', FORM_TYPE);
    await send('\u0000\u0001', 'application/octet-stream');
    await send('', JSON_TYPE);
    await h.slack.deps.inFlight.drain(20_000);

    console.info(`fuzz: ${tried} signed requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    const ok = await h.event({ type: 'app_home_opened', user: 'U1', tab: 'home' });
    expect(ok.status).toBe(200);
  }, 60_000);
});
