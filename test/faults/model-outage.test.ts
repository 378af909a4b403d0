import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/ingest/index.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { useMemoryDatabase } from '../helpers/memory-db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

// The model endpoint down (503 on every call) and then hanging (no answer before LLM_TIMEOUT_MS):
// each question must end in an apology with a request id, no placeholder may stay "Searching…", the
// process must keep answering Slack quickly, and it must be healthy throughout.

const getDb = useMemoryDatabase();
let h: SlackHarness;
let openai: FakeOpenAI;

beforeAll(async () => {
  openai = await new FakeOpenAI().start();
  h = await startSlackHarness(getDb(), {
    env: {
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      EMBEDDER: 'local',
      LLM_TIMEOUT_MS: '300',
    },
  });
  await ingestInputs(h.ctx, ['samples/minutes/000_fc3021ebb688c876.txt']);
}, 60_000);
afterAll(async () => {
  await h?.stop();
  await openai?.stop();
});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

describe('model endpoint down or hanging', () => {
  for (const mode of ['down', 'hanging'] as const) {
    it(`apologises with a request id and leaves no placeholder hanging (${mode})`, async () => {
      openai.onChat(() =>
        mode === 'down'
          ? { status: 503, body: { error: { message: 'overloaded' } } }
          : { delayMs: 2_000, body: { error: { message: 'too late' } } },
      );
      const prefix = mode === 'down' ? '17330000' : '17330001';
      const threads = Array.from({ length: 10 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}.000100`);
      const asksBefore = responseUrlPosts(h.fake).length;
      const updatesBefore = h.fake.calls('chat.update').length;
      const acks: number[] = [];
      const timed = async (send: () => Promise<Response>) => {
        const start = performance.now();
        const response = await send();
        acks.push(performance.now() - start);
        expect(response.status).toBe(200);
      };
      for (const ts of threads) {
        await timed(() =>
          h.event({
            type: 'app_mention',
            user: 'U1',
            channel: 'C1',
            ts,
            text: '<@UBOT> What did Guangxi propose on AI?',
          }),
        );
        await timed(() => h.command('/ask', 'What did Guangxi propose on AI?'));
      }
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
      await h.slack.deps.inFlight.drain(60_000);

      const placeholders = h.fake
        .calls('chat.postMessage')
        .filter((call) => threads.includes(String(call.args.thread_ts)));
      const apologies = h.fake
        .calls('chat.update')
        .slice(updatesBefore)
        .filter((call) =>
          /^Sorry, I couldn't answer this time: .+\(request id [0-9a-f]{8}\)/.test(String(call.args.text)),
        );
      const askApologies = responseUrlPosts(h.fake)
        .slice(asksBefore)
        .filter((post) => /request id [0-9a-f]{8}/.test(String(post.text)));
      const updatedTs = new Set(apologies.map((call) => String(call.args.ts)));
      acks.sort((a, b) => a - b);
      console.info(
        `model ${mode}: ${acks.length} requests, ack p50 ${percentile(acks, 50).toFixed(1)} ms, ` +
          `p99 ${percentile(acks, 99).toFixed(1)} ms; ${placeholders.length} placeholders, ` +
          `${updatedTs.size} replaced by an apology, ${askApologies.length}/${threads.length} /ask apologies`,
      );
      expect(placeholders).toHaveLength(threads.length);
      // Every placeholder was replaced (each update names its own placeholder's ts), none twice.
      expect(updatedTs.size).toBe(threads.length);
      expect(apologies).toHaveLength(threads.length);
      expect(askApologies).toHaveLength(threads.length);
      // Slack gives up after 3 s: the acknowledgement never waits for the model.
      expect(percentile(acks, 99)).toBeLessThan(3_000);
      expect((await fetch(`${h.baseUrl}/readyz`)).status).toBe(200);
    }, 90_000);
  }
});
