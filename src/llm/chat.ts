import type OpenAI from 'openai';
import type { Config } from '../config.ts';
import { modelErrorsTotal } from '../metrics.ts';
import { loadOpenAI } from './openai-sdk.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  messages: ChatMessage[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Ask for a JSON object reply (structured extraction). */
  json?: boolean;
}

export interface ChatClient {
  readonly model: string;
  complete(request: ChatRequest): Promise<string>;
}

/** The model did not answer: timeout, rate limit or server error after the SDK's retries, or a refused key. */
export class ChatUnavailableError extends Error {
  override name = 'ChatUnavailableError';
  readonly kind: 'timeout' | 'rate-limit' | 'server' | 'connection' | 'auth' | 'empty';
  constructor(kind: ChatUnavailableError['kind'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

/** Retries of one request by the SDK (429 honours Retry-After, 5xx and timeouts back off). */
const MAX_RETRIES = 2;

/** A chat client for any OpenAI-compatible API, or null when no API key is configured (offline). */
export function createChatClient(config: Config): ChatClient | null {
  if (!config.OPENAI_API_KEY) return null;
  const apiKey = config.OPENAI_API_KEY;
  let client: OpenAI | undefined;
  const defaultModel = config.OPENAI_CHAT_MODEL;
  return {
    model: defaultModel,
    async complete(request) {
      const SDK = await loadOpenAI();
      client ??= new SDK({
        apiKey,
        baseURL: config.OPENAI_BASE_URL,
        timeout: config.LLM_TIMEOUT_MS,
        maxRetries: MAX_RETRIES,
      });
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create({
          model: request.model ?? defaultModel,
          messages: request.messages,
          temperature: request.temperature,
          max_tokens: request.maxTokens,
          ...(request.json ? { response_format: { type: 'json_object' as const } } : {}),
        });
      } catch (error) {
        const classified = classify(SDK, error);
        modelErrorsTotal.inc({
          kind: classified instanceof ChatUnavailableError ? classified.kind : 'other',
        });
        throw classified;
      }
      const content = completion.choices[0]?.message?.content;
      if (!content?.trim()) {
        modelErrorsTotal.inc({ kind: 'empty' });
        throw new ChatUnavailableError('empty', 'the model returned an empty reply');
      }
      return content;
    },
  };
}

function classify(SDK: typeof OpenAI, error: unknown): unknown {
  if (error instanceof SDK.APIConnectionTimeoutError) {
    return new ChatUnavailableError('timeout', 'the model did not answer in time', { cause: error });
  }
  if (error instanceof SDK.APIConnectionError) {
    return new ChatUnavailableError('connection', 'cannot reach the model API', { cause: error });
  }
  if (error instanceof SDK.RateLimitError) {
    return new ChatUnavailableError('rate-limit', 'the model API is rate limiting requests', {
      cause: error,
    });
  }
  if (error instanceof SDK.AuthenticationError || error instanceof SDK.PermissionDeniedError) {
    return new ChatUnavailableError('auth', 'the model API refused the key (check OPENAI_API_KEY)', {
      cause: error,
    });
  }
  if (error instanceof SDK.APIError && (error.status ?? 0) >= 500) {
    return new ChatUnavailableError('server', `the model API failed (HTTP ${error.status})`, {
      cause: error,
    });
  }
  return error;
}
