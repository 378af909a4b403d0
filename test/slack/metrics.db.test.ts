import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { startJobs } from '../../src/jobs/boss.ts';
import { createLogger } from '../../src/log.ts';
import { chatCompletion, FakeOpenAI } from '../fakes/openai.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
let openai: FakeOpenAI;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  openai = await new FakeOpenAI().start();
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
      done();
    },
  });
  h = await startSlackHarness(getDb().db, {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: openai.baseURL, EMBEDDER: 'local' },
    logger: createLogger('info', sink),
  });
  await ingestInputs(h.ctx, ['samples/minutes']);
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await openai?.stop();
});

async function scrape(): Promise<string> {
  const response = await fetch(`${h.baseUrl}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample line, e.g. metric('minutebook_answers_total{mode="llm",outcome="failed"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

async function mention(ts: string, question: string) {
  const before = h.fake.calls('chat.update').length;
  const response = await h.event({
    type: 'app_mention',
    user: 'U1',
    channel: 'C1',
    ts,
    text: `<@UBOT> ${question}`,
  });
  expect(response.status).toBe(200);
  return h.until(() => h.fake.calls('chat.update')[before]);
}

describe('/metrics', () => {
  it('counts ingestion, acks, a failed answer by model error kind, with the request id in the logs', async () => {
    openai.onChat(() => ({ status: 503, body: { error: { message: 'overloaded' } } }));
    const update = await mention('1732500000.000100', 'What did Guangxi propose on AI?');
    const apology = JSON.stringify(update.args);
    const requestId = /request id ([0-9a-f]{8})/.exec(apology)?.[1];
    expect(requestId).toBeDefined();
    // Every line logged while handling that request carries the id the apology shows.
    const lines = logLines.filter((line) => line.requestId === requestId);
    expect(lines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['answering failed', 'answer failed']),
    );

    const text = await scrape();
    expect(sample(text, 'minutebook_ingest_inputs_total{status="ingested"}')).toBe(5);
    expect(sample(text, 'minutebook_slack_ack_seconds_count{surface="event:app_mention"}')).toBe(1);
    expect(sample(text, 'minutebook_answers_total{mode="llm",outcome="failed"}')).toBe(1);
    expect(sample(text, 'minutebook_model_errors_total{kind="server"}')).toBe(1);
  });

  it('counts answers, abstentions and sentences dropped by citation verification', async () => {
    openai.onChat(() => chatCompletion('Guangxi proposed a football stadium, without any source.'));
    await mention('1732500001.000100', 'What did Guangxi propose on AI?');
    const ask = await h.command('/ask', 'What did Guangxi propose on AI?');
    expect(ask.status).toBe(200);
    await h.slack.deps.inFlight.drain(10_000);
    await h.until(async () => sample(await scrape(), 'minutebook_answer_seconds_count{mode="llm"}') === 2);

    const text = await scrape();
    expect(sample(text, 'minutebook_answers_total{mode="llm",outcome="abstained"}')).toBe(2);
    expect(sample(text, 'minutebook_citation_drops_total')).toBe(2);
    expect(sample(text, 'minutebook_slack_ack_seconds_count{surface="command:/ask"}')).toBe(1);
    expect(sample(text, 'minutebook_slack_ack_seconds_count{surface="event:app_mention"}')).toBe(2);
  });

  it('reports the depth of each job queue while jobs run', async () => {
    const { url } = getDb();
    const ctx = { ...h.ctx, config: { ...h.ctx.config, DATABASE_URL: url } };
    const jobs = await startJobs(ctx, {
      'metrics-probe': { cron: '0 0 1 1 *', run: async () => undefined },
    });
    try {
      // pg-boss refreshes its queue counts once a minute: a fresh queue reports 0.
      expect(sample(await scrape(), 'minutebook_job_queue_depth{queue="metrics-probe"}')).toBe(0);
    } finally {
      await jobs.stop();
    }
    expect(await scrape()).not.toContain('minutebook_job_queue_depth{');
  });
});
