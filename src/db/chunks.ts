import { createHash } from 'node:crypto';
import pg from 'pg';
import pgvector from 'pgvector/pg';
import { type Queryable, withTransaction } from './pool.ts';

// pgvector indexes vectors up to 2000 dimensions and half-precision vectors up to 4000.
const MAX_VECTOR_INDEX_DIMS = 2000;
const MAX_HALFVEC_INDEX_DIMS = 4000;
const MODEL_LOCK_KEY = 7_246_502;

export class EmbeddingModelError extends Error {
  override name = 'EmbeddingModelError';
}

/**
 * The expression a model's vectors are indexed and compared as: `vector(N)` (or `halfvec(N)` above
 * 2000 dimensions). Queries must use the same expression for the model's partial HNSW index to apply.
 */
export function vectorCast(dims: number): string {
  if (!Number.isInteger(dims) || dims < 1 || dims > 16_000)
    throw new EmbeddingModelError(`invalid dimensions ${dims}`);
  return dims <= MAX_VECTOR_INDEX_DIMS ? `vector(${dims})` : `halfvec(${dims})`;
}

/** Name of a model's partial HNSW index (0001 created the offline model's: chunks_embedding_local_ngram_v1). */
export function embeddingIndexName(model: string): string {
  const readable = model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 36);
  const exact = model.toLowerCase().replace(/-/g, '_') === readable;
  const suffix = exact ? '' : `_${createHash('sha256').update(model).digest('hex').slice(0, 8)}`;
  return `chunks_embedding_${readable}${suffix}`;
}

const registered = new WeakMap<object, Set<string>>();

/**
 * Registers an embedding model (name, dims) and creates its partial HNSW index the first time.
 * Refuses a model name already registered with other dimensions. Idempotent and safe to race.
 */
export async function ensureEmbeddingModel(pool: pg.Pool, model: string, dims: number): Promise<void> {
  const known = registered.get(pool) ?? new Set<string>();
  registered.set(pool, known);
  if (known.has(`${model}/${dims}`)) return;
  const cast = vectorCast(dims);
  await withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MODEL_LOCK_KEY]);
    const existing = await client.query<{ dims: number }>(
      'SELECT dims FROM embedding_models WHERE name = $1',
      [model],
    );
    if (existing.rows[0] && existing.rows[0].dims !== dims) {
      throw new EmbeddingModelError(
        `embedding model ${model} is registered with ${existing.rows[0].dims} dimensions, the embedder returns ${dims}`,
      );
    }
    if (!existing.rows[0]) {
      await client.query('INSERT INTO embedding_models (name, dims) VALUES ($1, $2)', [model, dims]);
    }
    if (dims > MAX_HALFVEC_INDEX_DIMS) return;
    const opclass = cast.startsWith('halfvec') ? 'halfvec_cosine_ops' : 'vector_cosine_ops';
    // DDL takes no parameters: the cast comes from a validated integer, the names are escaped.
    await client.query(
      `CREATE INDEX IF NOT EXISTS ${pg.escapeIdentifier(embeddingIndexName(model))} ON chunks
         USING hnsw ((embedding::${cast}) ${opclass}) WHERE embed_model = ${pg.escapeLiteral(model)}`,
    );
  });
  known.add(`${model}/${dims}`);
}

export interface NewChunk {
  ord: number;
  text: string;
  startChar: number;
  endChar: number;
  language: string;
  langConfig: string;
  /** English gloss words (src/text/gloss.ts), stored as an english tsvector. */
  gloss: string;
  embedding: number[];
}

/** Inserts a document's chunks in one statement (arrays unnested server-side). */
export async function insertChunks(
  db: Queryable,
  documentId: number,
  chunks: NewChunk[],
  model: string,
  glossVersion: number,
): Promise<void> {
  if (chunks.length === 0) return;
  await db.query(
    `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model,
                         gloss, gloss_version)
     SELECT $1, ord, text, start_char, end_char, language, lang_config::regconfig, embedding::vector, $9,
            to_tsvector('english', gloss), $11
       FROM unnest($2::int[], $3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $10::text[])
         AS t(ord, text, start_char, end_char, language, lang_config, embedding, gloss)`,
    [
      documentId,
      chunks.map((chunk) => chunk.ord),
      chunks.map((chunk) => chunk.text),
      chunks.map((chunk) => chunk.startChar),
      chunks.map((chunk) => chunk.endChar),
      chunks.map((chunk) => chunk.language),
      chunks.map((chunk) => chunk.langConfig),
      chunks.map((chunk) => pgvector.toSql(chunk.embedding) as string),
      model,
      chunks.map((chunk) => chunk.gloss),
      glossVersion,
    ],
  );
}

/** Chunks glossed by another version of the lexicons than `version`, in id order, after `afterId`. */
export async function chunksToGloss(
  db: Queryable,
  version: number,
  afterId: number,
  limit: number,
): Promise<{ id: number; text: string; language: string }[]> {
  const { rows } = await db.query<{ id: string; text: string; language: string }>(
    `SELECT id, text, language FROM chunks WHERE gloss_version <> $1 AND id > $2 ORDER BY id LIMIT $3`,
    [version, afterId, limit],
  );
  return rows.map((row) => ({ id: Number(row.id), text: row.text, language: row.language }));
}

export async function updateGlosses(
  db: Queryable,
  updates: { id: number; gloss: string }[],
  version: number,
): Promise<void> {
  await db.query(
    `UPDATE chunks AS c SET gloss = to_tsvector('english', u.gloss), gloss_version = $3
       FROM unnest($1::bigint[], $2::text[]) AS u(id, gloss)
      WHERE c.id = u.id`,
    [updates.map((update) => update.id), updates.map((update) => update.gloss), version],
  );
}

export async function deleteChunks(db: Queryable, documentId: number): Promise<void> {
  await db.query('DELETE FROM chunks WHERE document_id = $1', [documentId]);
}

/** Chunks whose vector is missing or from another model than `model`, in id order, after `afterId`. */
export async function chunksToReembed(
  db: Queryable,
  model: string,
  afterId: number,
  limit: number,
  all = false,
): Promise<{ id: number; text: string }[]> {
  const { rows } = await db.query<{ id: string; text: string }>(
    `SELECT id, text FROM chunks
      WHERE id > $1 AND ($4 OR embed_model IS DISTINCT FROM $2)
      ORDER BY id LIMIT $3`,
    [afterId, model, limit, all],
  );
  return rows.map((row) => ({ id: Number(row.id), text: row.text }));
}

export async function updateEmbeddings(
  db: Queryable,
  updates: { id: number; embedding: number[] }[],
  model: string,
): Promise<void> {
  if (updates.length === 0) return;
  await db.query(
    `UPDATE chunks AS c SET embedding = u.embedding::vector, embed_model = $3
       FROM unnest($1::bigint[], $2::text[]) AS u(id, embedding)
      WHERE c.id = u.id`,
    [
      updates.map((update) => update.id),
      updates.map((update) => pgvector.toSql(update.embedding) as string),
      model,
    ],
  );
}

export async function countChunks(db: Queryable, documentId: number): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM chunks WHERE document_id = $1',
    [documentId],
  );
  return rows[0]?.n ?? 0;
}
