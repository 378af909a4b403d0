import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack.ts';
import { useMemoryDatabase } from '../helpers/memory-db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMemoryDatabase();

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function readiness(h: SlackHarness) {
  const response = await fetch(`${h.baseUrl}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const mention = (ts: string) => ({
  type: 'app_mention',
  user: 'U1',
  channel: 'C1',
  ts,
  text: '<@UBOT> What did Guangxi propose on AI?',
});

describe('Slack Web API unreachable at start', () => {
  let h: SlackHarness;
  let slackBack: FakeSlack | undefined;
  afterAll(async () => {
    await h?.stop();
    await slackBack?.stop();
  });

  it('keeps serving, reports it on /readyz, refuses events so Slack retries them, and recovers', async () => {
    const apiPort = await freePort();
    h = await startSlackHarness(getDb(), {
      env: { SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/` },
      app: { identityBackoff: { minMs: 50, maxMs: 200 } },
    });
    // Several identity checks have failed by now; the server must be up and say why it is not ready.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await readiness(h)).toEqual({ status: 503, body: { ok: false, database: true, slack: false } });
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    // Not a 200 that would drop the event: Slack retries it later.
    expect((await h.event(mention('1732800000.000100'))).status).toBe(401);

    // Slack comes back on the same address: ready again without a restart, and answering.
    slackBack = await new FakeSlack().start(apiPort);
    await h.until(async () => (await readiness(h)).status === 200, 5_000);
    expect((await readiness(h)).body).toEqual({ ok: true, database: true, slack: true });
    expect((await h.event(mention('1732800001.000100'))).status).toBe(200);
    await h.until(() => slackBack!.calls('chat.update').length > 0, 10_000);
  }, 30_000);
});

describe('Slack Web API rate limits and errors while answering', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    // No documents: every question gets its (abstaining) answer quickly; what is measured is delivery.
    h = await startSlackHarness(getDb());
  }, 60_000);
  afterAll(() => h?.stop());

  it('delays answers through 429s with Retry-After and 5xx bursts, without losing or doubling any', async () => {
    // Every post is refused with 429 for 4 s (a 30 s rate limit, scaled down: Retry-After is at least
    // 1 s), and every update fails with 503 for 6 s (until after the posts went through).
    h.fake.outage(
      'POST /api/chat.postMessage',
      { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
      4_000,
    );
    h.fake.outage('POST /api/chat.update', { status: 503, body: 'upstream unavailable' }, 6_000);
    const threads = Array.from({ length: 6 }, (_, i) => `17329000${String(i).padStart(2, '0')}.000100`);
    const started = Date.now();
    for (const ts of threads) expect((await h.event(mention(ts))).status).toBe(200);
    await h.slack.deps.inFlight.drain(60_000);
    const elapsed = Date.now() - started;

    const ok = (method: string) =>
      h.fake.requestsTo(`POST /api/${method}`).filter((request) => request.status === 200);
    const refused = (method: string) =>
      h.fake.requestsTo(`POST /api/${method}`).filter((request) => request.status !== 200).length;
    const field = (request: { body: unknown }, name: string) =>
      (request.body as Record<string, string>)[name];
    const placeholders = threads.map((ts) =>
      ok('chat.postMessage').filter((r) => field(r, 'thread_ts') === ts),
    );
    const answered = new Set(ok('chat.update').map((request) => field(request, 'ts')));
    console.info(
      `Slack 429/5xx window: ${threads.length} questions acked, answered in ${elapsed} ms; ` +
        `refused calls retried: ${refused('chat.postMessage')} posts, ${refused('chat.update')} updates`,
    );
    // Exactly one placeholder per question, and exactly one successful update per question overall.
    expect(placeholders.map((posts) => posts.length)).toEqual(threads.map(() => 1));
    expect(ok('chat.update')).toHaveLength(threads.length);
    expect(answered.size).toBe(threads.length);
    expect(refused('chat.postMessage')).toBeGreaterThan(0);
    expect(refused('chat.update')).toBeGreaterThan(0);
  }, 60_000);
});
