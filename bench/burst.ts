// Bursts of simultaneous questions: K signed app_mention events sent at once (real HTTP from a worker
// thread, the real Bolt app, the fake Slack Web API, offline answers over the sample minutes), on the
// embedded database and on native Postgres. Prints ack p50/p95/p99/max, acks over Slack's 3 s, and the
// time until every question was answered, as a Markdown table. Also: the in-app ack p99 (arrival of the
// request in the receiver to its 200, from the ack histogram's buckets) and the longest event-loop stall
// of the app while the acks were awaited (the rest of an ack's time is the host's CPU and the network).
// A second table says where an ack's time goes: the milestones of the requests (p50/p99 from the burst's
// start) on the sender's side (undici's diagnostics channels: created, connected, headers sent) and the
// app's (node's net/http channels: connection accepted, request handed to the app, 200 written), the
// event-loop utilisation of the app's thread and of the sender's over the ack window, the event-loop
// delay, and the database queries started in the ack window (post-ack work competing with the acks).
// Run: npm run bench:burst [-- --backend pglite|postgres|both] [--k 1,10,50,200] [--sender raw|fetch]
//   [--spread ms] [--env NAME=value]
//   native Postgres needs DATABASE_URL or TEST_DATABASE_URL (a throwaway database is created and dropped)
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Session } from 'node:inspector/promises';
import { cpus, totalmem } from 'node:os';
import { monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { migrate } from '../src/db/migrate.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { slackAckSeconds } from '../src/metrics.ts';
import { SIGNING_SECRET, startSlackHarness } from '../test/helpers/slack-harness.ts';
import type { SenderInput, SenderPhase, SenderResult } from './burst-sender.ts';
import { percentile } from './stats.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'both' },
    k: { type: 'string', default: '1,10,50,200' },
    /** `raw` (default): prebuilt requests on plain sockets; `fetch`: undici's fetch (heavier sender). */
    sender: { type: 'string', default: 'raw' },
    /** Send the K requests evenly over this many ms instead of all at once. */
    spread: { type: 'string', default: '0' },
    /** Write a CPU profile of the app's thread over each burst's ack window to <prefix>-<backend>-<K>.cpuprofile. */
    profile: { type: 'string' },
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
const sender = values.sender as 'raw' | 'fetch';
if (sender !== 'raw' && sender !== 'fetch') throw new Error('--sender raw|fetch');
const spreadMs = Number(values.spread);
const env = Object.fromEntries(values.env.map((pair) => pair.split('=', 2) as [string, string]));
const SLACK_TIMEOUT_MS = 3_000;

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

/** Starts the sender; `ready` resolves once it waits for `go()` (its start-up done, its requests built). */
function startSender(input: SenderInput) {
  const worker = new Worker(new URL('./burst-sender.ts', import.meta.url), { workerData: input });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  const ready = Promise.race([
    failed,
    new Promise<void>((resolve) => worker.once('message', () => resolve())),
  ]);
  return {
    ready,
    go(): Promise<SenderResult> {
      const result = Promise.race([
        failed,
        new Promise<SenderResult>((resolve) => worker.once('message', resolve)),
      ]);
      worker.postMessage('go');
      return result;
    },
  };
}

const rows: string[] = [];
const phaseRows: string[] = [];
const absNow = () => performance.timeOrigin + performance.now();
type AppPhase = 'accepted' | 'handled' | 'answered';

/**
 * Records the app's milestones for its Slack requests, from node's net and http channels (the fake
 * Slack API shares the process: its connections are told apart by their server once one is known).
 */
function watchApp() {
  const phases: Record<AppPhase, number[]> = { accepted: [], handled: [], answered: [] };
  const accepted: [number, unknown][] = [];
  let appServer: unknown;
  const onSocket = (message: unknown) => {
    accepted.push([absNow(), (message as { socket: { server?: unknown } }).socket.server]);
  };
  const onStart = (message: unknown) => {
    const { request, server } = message as { request: IncomingMessage; server: unknown };
    if (request.url !== '/slack/events') return;
    appServer = server;
    phases.handled.push(absNow());
  };
  const onFinish = (message: unknown) => {
    if ((message as { request: IncomingMessage }).request.url === '/slack/events')
      phases.answered.push(absNow());
  };
  subscribe('net.server.socket', onSocket);
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return {
    phases,
    stop() {
      unsubscribe('net.server.socket', onSocket);
      unsubscribe('http.server.request.start', onStart);
      unsubscribe('http.server.response.finish', onFinish);
      phases.accepted = accepted.filter(([, server]) => server === appServer).map(([time]) => time);
    },
  };
}

/** Counts the app's pool queries (start times) and the pool's longest wait line, while on. */
function watchQueries(pool: { query: (...args: never[]) => unknown; waitingCount: number }) {
  const started: number[] = [];
  let maxWaiting = 0;
  let on = false;
  const query = pool.query;
  pool.query = function (this: unknown, ...args: never[]) {
    if (on) {
      started.push(absNow());
      maxWaiting = Math.max(maxWaiting, pool.waitingCount);
    }
    return query.apply(this, args);
  } as typeof pool.query;
  return {
    started,
    get maxWaiting() {
      return maxWaiting;
    },
    start() {
      started.length = 0;
      maxWaiting = 0;
      on = true;
    },
    stop() {
      on = false;
    },
  };
}

/** The app thread's stalls over 30 ms (absolute start, duration) and its GC pauses over 10 ms, while on. */
function watchStalls() {
  const stalls: [number, number][] = [];
  const gcs: [number, number, number][] = [];
  let last = absNow();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const t = absNow();
    if (t - last > 30) stalls.push([last, t - last]);
    last = t;
    timer = setTimeout(tick, 2);
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > 10)
        gcs.push([
          performance.timeOrigin + entry.startTime,
          entry.duration,
          (entry as { detail?: { kind?: number } }).detail?.kind ?? 0,
        ]);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  tick();
  return {
    stop(start: number): string {
      clearTimeout(timer);
      observer.disconnect();
      const at = ([t, d]: [number, number, ...unknown[]]) =>
        `${Math.round(d)} ms at ${Math.round(t - start)}`;
      return `stalls: ${stalls.map(at).join(', ') || 'none'}; GC: ${gcs.map((g) => `${at(g)} (kind ${g[2]})`).join(', ') || 'none'}`;
    },
  };
}

/** p50/p99 of milestones, in ms after `start`. */
function spread(times: number[], start: number): string {
  if (!times.length) return '–';
  const sorted = times.map((t) => t - start).sort((a, b) => a - b);
  return `${Math.round(percentile(sorted, 50))} / ${Math.round(percentile(sorted, 99))}`;
}
for (const backend of backends) {
  const { db, cleanup } = await openThrowawayDatabase(backend === 'postgres' ? nativeUrl : undefined, {
    prefix: 'bench_burst',
  });
  await migrate(db.pool);
  const harness = await startSlackHarness(db, { env });
  await ingestInputs(harness.ctx, ['samples/minutes']);
  const queries = watchQueries(harness.ctx.db.pool as never);
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
    const sending = startSender({
      baseUrl: harness.baseUrl,
      signingSecret: SIGNING_SECRET,
      k,
      channel,
      sender,
      spreadMs,
    });
    await sending.ready;
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const app = watchApp();
    const stalls = watchStalls();
    loop.enable();
    queries.start();
    const profiler = values.profile ? new Session() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
    }
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    const result = await sending.go();
    loop.disable();
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      await writeFile(`${values.profile}-${backend}-${k}.cpuprofile`, JSON.stringify(profile));
      profiler.disconnect();
    }
    app.stop();
    queries.stop();
    const stallReport = stalls.stop(result.startAbs);
    const lastAck = result.startAbs + Math.max(...result.doneMs);
    const appElu = performance.eventLoopUtilization(elu).utilization;
    const queriesInWindow = queries.started.filter((t) => t <= lastAck);
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
    const sent = (phase: SenderPhase) => spread(result.phases[phase], result.startAbs);
    const got = (phase: AppPhase) => spread(app.phases[phase], result.startAbs);
    phaseRows.push(
      `| ${backend === 'pglite' ? 'embedded' : 'native'} | ${k} | ${sent('created')} | ${sent('connected')} | ${sent('headersSent')} | ${got('accepted')} | ${got('handled')} | ${got('answered')} | ${sent('responseHeaders')} | ${Math.round(appElu * 100)} % | ${Math.round(result.senderElu * 100)} % | ${Math.round(loop.percentile(99) / 1e6)} / ${Math.round(loop.max / 1e6)} ms | ${queriesInWindow.length} (first ${spread(queriesInWindow.slice(0, 1), result.startAbs).split(' ')[0]} ms, pool wait line ≤ ${queries.maxWaiting}) |`,
    );
    console.error(phaseRows.at(-1));
    console.error(`  ${backend} K=${k} app thread ${stallReport}`);
    await harness.slack.deps.inFlight.drain(60_000);
  }
  await harness.stop();
  await cleanup();
}

const settings = Object.entries(env)
  .map(([key, value]) => `${key}=${value}`)
  .join(' ');
console.log(
  `\nBurst of K simultaneous mentions; ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}; sender ${sender}${spreadMs ? `, sent over ${spreadMs} ms (ack times from each request's own send)` : ', all at once'}${settings ? `; ${settings}` : ''}\n`,
);
console.log(
  '| database | K | ack p50 | ack p95 | ack p99 | ack max | acks over 3 s | in-app ack p99 | longest event-loop stall | all answered |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  "\nWhere an ack's time goes: milestones in ms after the burst started, p50 / p99 (sender: created, connected, headers sent, response; app: connection accepted, request handed to the app, 200 written); event-loop utilisation of the app and of the sender over the ack window; the app's event-loop delay p99 / max; database queries started in the ack window\n",
);
console.log(
  '| database | K | created | connected | headers sent | accepted | handled | 200 written | response | app ELU | sender ELU | loop delay p99 / max | queries during acks |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of phaseRows) console.log(row);
