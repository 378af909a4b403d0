/** Turns texts into vectors. Vectors of two models never mix: `model` is stored with every vector. */
export interface Embedder {
  /** Name recorded in embedding_models and chunks.embed_model. */
  readonly model: string;
  readonly dims: number;
  /** One L2-normalised vector of `dims` numbers per text, in order. */
  embed(texts: string[]): Promise<number[][]>;
}

export class EmbedderError extends Error {
  override name = 'EmbedderError';
}
