import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeOpenAI } from './openai.ts';

describe('FakeOpenAI through the real SDK', () => {
  let fake: FakeOpenAI;
  beforeEach(async () => {
    fake = await new FakeOpenAI().start();
  });
  afterEach(() => fake.stop());

  it('serves embeddings and chat, and records requests', async () => {
    const client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 0 });
    const embeddings = await client.embeddings.create({ model: 'm', input: ['a', 'b'], dimensions: 4 });
    expect(embeddings.data).toHaveLength(2);
    expect(embeddings.data[0]!.embedding).toHaveLength(4);
    fake.chatReply = (body) => `echo: ${body.messages.at(-1)!.content}`;
    const chat = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(chat.choices[0]!.message.content).toBe('echo: hi');
    fake.assertNoUnhandled();
  });

  it('replays queued errors before the handler, so SDK retries can be tested', async () => {
    fake.queue('POST /v1/embeddings', {
      status: 429,
      headers: { 'retry-after-ms': '10' },
      body: { error: {} },
    });
    const client = new OpenAI({ apiKey: 'test', baseURL: fake.baseURL, maxRetries: 2 });
    await client.embeddings.create({ model: 'm', input: 'a' });
    expect(fake.requestsTo('POST /v1/embeddings')).toHaveLength(2);
  });

  it('flags requests with no route', async () => {
    await fetch(`${fake.url}/nowhere`);
    expect(() => fake.assertNoUnhandled()).toThrow(/GET \/nowhere/);
  });
});
