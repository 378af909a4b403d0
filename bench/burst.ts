// Bursts of simultaneous questions: K signed app_mention events sent at once (real HTTP from a worker
// thread, the real Bolt app, the fake Slack Web API, offline answers over the sample minutes), on the
// embedded database and on native Postgres. Prints ack p50/p95/p99/max, acks over Slack's 3 s, and the
// time until every question was answered, as a Markdown table. Also: the in-app ack p99 (arrival of the
// request in the receiver to its 200, from the ack histogram's buckets) and the longest event-loop stall
// of the app while the acks were awaited (the rest of an ack's time is the host's CPU and the network).
// Run: npm run bench:burst [-- --backend pglite|postgres|both] [--k 1,10,50,200]
//   native Postgres needs DATABASE_URL or TEST_DATABASE_URL (a throwaway database is created and dropped)
import { cpus, totalmem } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { migrate } from '../src/db/migrate.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { slackAckSeconds } from '../src/metrics.ts';
import { SIGNING_SECRET, startSlackHarness } from '../test/helpers/slack-harness.ts';
import type { SenderInput, SenderResult } from './burst-sender.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    k: { type: 'string', default: '1,10,50,200' },
    /** Extra settings for the app, e.g. --env ANSWER_CONCURRENCY=2 (repeatable). */
    env: { type: 'string', multiple: true, default: [] },
  },
});
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const backends = (values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend]) as (
  | 'pglite'
  | 'postgres'
)[];
if (backends.includes('postgres') && !nativeUrl) {
  throw new Error('the postgres backend needs DATABASE_URL or TEST_DATABASE_URL (or pass --backend pglite)');
}
const bursts = values.k.split(',').map(Number);
const env = Object.fromEntries(values.env.map((pair) => pair.split('=', 2) as [string, string]));
const SLACK_TIMEOUT_MS = 3_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Cumulative count of acknowledged mentions per histogram bucket (upper bound in seconds). */
async function serverAckBuckets(): Promise<Map<number, number>> {
  const { values } = await slackAckSeconds.get();
  const buckets = new Map<number, number>();
  for (const value of values) {
    if (value.metricName?.endsWith('_bucket') && value.labels.surface === 'event:app_mention') {
      const bound = (value.labels as { le?: string | number }).le;
      const le = bound === '+Inf' ? Number.POSITIVE_INFINITY : Number(bound);
      buckets.set(le, value.value);
    }
  }
  return buckets;
}

/** The smallest bucket bound under which at least 99 % of this burst's acks fell (arrival to 200, in the app). */
function serverP99(before: Map<number, number>, after: Map<number, number>, k: number): string {
  for (const [le, count] of [...after].sort((a, b) => a[0] - b[0])) {
    if (count - (before.get(le) ?? 0) >= 0.99 * k)
      return Number.isFinite(le) ? `≤ ${le * 1000} ms` : '> 2.5 s';
  }
  return '?';
}

function send(input: SenderInput): Promise<SenderResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./burst-sender.ts', import.meta.url), { workerData: input });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const rows: string[] = [];
for (const backend of backends) {
  const { db, cleanup } = await openThrowawayDatabase(backend === 'postgres' ? nativeUrl : undefined, {
    prefix: 'bench_burst',
  });
  await migrate(db.pool);
  const harness = await startSlackHarness(db, { env });
  await ingestInputs(harness.ctx, ['samples/minutes']);
  for (const k of bursts) {
    const channel = `CBURST${k}`;
    const answered = () =>
      harness.fake
        .calls('chat.update')
        .filter(
          (call) => call.args.channel === channel && !/Searching|[Qq]ueued/.test(String(call.args.text)),
        ).length +
      harness.fake
        .calls('chat.postMessage')
        .filter((call) => call.args.channel === channel && /busy/i.test(String(call.args.text))).length;
    const bucketsBefore = await serverAckBuckets();
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const start = performance.now();
    const result = await send({ baseUrl: harness.baseUrl, signingSecret: SIGNING_SECRET, k, channel });
    loop.disable();
    const server = serverP99(bucketsBefore, await serverAckBuckets(), k);
    const failed = result.statuses.filter((status) => status !== 200).length;
    if (failed) throw new Error(`${failed} of ${k} events were not acknowledged with 200`);
    await harness.until(() => answered() >= k, 600_000);
    const allAnswered = performance.now() - start;
    const acks = [...result.ackMs].sort((a, b) => a - b);
    const over = acks.filter((ms) => ms > SLACK_TIMEOUT_MS).length;
    const ms = (value: number) => `${Math.round(value)} ms`;
    rows.push(
      `| ${backend === 'pglite' ? 'embedded (PGlite)' : 'native PostgreSQL'} | ${k} | ${ms(percentile(acks, 50))} | ${ms(percentile(acks, 95))} | ${ms(percentile(acks, 99))} | ${ms(acks.at(-1)!)} | ${over} | ${server} | ${Math.round(loop.max / 1e6)} ms | ${(allAnswered / 1000).toFixed(1)} s |`,
    );
    console.error(rows.at(-1));
    await harness.slack.deps.inFlight.drain(60_000);
  }
  await harness.stop();
  await cleanup();
}

const settings = Object.entries(env)
  .map(([key, value]) => `${key}=${value}`)
  .join(' ');
console.log(
  `\nBurst of K simultaneous mentions; ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}${settings ? `; ${settings}` : ''}\n`,
);
console.log(
  '| database | K | ack p50 | ack p95 | ack p99 | ack max | acks over 3 s | in-app ack p99 | longest event-loop stall | all answered |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
