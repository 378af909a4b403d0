import type { Queryable } from './pool.ts';

export interface DocumentRow {
  id: number;
  sourceUri: string;
  title: string;
  language: string;
  publishedOn: string | null;
  contentHash: string;
  translationGroup: number | null;
  metadata: Record<string, unknown>;
}

const COLUMNS = `id, source_uri, title, language, to_char(published_on, 'YYYY-MM-DD') AS published_on,
  content_hash, translation_group, metadata`;

interface RawRow {
  id: string;
  source_uri: string;
  title: string;
  language: string;
  published_on: string | null;
  content_hash: string;
  translation_group: string | null;
  metadata: Record<string, unknown>;
}

function toDocument(row: RawRow): DocumentRow {
  return {
    id: Number(row.id),
    sourceUri: row.source_uri,
    title: row.title,
    language: row.language,
    publishedOn: row.published_on,
    contentHash: row.content_hash,
    translationGroup: row.translation_group === null ? null : Number(row.translation_group),
    metadata: row.metadata,
  };
}

/** The visibility scope of a document (what migrations/0008 stores as documents.visibility_scope). */
export function visibilityScope(visibility: 'public' | 'private', channelId: string | null): string {
  return visibility === 'public' ? 'public' : `private:${channelId ?? ''}`;
}

/**
 * A document with this text that a conversation of `scope` can already see: one of the same scope,
 * else a public one (visible everywhere). Never a document private to another conversation.
 */
export async function findVisibleDocumentByHash(
  db: Queryable,
  contentHash: string,
  scope: string,
): Promise<DocumentRow | undefined> {
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM documents
      WHERE content_hash = $1 AND visibility_scope IN ($2, 'public')
      ORDER BY visibility_scope = $2 DESC
      LIMIT 1`,
    [contentHash, scope],
  );
  return rows[0] && toDocument(rows[0]);
}

export async function findDocumentBySource(
  db: Queryable,
  sourceUri: string,
): Promise<DocumentRow | undefined> {
  const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM documents WHERE source_uri = $1`, [
    sourceUri,
  ]);
  return rows[0] && toDocument(rows[0]);
}

export interface NewDocument {
  sourceUri: string;
  title: string;
  language: string;
  publishedOn: string | null;
  content: string;
  contentHash: string;
  channelId: string | null;
  visibility: 'public' | 'private';
  ingestedBy: string | null;
  metadata: Record<string, unknown>;
}

/** Inserts a document; undefined when another one with that source or content won a race. */
export async function insertDocument(db: Queryable, doc: NewDocument): Promise<number | undefined> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO documents (source_uri, title, language, published_on, content, content_hash, channel_id,
                            visibility, ingested_by, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [
      doc.sourceUri,
      doc.title,
      doc.language,
      doc.publishedOn,
      doc.content,
      doc.contentHash,
      doc.channelId,
      doc.visibility,
      doc.ingestedBy,
      doc.metadata,
    ],
  );
  return rows[0] ? Number(rows[0].id) : undefined;
}

/** Replaces a document's content and metadata in place (same id, so citations of it stay valid). */
export async function updateDocument(db: Queryable, id: number, doc: NewDocument): Promise<void> {
  await db.query(
    `UPDATE documents SET title = $2, language = $3, published_on = $4, content = $5, content_hash = $6,
            channel_id = $7, visibility = $8, ingested_by = $9, metadata = $10, translation_group = NULL,
            updated_at = now()
      WHERE id = $1`,
    [
      id,
      doc.title,
      doc.language,
      doc.publishedOn,
      doc.content,
      doc.contentHash,
      doc.channelId,
      doc.visibility,
      doc.ingestedBy,
      doc.metadata,
    ],
  );
}

/**
 * Documents in other languages that could be translations of one dated `publishedOn` (or undated),
 * among those a conversation of `scope` can see (its own and public ones).
 */
export async function translationCandidates(
  db: Queryable,
  documentId: number,
  language: string,
  publishedOn: string | null,
  scope: string,
): Promise<DocumentRow[]> {
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM documents
      WHERE id <> $1 AND language <> $2 AND metadata ? 'fingerprint'
        AND ($3::date IS NULL OR published_on IS NULL OR published_on = $3::date)
        AND visibility_scope IN ($4, 'public')
      ORDER BY id`,
    [documentId, language, publishedOn, scope],
  );
  return rows.map(toDocument);
}

export async function setTranslationGroup(db: Queryable, ids: number[], group: number): Promise<void> {
  await db.query('UPDATE documents SET translation_group = $2 WHERE id = ANY($1::bigint[])', [ids, group]);
}

export async function countDocuments(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
  return rows[0]?.n ?? 0;
}

/**
 * Serialises ingestions that touch the same keys (content hash, source) until the transaction ends.
 * Keys are taken in sorted order so that two ingestions never deadlock.
 */
export async function lockIngestionKeys(client: Queryable, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) {
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
  }
}

/** True when a translation group (or its first document) already has a document in `language` besides `exceptId`. */
export async function groupHasLanguage(
  db: Queryable,
  group: number,
  language: string,
  exceptId: number,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM documents WHERE (translation_group = $1 OR id = $1) AND language = $2 AND id <> $3',
    [group, language, exceptId],
  );
  return (rowCount ?? 0) > 0;
}

/** The full text of documents, by id (ids that do not exist are absent). */
export async function documentContents(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string; content: string }>(
    'SELECT id, content FROM documents WHERE id = ANY ($1::bigint[])',
    [ids],
  );
  return new Map(rows.map((row) => [Number(row.id), row.content]));
}

export interface IngestedDocumentRow {
  id: string;
  title: string;
  language: string;
  publishedOn: string | null;
  createdAt: Date;
  content: string;
}

/**
 * Documents ingested in [start, end): public ones, plus the channel's own private ones (a null channel:
 * public ones only).
 */
export async function listDocumentsIngested(
  db: Queryable,
  scope: { channelId: string | null; start: Date; end: Date },
): Promise<IngestedDocumentRow[]> {
  const result = await db.query<IngestedDocumentRow>(
    `SELECT id::text AS id, title, language, to_char(published_on, 'YYYY-MM-DD') AS "publishedOn",
            created_at AS "createdAt", content
     FROM documents
     WHERE created_at >= $2 AND created_at < $3 AND (visibility = 'public' OR channel_id = $1)
     ORDER BY created_at, id`,
    [scope.channelId, scope.start, scope.end],
  );
  return result.rows;
}
