import type OpenAI from 'openai';
import { loadOpenAI } from '../llm/openai-sdk.ts';
import type { Logger } from '../log.ts';
import { type Embedder, EmbedderError } from './provider.ts';

export interface OpenAIEmbedderOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  dims: number;
  timeoutMs: number;
  /** SDK retries with exponential backoff on 408/409/429/5xx and connection errors (honours Retry-After). */
  maxRetries?: number;
  /** Inputs per request; the API accepts at most 2048. */
  batchSize?: number;
  logger?: Logger;
}

const MAX_BATCH = 2048;
// ~300k tokens per request is the API's other limit; stay well under it by characters.
const MAX_BATCH_CHARS = 600_000;

/** Embeddings from any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM) through the openai SDK. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  let client: OpenAI | undefined;
  const batchSize = Math.min(options.batchSize ?? MAX_BATCH, MAX_BATCH);
  // Only the text-embedding-3 family accepts a dimensions parameter; other models must return dims.
  const sendDimensions = /^text-embedding-3/.test(options.model);
  const where = options.baseURL ?? 'https://api.openai.com/v1';
  return {
    model: `openai:${options.model}:${options.dims}`,
    dims: options.dims,
    async embed(texts) {
      const SDK = await loadOpenAI();
      client ??= new SDK({
        apiKey: options.apiKey,
        baseURL: options.baseURL,
        timeout: options.timeoutMs,
        maxRetries: options.maxRetries ?? 5,
      });
      const vectors: number[][] = [];
      for (const batch of batches(texts, batchSize)) {
        let response: OpenAI.CreateEmbeddingResponse;
        try {
          response = await client.embeddings.create({
            model: options.model,
            // An empty string is rejected by the API; a space embeds as "nothing".
            input: batch.map((text) => text || ' '),
            ...(sendDimensions ? { dimensions: options.dims } : {}),
          });
        } catch (error) {
          throw describeError(SDK, error, where, options.model);
        }
        const data = [...response.data].sort((a, b) => a.index - b.index);
        if (data.length !== batch.length) {
          throw new EmbedderError(`embedding API returned ${data.length} vectors for ${batch.length} inputs`);
        }
        for (const item of data) {
          if (item.embedding.length !== options.dims) {
            throw new EmbedderError(
              `model ${options.model} returned ${item.embedding.length} dimensions, not ${options.dims}: set OPENAI_EMBED_DIMENSIONS=${item.embedding.length}`,
            );
          }
          vectors.push(normalise(item.embedding));
        }
        options.logger?.debug({ inputs: batch.length, model: options.model }, 'embedded batch');
      }
      return vectors;
    },
  };
}

function* batches(texts: string[], size: number): Generator<string[]> {
  let batch: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (batch.length > 0 && (batch.length >= size || chars + text.length > MAX_BATCH_CHARS)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(text);
    chars += text.length;
  }
  if (batch.length > 0) yield batch;
}

function normalise(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}

function describeError(SDK: typeof OpenAI, error: unknown, where: string, model: string): Error {
  if (error instanceof SDK.AuthenticationError) {
    return new EmbedderError(
      `the embedding API at ${where} rejected the API key (401 Unauthorized): check OPENAI_API_KEY`,
    );
  }
  if (error instanceof SDK.NotFoundError) {
    return new EmbedderError(
      `embedding model ${model} not found at ${where} (404): check OPENAI_EMBED_MODEL`,
    );
  }
  if (error instanceof SDK.RateLimitError) {
    return new EmbedderError(`the embedding API at ${where} kept answering 429 (rate limit) after retries`);
  }
  if (error instanceof SDK.APIError) {
    return new EmbedderError(
      `embedding request to ${where} failed: ${error.status ?? ''} ${error.message}`.trim(),
    );
  }
  return error instanceof Error ? error : new EmbedderError(String(error));
}
