import type { Embedder } from '../../src/embed/provider.ts';
import { fakeEmbedding } from '../fakes/openai.ts';

/** A second embedding model, to test that models never mix: deterministic hash vectors. */
export function fakeEmbedder(model = 'test-hash-8', dims = 8): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    model,
    dims,
    calls,
    async embed(texts) {
      calls.push(texts);
      return texts.map((text) => fakeEmbedding(text, dims));
    },
  };
}
