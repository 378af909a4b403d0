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
 * pgvector's iterative index scan so that a narrow scope still fills the list.
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
  return withTransaction(pool, async (client) => {
    await client.query(`SET LOCAL hnsw.ef_search = ${Math.max(EF_SEARCH, limit)}`);
    await client.query(`SET LOCAL hnsw.iterative_scan = relaxed_order`);
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
