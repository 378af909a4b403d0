import path from 'node:path';
import type pg from 'pg';
import { corpusChanged } from '../db/corpus-cache.ts';
import {
  type DocumentRemoval,
  type DocumentSummary,
  deleteDocumentWithAudit,
  selectDocumentRemovals,
  selectDocumentSummaries,
  selectDocumentSummary,
  selectRemovableDocuments,
} from '../db/document-removals.ts';
import type { Queryable } from '../db/pool.ts';
import { withTransaction } from '../db/pool.ts';

export type { DocumentRemoval, DocumentSummary } from '../db/document-removals.ts';

export class DocumentNotFoundError extends Error {
  override name = 'DocumentNotFoundError';
}

export class DocumentRemovalRefusedError extends Error {
  override name = 'DocumentRemovalRefusedError';
}

/**
 * Who asks, from where. Unset: the CLI on the server, which sees and may remove every document.
 * In Slack: documents visible in the conversation; removal by the person who shared the document or a
 * workspace admin.
 */
export interface DocumentActor {
  userId: string;
  channelId: string | null;
  isAdmin: boolean;
}

function visibleTo(document: DocumentSummary, actor: DocumentActor | undefined): boolean {
  if (!actor) return true;
  return (
    document.visibility === 'public' ||
    document.channelId === actor.channelId ||
    document.ingestedBy === actor.userId
  );
}

export async function listDocuments(
  db: Queryable,
  options: { actor?: DocumentActor; limit?: number } = {},
): Promise<DocumentSummary[]> {
  return selectDocumentSummaries(db, {
    allChannels: options.actor === undefined,
    channelId: options.actor?.channelId ?? null,
    limit: options.limit ?? 1000,
  });
}

/**
 * The documents an actor outside any conversation (the App Home) may remove, newest first: the ones
 * they shared, and for a workspace admin the public ones too — what removeDocument would allow them.
 */
export async function removableDocuments(
  db: Queryable,
  actor: Pick<DocumentActor, 'userId' | 'isAdmin'>,
  limit: number,
): Promise<DocumentSummary[]> {
  return selectRemovableDocuments(db, { userId: actor.userId, isAdmin: actor.isAdmin, limit });
}

/**
 * A document by id ("12", "#12") or by source: a URL, a Slack permalink, or a file path (relative
 * paths are resolved against `cwd`, as `ingest` stored them).
 */
export async function findDocument(
  db: Queryable,
  reference: string,
  options: { actor?: DocumentActor; cwd?: string } = {},
): Promise<DocumentSummary> {
  const ref = reference.trim();
  const id = /^#?\d+$/.test(ref) ? Number(ref.replace('#', '')) : null;
  let found: DocumentSummary | undefined;
  if (id !== null) found = await selectDocumentSummary(db, { id });
  else {
    found = await selectDocumentSummary(db, { sourceUri: ref });
    if (!found && !/^[a-z][a-z0-9+.-]*:\/\//i.test(ref)) {
      found = await selectDocumentSummary(db, { sourceUri: path.resolve(options.cwd ?? process.cwd(), ref) });
    }
  }
  if (!found || !visibleTo(found, options.actor)) {
    throw new DocumentNotFoundError(
      `no document ${ref}: give an id from \`documents list\` or the path or URL it was ingested from`,
    );
  }
  return found;
}

export interface DocumentRemovalResult {
  document: DocumentSummary;
  removal: DocumentRemoval;
}

/**
 * Retracts a document: deletes it with its chunks and embeddings (so search and answers no longer use
 * it) and keeps an audit row. Refused in Slack unless the actor shared it or is a workspace admin.
 * Ingesting the same content again afterwards makes a new document.
 */
export async function removeDocument(
  pool: pg.Pool,
  reference: string,
  options: { actor?: DocumentActor; removedBy: string; cwd?: string },
): Promise<DocumentRemovalResult> {
  const document = await findDocument(pool, reference, options);
  const actor = options.actor;
  if (actor && !actor.isAdmin && document.ingestedBy !== actor.userId) {
    throw new DocumentRemovalRefusedError(
      `only the person who shared “${document.title}” or a workspace admin can remove it`,
    );
  }
  const removal = await withTransaction(pool, (client) =>
    deleteDocumentWithAudit(client, document.id, options.removedBy),
  );
  if (!removal) throw new DocumentNotFoundError(`document ${document.id} was removed meanwhile`);
  corpusChanged();
  return { document, removal };
}

export async function documentRemovals(db: Queryable, documentId: number): Promise<DocumentRemoval[]> {
  return selectDocumentRemovals(db, documentId);
}
