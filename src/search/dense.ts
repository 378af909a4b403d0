import type pg from 'pg';
import pgvector from 'pgvector/pg';
import { vectorCast } from '../db/chunks.ts';
import { withTransaction } from '../db/pool.ts';
import { type DocumentFilter, documentConditions } from './filters.ts';

export interface DenseCandidate {
  chunkId: number;
  similarity: number;
}

/** Candidates the HNSW graph explores per query; recall@10 ≥ 0.95 at 100k chunks (bench/retrieval.ts). */
export const EF_SEARCH = 100;
/** pgvector's upper bound for hnsw.ef_search. */
const MAX_EF_SEARCH = 1000;

const iterativeScans = new WeakMap<object, Promise<boolean>>();

/** Iterative index scans (filters that still fill the list) exist from pgvector 0.8.0. */
function supportsIterativeScan(pool: pg.Pool): Promise<boolean> {
  let known = iterativeScans.get(pool);
  if (!known) {
    known = pool
      .query<{ v: string }>("SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'")
      .then(({ rows }) => {
        const [major = 0, minor = 0] = (rows[0]?.v ?? '0').split('.').map(Number);
        return major > 0 || minor >= 8;
      });
    iterativeScans.set(pool, known);
  }
  return known;
}

/** The dense query: $1 query vector, $2 model, $3 limit, $4… the document filter's parameters. */
export function denseSql(dims: number, documentFilterSql: string): string {
  const cast = vectorCast(dims);
  return `SELECT c.id, c.embedding::${cast} <=> $1 AS distance
            FROM chunks c JOIN documents d ON d.id = c.document_id
           WHERE c.embed_model = $2 AND ${documentFilterSql}
           ORDER BY c.embedding::${cast} <=> $1
           LIMIT $3`;
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
  const where = documentConditions(filter, 4);
  const iterative = await supportsIterativeScan(pool);
  return withTransaction(pool, async (client) => {
    await client.query(`SET LOCAL hnsw.ef_search = ${Math.min(MAX_EF_SEARCH, Math.max(EF_SEARCH, limit))}`);
    if (iterative) await client.query('SET LOCAL hnsw.iterative_scan = relaxed_order');
    const { rows } = await client.query<{ id: string; distance: number }>(denseSql(dims, where.sql), [
      pgvector.toSql(vector),
      model,
      limit,
      ...where.params,
    ]);
    // relaxed_order may return neighbours slightly out of order.
    return rows
      .map((row) => ({ chunkId: Number(row.id), similarity: 1 - Number(row.distance) }))
      .sort((a, b) => b.similarity - a.similarity);
  });
}
