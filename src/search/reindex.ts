import type { AppContext } from '../context.ts';
import { chunksToReembed, ensureEmbeddingModel, updateEmbeddings } from '../db/chunks.ts';
import { withTransaction } from '../db/pool.ts';

export interface ReindexResult {
  model: string;
  dims: number;
  reembedded: number;
}

/**
 * Re-embeds every chunk whose vector is missing or from another model with the current embedder
 * (all chunks with `all`). Search only ever compares vectors of the current model, so answers keep
 * working, on fewer chunks, while this runs.
 */
export async function reindex(
  ctx: AppContext,
  options: { all?: boolean; batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<ReindexResult> {
  const { embedder } = ctx;
  const batchSize = options.batchSize ?? 256;
  await ensureEmbeddingModel(ctx.db.pool, embedder.model, embedder.dims);
  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = await chunksToReembed(
      ctx.db.pool,
      embedder.model,
      afterId,
      batchSize,
      options.all ?? false,
    );
    if (batch.length === 0) break;
    const vectors = await embedder.embed(batch.map((chunk) => chunk.text));
    await withTransaction(ctx.db.pool, (client) =>
      updateEmbeddings(
        client,
        batch.map((chunk, i) => ({ id: chunk.id, embedding: vectors[i]! })),
        embedder.model,
      ),
    );
    afterId = batch.at(-1)!.id;
    done += batch.length;
    options.onProgress?.(done);
  }
  ctx.logger.info({ model: embedder.model, reembedded: done }, 'reindex finished');
  return { model: embedder.model, dims: embedder.dims, reembedded: done };
}
