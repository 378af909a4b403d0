import type { Queryable } from './pool.ts';

/** A document as the `documents` commands list and show it (no content). */
export interface DocumentSummary {
  id: number;
  sourceUri: string;
  title: string;
  language: string;
  publishedOn: string | null;
  contentHash: string;
  channelId: string | null;
  visibility: 'public' | 'private';
  ingestedBy: string | null;
  chunks: number;
  createdAt: Date;
}

export interface DocumentRemoval {
  id: number;
  documentId: number;
  title: string;
  sourceUri: string;
  contentHash: string;
  channelId: string | null;
  visibility: string;
  ingestedBy: string | null;
  chunksRemoved: number;
  removedBy: string;
  removedAt: Date;
}

const SUMMARY = `d.id, d.source_uri, d.title, d.language, to_char(d.published_on, 'YYYY-MM-DD') AS published_on,
  d.content_hash, d.channel_id, d.visibility, d.ingested_by, d.created_at,
  (SELECT count(*)::int FROM chunks c WHERE c.document_id = d.id) AS chunks`;

function toSummary(row: Record<string, unknown>): DocumentSummary {
  return {
    id: Number(row.id),
    sourceUri: row.source_uri as string,
    title: row.title as string,
    language: row.language as string,
    publishedOn: row.published_on as string | null,
    contentHash: row.content_hash as string,
    channelId: row.channel_id as string | null,
    visibility: row.visibility as 'public' | 'private',
    ingestedBy: row.ingested_by as string | null,
    chunks: row.chunks as number,
    createdAt: row.created_at as Date,
  };
}

/** Documents, newest first; `channelId` set: public ones and the private ones of that conversation. */
export async function selectDocumentSummaries(
  db: Queryable,
  filter: { channelId: string | null; allChannels: boolean; limit: number },
): Promise<DocumentSummary[]> {
  const { rows } = await db.query(
    `SELECT ${SUMMARY} FROM documents d
      WHERE $1::boolean OR d.visibility = 'public' OR d.channel_id = $2
      ORDER BY d.created_at DESC, d.id DESC
      LIMIT $3`,
    [filter.allChannels, filter.channelId, filter.limit],
  );
  return rows.map(toSummary);
}

/**
 * Documents a person may remove outside any conversation (the App Home), newest first: those they
 * shared and, for a workspace admin, the public ones too.
 */
export async function selectRemovableDocuments(
  db: Queryable,
  filter: { userId: string; isAdmin: boolean; limit: number },
): Promise<DocumentSummary[]> {
  const { rows } = await db.query(
    `SELECT ${SUMMARY} FROM documents d
      WHERE d.ingested_by = $1 OR ($2::boolean AND d.visibility = 'public')
      ORDER BY d.created_at DESC, d.id DESC
      LIMIT $3`,
    [filter.userId, filter.isAdmin, filter.limit],
  );
  return rows.map(toSummary);
}

export async function selectDocumentSummary(
  db: Queryable,
  by: { id: number } | { sourceUri: string },
): Promise<DocumentSummary | undefined> {
  const { rows } =
    'id' in by
      ? await db.query(`SELECT ${SUMMARY} FROM documents d WHERE d.id = $1`, [by.id])
      : await db.query(`SELECT ${SUMMARY} FROM documents d WHERE d.source_uri = $1`, [by.sourceUri]);
  return rows[0] && toSummary(rows[0]);
}

/**
 * Deletes a document with its chunks (and so their embeddings) and records the removal, in the
 * caller's transaction. Undefined when the document no longer exists (removed concurrently).
 */
export async function deleteDocumentWithAudit(
  client: Queryable,
  documentId: number,
  removedBy: string,
): Promise<DocumentRemoval | undefined> {
  const { rows: locked } = await client.query('SELECT id FROM documents WHERE id = $1 FOR UPDATE', [
    documentId,
  ]);
  if (locked.length === 0) return undefined;
  const { rowCount } = await client.query('DELETE FROM chunks WHERE document_id = $1', [documentId]);
  const { rows } = await client.query(
    `WITH gone AS (DELETE FROM documents WHERE id = $1
                   RETURNING id, title, source_uri, content_hash, channel_id, visibility, ingested_by)
     INSERT INTO document_removals (document_id, title, source_uri, content_hash, channel_id, visibility,
                                    ingested_by, chunks_removed, removed_by)
     SELECT id, title, source_uri, content_hash, channel_id, visibility, ingested_by, $2, $3 FROM gone
     RETURNING id, document_id, title, source_uri, content_hash, channel_id, visibility, ingested_by,
               chunks_removed, removed_by, removed_at`,
    [documentId, rowCount ?? 0, removedBy],
  );
  return rows[0] && toRemoval(rows[0]);
}

/** Of these document ids, those that no longer exist (removed): their citations show "source removed". */
export async function missingDocumentIds(db: Queryable, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT wanted.id FROM unnest($1::bigint[]) AS wanted(id)
      WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = wanted.id)`,
    [ids],
  );
  return new Set(rows.map((row) => Number(row.id)));
}

/** Of these logged questions, those whose answer cited a document that no longer exists. */
export async function questionsCitingMissingDocuments(
  db: Queryable,
  questionIds: number[],
): Promise<Set<number>> {
  if (questionIds.length === 0) return new Set();
  const { rows } = await db.query<{ id: string }>(
    `SELECT q.id FROM questions q
      WHERE q.id = ANY($1::bigint[])
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(q.citations) AS c
                     WHERE c ? 'document_id'
                       AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = (c->>'document_id')::bigint))`,
    [questionIds],
  );
  return new Set(rows.map((row) => Number(row.id)));
}

export async function selectDocumentRemovals(db: Queryable, documentId: number): Promise<DocumentRemoval[]> {
  const { rows } = await db.query(
    `SELECT id, document_id, title, source_uri, content_hash, channel_id, visibility, ingested_by, chunks_removed,
            removed_by, removed_at
       FROM document_removals WHERE document_id = $1 ORDER BY removed_at`,
    [documentId],
  );
  return rows.map(toRemoval);
}

function toRemoval(row: Record<string, unknown>): DocumentRemoval {
  return {
    id: Number(row.id),
    documentId: Number(row.document_id),
    title: row.title as string,
    sourceUri: row.source_uri as string,
    contentHash: row.content_hash as string,
    channelId: row.channel_id as string | null,
    visibility: row.visibility as DocumentRemoval['visibility'],
    ingestedBy: row.ingested_by as string | null,
    chunksRemoved: row.chunks_removed as number,
    removedBy: row.removed_by as string,
    removedAt: row.removed_at as Date,
  };
}
