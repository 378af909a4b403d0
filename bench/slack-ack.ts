// Ack latency of the Slack app: how long Slack waits for our HTTP 200 on events and slash commands
// while answers are computed in the background, and of /commit while users.info takes 4 s. Slack gives
// up after 3 s.
// Run: node bench/slack-ack.ts [requests=200] [--model down|hanging]
// (embedded database in memory, offline embedder, fake Slack API; with --model, a fake model endpoint
// that answers 503 or never answers within LLM_TIMEOUT_MS=1000, to measure acks during an outage)
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/pool.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { FakeOpenAI } from '../test/fakes/openai.ts';
import { startSlackHarness } from '../test/helpers/slack-harness.ts';

const { values, positionals } = parseArgs({ options: { model: { type: 'string' } }, allowPositionals: true });
const total = Number(positionals[0] ?? 200);
const db = await openDatabase({ memory: true });
await migrate(db.pool);
let openai: FakeOpenAI | undefined;
if (values.model) {
  if (values.model !== 'down' && values.model !== 'hanging') throw new Error('--model down|hanging');
  const mode = values.model;
  openai = await new FakeOpenAI().start();
  openai.onChat(() =>
    mode === 'down'
      ? { status: 503, body: { error: { message: 'overloaded' } } }
      : { delayMs: 5_000, body: {} },
  );
  console.log(`model endpoint ${mode} for the whole run`);
}
const harness = await startSlackHarness(db, {
  env: openai
    ? {
        OPENAI_API_KEY: 'sk-bench',
        OPENAI_BASE_URL: openai.baseURL,
        EMBEDDER: 'local',
        LLM_TIMEOUT_MS: '1000',
      }
    : {},
});
await ingestInputs(harness.ctx, ['samples/minutes']);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, send: (i: number) => Promise<Response>) {
  const times: number[] = [];
  for (let i = 0; i < total; i++) {
    const start = performance.now();
    const response = await send(i);
    if (!response.bodyUsed) await response.text();
    times.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} n=${total}  p50=${percentile(times, 50).toFixed(1)} ms  p95=${percentile(times, 95).toFixed(1)} ms  p99=${percentile(times, 99).toFixed(1)} ms  max=${times.at(-1)!.toFixed(1)} ms`,
  );
}

await measure('app_mention event ack', (i) =>
  harness.event({
    type: 'app_mention',
    user: 'U1',
    channel: 'C1',
    ts: `1732500000.${String(i).padStart(6, '0')}`,
    text: '<@UBOT> What did Guangxi propose on AI?',
  }),
);
await measure('/ask command ack', () => harness.command('/ask', 'What did Guangxi propose on AI?'));
await measure('/commit command ack', (i) =>
  harness.command('/commit', `<@U2> send the draft MoU number ${i} by Friday`),
);
// Each author's first /commit looks up their time zone; with Slack slow, that must not delay the ack.
harness.fake.route('POST /api/users.info', (request) => ({
  delayMs: 4_000,
  body: { ok: true, user: { id: (request.body as { user?: string }).user, tz: 'Europe/Paris' } },
}));
await measure('/commit ack, users.info 4 s', (i) =>
  harness.command('/commit', `send the agenda number ${i} by Friday`, { userId: `USLOW${i}` }),
);
const drainStart = performance.now();
await harness.slack.deps.inFlight.drain(600_000);
console.log(
  `background work drained in ${((performance.now() - drainStart) / 1000).toFixed(1)} s (answers computed after the acks)`,
);
await harness.stop();
await openai?.stop();
await db.close();
