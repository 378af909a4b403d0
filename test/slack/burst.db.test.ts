import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { chatCompletion, FakeOpenAI } from '../fakes/openai.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

// Bursts of questions: every Slack request is acknowledged while the answers wait on a model that does
// not reply until the test lets it, at most ANSWER_CONCURRENCY answers run, each question is answered
// exactly once (Slack's retries included), and a full queue is said so.

const getDb = useMigratedDatabase();
let openai: FakeOpenAI;
/** Chat requests wait for this gate; `openGate()` lets them (and later ones) through. */
let gate: Promise<void>;
let openGate: () => void;
const harnesses: SlackHarness[] = [];

function closeGate() {
  gate = new Promise((resolve) => {
    openGate = resolve;
  });
}

async function harness(env: Record<string, string>): Promise<SlackHarness> {
  const h = await startSlackHarness(getDb().db, {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, EMBEDDER: 'local', ...env },
  });
  harnesses.push(h);
  return h;
}

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  openai = await new FakeOpenAI().start();
  openai.onChat(async () => {
    await gate;
    return chatCompletion('Guangxi proposed a joint laboratory on artificial intelligence [1].');
  });
  const first = await harness({});
  // One short document: the answers only need passages to send to the model.
  await ingestInputs(first.ctx, ['samples/minutes/002_283a66ff2f5d2880.txt']);
}, 120_000);

afterAll(async () => {
  openGate?.();
  for (const h of harnesses) await h.stop();
  await openai?.stop();
});

const QUEUED = /queued \(number (\d+) in line\)/;

function mention(channel: string, i: number) {
  return {
    type: 'app_mention',
    user: `U${i}`,
    channel,
    ts: `1764400000.${String(i).padStart(6, '0')}`,
    text: '<@UBOT> What did Guangxi propose on AI?',
  };
}

/** The final replies (not placeholders) posted or updated in a channel, by the ts they replaced. */
function finalReplies(h: SlackHarness, channel: string) {
  return h.fake
    .calls('chat.update')
    .filter((call) => call.args.channel === channel)
    .filter((call) => !/Searching the minutes|queued \(number/.test(String(call.args.text)));
}

describe('a burst of questions', () => {
  it('acknowledges 30 mentions and their retries while answers wait, runs 3 at a time, answers each once', async () => {
    closeGate();
    const h = await harness({ ANSWER_CONCURRENCY: '3' });
    const channel = 'CBURST';
    const chatBefore = openai.chatRequests().length;
    // Slack retries some events while the first delivery is still being handled.
    const sends = Array.from({ length: 30 }, (_, i) => [
      h.event(mention(channel, i), { eventId: `EvBurst${i}` }),
      ...(i % 3 === 0 ? [h.event(mention(channel, i), { eventId: `EvBurst${i}`, retryNum: 1 })] : []),
    ]).flat();
    const statuses = (await Promise.all(sends)).map((response) => response.status);
    expect(statuses).toEqual(new Array(40).fill(200));
    // Every request was acknowledged while no answer could finish (the model has not replied yet).
    expect(finalReplies(h, channel)).toEqual([]);

    const placeholders = await h.until(() => {
      const posted = h.fake.calls('chat.postMessage').filter((call) => call.args.channel === channel);
      return posted.length === 30 && posted;
    });
    // Three answers run (the model holds their requests); the other 27 wait, in line, and say so.
    await h.until(() => openai.chatRequests().length - chatBefore === 3);
    const positions = placeholders
      .map((call) => QUEUED.exec(String(call.args.text))?.[1])
      .filter((position) => position !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toContain('minutebook_answer_queue_depth{state="waiting"} 27');
    expect(metrics).toContain('minutebook_answer_queue_depth{state="running"} 3');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(openai.chatRequests().length - chatBefore).toBe(3);

    openGate();
    await h.until(() => finalReplies(h, channel).length >= 30, 60_000);
    await h.slack.deps.inFlight.drain(10_000);
    const replies = finalReplies(h, channel);
    expect(replies).toHaveLength(30);
    // One reply per placeholder: no question answered twice, none left waiting.
    expect(new Set(replies.map((call) => call.args.ts)).size).toBe(30);
    expect(new Set(placeholders.map((call) => call.args.thread_ts)).size).toBe(30);
    expect(h.fake.calls('chat.postMessage').filter((call) => call.args.channel === channel)).toHaveLength(30);
    expect(await (await fetch(`${h.baseUrl}/metrics`)).text()).toContain(
      'minutebook_answer_queue_wait_seconds_count',
    );
  }, 120_000);

  it('refuses the mentions of a burst whose signature does not match, and answers the others once', async () => {
    const h = await harness({});
    openGate();
    const channel = 'CSIGNED';
    const forged = (i: number) =>
      h.post(
        JSON.stringify({
          type: 'event_callback',
          event_id: `EvForged${i}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
          event: mention(channel, i),
        }),
        'application/json',
        { badSignature: true },
      );
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 4 === 0 ? forged(i) : h.event(mention(channel, i))).then((response) => response.status),
      ),
    );
    expect(statuses).toEqual(Array.from({ length: 20 }, (_, i) => (i % 4 === 0 ? 401 : 200)));
    await h.until(() => finalReplies(h, channel).length >= 15, 60_000);
    await h.slack.deps.inFlight.drain(10_000);
    const asked = h.fake
      .calls('chat.postMessage')
      .filter((call) => call.args.channel === channel)
      .map((call) => call.args.thread_ts);
    expect(asked).toHaveLength(15);
    expect(asked).not.toContain(mention(channel, 0).ts);
    expect(finalReplies(h, channel)).toHaveLength(15);
  }, 120_000);

  it('tells the asker at once when the queue is full, in the thread and for /ask', async () => {
    closeGate();
    const h = await harness({ ANSWER_CONCURRENCY: '1', ANSWER_QUEUE_LIMIT: '2' });
    const channel = 'CFULL';
    const statuses = await Promise.all(
      Array.from({ length: 3 }, (_, i) => h.event(mention(channel, i)).then((response) => response.status)),
    );
    expect(statuses).toEqual([200, 200, 200]);
    // One runs, two wait: the queue is full.
    await h.until(() => h.slack.deps.answerQueue.waiting === 2 && h.slack.deps.answerQueue.running === 1);
    expect((await h.event(mention(channel, 3))).status).toBe(200);
    const busy = await h.until(() =>
      h.fake
        .calls('chat.postMessage')
        .find((call) => call.args.channel === channel && /busy/.test(String(call.args.text))),
    );
    expect(busy.args.thread_ts).toBe(mention(channel, 3).ts);
    expect(String(busy.args.text)).toContain('Please ask again in a few minutes');

    const ask = await h.command('/ask', 'What did Guangxi propose on AI?');
    expect(ask.status).toBe(200);
    expect(JSON.stringify(h.responses().at(-1))).toContain('Minutebook is busy');
    expect(await (await fetch(`${h.baseUrl}/metrics`)).text()).toMatch(
      /minutebook_answer_queue_rejected_total [1-9]/,
    );

    openGate();
    await h.until(() => finalReplies(h, channel).length >= 3, 60_000);
    await h.slack.deps.inFlight.drain(10_000);
    expect(finalReplies(h, channel)).toHaveLength(3);
    // The refused /ask was never answered later.
    expect(responseUrlPosts(h.fake)).toEqual([]);
  }, 120_000);

  it('tells questions still queued when the app stops to ask again', async () => {
    closeGate();
    const h = await harness({ ANSWER_CONCURRENCY: '1' });
    const channel = 'CSTOP';
    for (let i = 0; i < 3; i++) expect((await h.event(mention(channel, i))).status).toBe(200);
    await h.until(() => h.slack.deps.answerQueue.waiting === 2);
    const stopped = h.slack.stop();
    openGate();
    await stopped;
    const replies = finalReplies(h, channel).map((call) => String(call.args.text));
    expect(replies).toHaveLength(3);
    expect(
      replies.filter((text) => /did not get to this question\. Please ask again/.test(text)),
    ).toHaveLength(2);
  }, 120_000);
});
