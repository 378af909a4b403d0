import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { createTestDatabase, currentBackend, type TestDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';

// The CLI opens its own database from the environment: a data dir on pglite, a fresh database on native.
let env: Record<string, string>;
let dataDir: string | undefined;
let native: TestDatabase | undefined;

beforeAll(async () => {
  if (currentBackend() === 'postgres') {
    native = await createTestDatabase();
    env = { DATABASE_URL: native.url!, LOG_LEVEL: 'silent' };
  } else {
    dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-ask-'));
    env = { MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  }
});
afterAll(async () => {
  await native?.destroy();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function ask(...args: string[]) {
  const capture = captureIO();
  const code = await runCli(['ask', ...args], { env, io: capture.io });
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('minutebook ask, offline on the seed articles', () => {
  it('answers "What did Guangxi propose on AI?" with quotes that include the AI cooperation centre', async () => {
    const { code, stdout } = await ask('What did Guangxi propose on AI?', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result)).toEqual([
      'answer',
      'language',
      'abstained',
      'citations',
      'commitment_citations',
    ]);
    expect(result).toMatchObject({ language: 'en', abstained: false });
    expect(result.citations.length).toBeGreaterThan(0);
    for (const citation of result.citations) {
      expect(Object.keys(citation)).toEqual([
        'n',
        'document_id',
        'title',
        'source_uri',
        'quote',
        'start_char',
        'end_char',
      ]);
      expect(result.answer).toContain(`[${citation.n}]`);
    }
    expect(result.citations.map((citation: { quote: string }) => citation.quote).join('\n')).toMatch(
      /centre de coopération Chine-Vietnam en matière d’innovation en intelligence artificielle|centrum för innovationssamarbete inom artificiell intelligens/,
    );
  }, 120_000);

  it('abstains on "What was the budget of the AI centre?"', async () => {
    const { code, stdout } = await ask('What was the budget of the AI centre?', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      answer: "I couldn't find this in the indexed documents.",
      language: 'en',
      abstained: true,
      citations: [],
      commitment_citations: [],
    });
  }, 60_000);

  it('renders the answer, the offline notice and numbered sources in plain output', async () => {
    const { code, stdout } = await ask('What did Guangxi propose on AI?');
    expect(code).toBe(0);
    expect(stdout).toContain('(A language model is not configured: showing the passages that answer best.)');
    expect(stdout).toMatch(/\nSources:\n\[1\] .+ · (fr|sv) · .+\n {4}“/);
  }, 60_000);

  it('rejects a missing question with usage', async () => {
    const { code, stderr } = await ask();
    expect(code).toBe(2);
    expect(stderr).toContain('usage: minutebook ask');
  });
});

describe('minutebook ask with a language model (fake OpenAI server), over hybrid search', () => {
  const fake = new FakeOpenAI();
  beforeAll(async () => {
    await fake.start();
  });
  afterAll(() => fake.stop());

  it('sends the retrieved chunks as numbered sources and prints the verified answer', async () => {
    fake.chatReply = (body) => {
      const sources = body.messages[1]!.content;
      const numbered = [...sources.matchAll(/<source [0-9a-f]+ n="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source/g)];
      // 000 (French) and 004 (Swedish) are one article: search keeps one of the two.
      const ai = numbered.find((match) =>
        /intelligence artificielle|artificiell intelligens/.test(match[2]!),
      );
      return ai
        ? `Guangxi proposed a China-Vietnam cooperation centre for innovation in artificial intelligence [${ai[1]}]. It also proposed a budget of 5 million dollars [${ai[1]}].`
        : 'NOT_FOUND';
    };
    const capture = captureIO();
    const code = await runCli(['ask', 'What did Guangxi propose on AI?', '--json'], {
      env: { ...env, OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.baseURL, EMBEDDER: 'local' },
      io: capture.io,
    });
    expect(code).toBe(0);
    const result = JSON.parse(capture.stdout());
    expect(result.answer).toBe(
      'Guangxi proposed a China-Vietnam cooperation centre for innovation in artificial intelligence [1].',
    );
    expect(result.citations).toHaveLength(1);
    expect(result.citations[0].quote).toMatch(/intelligence artificielle|artificiell intelligens/);
    fake.assertNoUnhandled();
  }, 60_000);
});
