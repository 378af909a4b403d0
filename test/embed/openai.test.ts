import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/embed/index.ts';
import { createOpenAIEmbedder } from '../../src/embed/openai.ts';
import { EmbedderError } from '../../src/embed/provider.ts';
import { createLogger } from '../../src/log.ts';
import { FakeOpenAI } from '../fakes/openai.ts';

describe('openai embedder through the fake API', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await new FakeOpenAI().start();
  });
  afterEach(async () => {
    await fake.stop();
  });

  const embedder = (overrides: Partial<Parameters<typeof createOpenAIEmbedder>[0]> = {}) =>
    createOpenAIEmbedder({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'text-embedding-3-small',
      dims: 16,
      timeoutMs: 5_000,
      ...overrides,
    });

  it('sends at most 2048 inputs per request and returns vectors in input order', async () => {
    const texts = Array.from({ length: 2500 }, (_, i) => `chunk ${i}`);
    const vectors = await embedder().embed(texts);
    const requests = fake.requestsTo('POST /v1/embeddings');
    expect(requests.map((request) => (request.body as { input: string[] }).input.length)).toEqual([
      2048, 452,
    ]);
    expect((requests[0]!.body as { dimensions: number }).dimensions).toBe(16);
    expect(requests[0]!.headers.authorization).toBe('Bearer sk-test');
    expect(vectors).toHaveLength(2500);
    const again = await embedder().embed(['chunk 2499']);
    expect(vectors[2499]).toEqual(again[0]);
    fake.assertNoUnhandled();
  });

  it('retries after a 429 and a 503 with backoff, then succeeds', async () => {
    fake.queue(
      'POST /v1/embeddings',
      { status: 429, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'rate limited' } } },
      { status: 503, headers: { 'retry-after-ms': '10' }, body: { error: { message: 'busy' } } },
    );
    const vectors = await embedder().embed(['a']);
    expect(vectors).toHaveLength(1);
    expect(fake.requestsTo('POST /v1/embeddings')).toHaveLength(3);
  });

  it('explains a 401 without retrying', async () => {
    fake.queue('POST /v1/embeddings', { status: 401, body: { error: { message: 'Incorrect API key' } } });
    const failure = embedder().embed(['a']);
    await expect(failure).rejects.toBeInstanceOf(EmbedderError);
    await expect(failure).rejects.toThrow(/rejected the API key \(401 Unauthorized\): check OPENAI_API_KEY/);
    expect(fake.requestsTo('POST /v1/embeddings')).toHaveLength(1);
  });

  it('reports a model that returns other dimensions than configured', async () => {
    fake.embedDims = 8;
    const other = embedder({ model: 'nomic-embed-text', dims: 768 });
    await expect(other.embed(['a'])).rejects.toThrow(
      /returned 8 dimensions, not 768: set OPENAI_EMBED_DIMENSIONS=8/,
    );
    expect(
      (fake.requestsTo('POST /v1/embeddings')[0]!.body as { dimensions?: number }).dimensions,
    ).toBeUndefined();
  });
});

describe('createEmbedder', () => {
  const logger = createLogger('silent');

  it('chooses the offline embedder without a key and openai with one', () => {
    expect(createEmbedder(parseConfig({}), logger).model).toBe('local-ngram-v1');
    const openai = createEmbedder(
      parseConfig({ OPENAI_API_KEY: 'sk-x', OPENAI_EMBED_DIMENSIONS: '256' }),
      logger,
    );
    expect(openai.model).toBe('openai:text-embedding-3-small:256');
    expect(openai.dims).toBe(256);
    expect(createEmbedder(parseConfig({ OPENAI_API_KEY: 'sk-x', EMBEDDER: 'local' }), logger).dims).toBe(384);
  });

  it('refuses EMBEDDER=openai with neither key nor base URL', () => {
    expect(() => createEmbedder(parseConfig({ EMBEDDER: 'openai' }), logger)).toThrow(/needs OPENAI_API_KEY/);
  });
});
