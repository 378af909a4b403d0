import { createHash } from 'node:crypto';
import { type FakeHandler, FakeHttpServer, type RecordedRequest } from './http.ts';

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string }[];
  temperature?: number;
}

/** Deterministic unit vector for a text: the same text always embeds the same way. */
export function fakeEmbedding(text: string, dims: number): number[] {
  const vector: number[] = [];
  let seed = createHash('sha256').update(text).digest();
  while (vector.length < dims) {
    for (const byte of seed) vector.push(byte / 255 - 0.5);
    seed = createHash('sha256').update(seed).digest();
  }
  vector.length = dims;
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/**
 * A fake OpenAI-compatible API (`/v1/embeddings`, `/v1/chat/completions`) on 127.0.0.1, driven
 * through the real `openai` SDK with `baseURL: fake.baseURL`. Chat replies come from `onChat`.
 */
export class FakeOpenAI extends FakeHttpServer {
  embedDims = 8;
  chatReply: (body: ChatRequestBody, request: RecordedRequest) => string = () => 'I could not find this.';

  constructor() {
    super();
    this.route('POST /v1/embeddings', (request) => {
      const body = request.body as { input: string | string[]; model: string; dimensions?: number };
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      const dims = body.dimensions ?? this.embedDims;
      return {
        body: {
          object: 'list',
          model: body.model,
          data: inputs.map((input, index) => ({
            object: 'embedding',
            index,
            embedding: fakeEmbedding(input, dims),
          })),
          usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
        },
      };
    });
    this.route('POST /v1/chat/completions', (request) =>
      chatCompletion(this.chatReply(request.body as ChatRequestBody, request)),
    );
  }

  get baseURL(): string {
    return `${this.url}/v1`;
  }

  /** Replace the chat handler with a raw one (errors, delays). */
  onChat(handler: FakeHandler): this {
    return this.route('POST /v1/chat/completions', handler);
  }

  chatRequests(): ChatRequestBody[] {
    return this.requestsTo('POST /v1/chat/completions').map((request) => request.body as ChatRequestBody);
  }
}

export function chatCompletion(content: string) {
  return {
    body: {
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model: 'fake',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    },
  };
}
