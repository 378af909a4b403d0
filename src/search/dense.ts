import type pg from 'pg';
import { withTransaction } from '../db/pool.ts';
import { type DocumentFilter, nearestChunks, pgvectorVersion } from '../db/search.ts';

export interface DenseCandidate {
  chunkId: number;
  similarity: number;
}

/**
 * Candidates the HNSW graph explores per query. Recall@10 against an exact scan depends on the
 * vectors: ≥ 0.95 on clustered synthetic ones (bench/retrieval.ts), about 0.6–0.8 on the offline
 * embedder's vectors of real text (bench/scale.ts). At 1M chunks 200 instead of 100 raised it from
 * 0.61 to 0.77 (0.87 → 0.96 counting neighbours within 5% of the exact 10th distance) for 9.5 → 13 ms
 * p50 of a retriever that runs beside lexical and gloss search (p50 ~40 and ~80 ms): hybrid latency
 * did not move (README, "Performance at scale"). 400 added 0.02; m = 32 / ef_construction = 128 about
 * 0.09 at five times the build.
 */
export const EF_SEARCH = 200;
/** pgvector's upper bound for hnsw.ef_search. */
const MAX_EF_SEARCH = 1000;

const iterativeScans = new WeakMap<object, Promise<boolean>>();

/** Iterative index scans (filters that still fill the list) exist from pgvector 0.8.0. */
function supportsIterativeScan(pool: pg.Pool): Promise<boolean> {
  let known = iterativeScans.get(pool);
  if (!known) {
    known = pgvectorVersion(pool).then((version) => {
      const [major = 0, minor = 0] = version.split('.').map(Number);
      return major > 0 || minor >= 8;
    });
    iterativeScans.set(pool, known);
  }
  return known;
}

/**
 * Nearest chunks by cosine distance among chunks embedded by `model` only, through that model's
 * partial HNSW index (`embedding::vector(N)` … `WHERE embed_model = model`). Filters are applied with
 * pgvector's iterative index scan (0.8+) so that a narrow scope still fills the list; older pgvector
 * returns what the first ef_search candidates leave after filtering.
 */
export async function denseSearch(
  pool: pg.Pool,
  model: string,
  dims: number,
  vector: number[],
  limit: number,
  filter: DocumentFilter,
): Promise<DenseCandidate[]> {
  const iterative = await supportsIterativeScan(pool);
  const efSearch = Math.min(MAX_EF_SEARCH, Math.max(EF_SEARCH, limit));
  const rows = await withTransaction(pool, (client) =>
    nearestChunks(client, { dims, vector, model, limit, efSearch, iterative }, filter),
  );
  // relaxed_order may return neighbours slightly out of order.
  return rows
    .map((row) => ({ chunkId: row.id, similarity: 1 - row.distance }))
    .sort((a, b) => b.similarity - a.similarity);
}
