import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../context.ts';
import { countChunks, deleteChunks, ensureEmbeddingModel, insertChunks } from '../db/chunks.ts';
import { corpusChanged } from '../db/corpus-cache.ts';
import {
  countDocuments,
  type DocumentRow,
  findDocumentBySource,
  findVisibleDocumentByHash,
  groupHasLanguage,
  insertDocument,
  lockIngestionKeys,
  type NewDocument,
  setTranslationGroup,
  translationCandidates,
  updateDocument,
  visibilityScope,
} from '../db/documents.ts';
import { type Queryable, withTransaction } from '../db/pool.ts';
import { analyzeChunks } from '../db/search.ts';
import { ingestedTotal } from '../metrics.ts';
import { glossVersion } from '../text/gloss.ts';
import { contentHash, type Fingerprint, fingerprintSimilarity, TRANSLATION_THRESHOLD } from './dedupe.ts';
import { type LoadedDocument, loadBytes, SkipError } from './loaders/index.ts';
import { fetchUrl } from './loaders/url.ts';
import type { Prepared } from './prepare.ts';
import { inlinePreparer, type Preparer, workerPreparer } from './preparer.ts';

export interface IngestOptions {
  /** Slack channel the document came from (private documents answer only there). */
  channelId?: string | null;
  visibility?: 'public' | 'private';
  /** Who ingested it (Slack user id, or null from the CLI). */
  ingestedBy?: string | null;
}

export interface IngestReport {
  input: string;
  status: 'ingested' | 'unchanged' | 'updated' | 'skipped';
  reason?: string;
  documentId?: number;
  title?: string;
  language?: string;
  chunks?: number;
  translationGroup?: number | null;
  publishedOn?: string | null;
}

export interface IngestFile {
  name: string;
  bytes: Uint8Array;
  /** Stable identity of the source: an absolute path, a URL, a Slack file permalink. */
  sourceUri: string;
  mimeType?: string;
}

/**
 * Files from which a batch prepares documents in a worker thread (./preparer.ts). Starting one costs
 * about 0.2 s (its own module loading and lexicons) and its heap; for a few files that outweighs
 * the overlap (500 documents: 48–49 → 59–61 pages/s embedded, bench/ingest.ts).
 */
const WORKER_MIN_FILES = 10;

/**
 * Ingests files, directories (recursively) and http(s) URLs, one after the other. Every input gets a
 * report; a file that cannot be read is `skipped` with a reason and never stops the batch.
 */
export async function ingestInputs(
  ctx: AppContext,
  inputs: string[],
  options: IngestOptions = {},
  onProgress?: (report: IngestReport, done: number, total: number) => void,
): Promise<IngestReport[]> {
  const tasks: Task[] = [];
  for (const input of inputs) tasks.push(...(await expand(input)));
  const reports: IngestReport[] = [];
  // Documents are stored one after the other, in order. A batch reads the next file and hands it
  // to a worker thread to prepare before storing the current one, so that both go on at once (the
  // embedded database works on this thread, and holds it while it does).
  const files = tasks.filter((task) => task.kind !== 'skip').length;
  const preparer = files >= WORKER_MIN_FILES ? workerPreparer(ctx.logger) : inlinePreparer;
  try {
    let current = tasks.length > 0 ? await startTask(ctx, tasks[0]!, preparer) : null;
    for (let i = 0; i < tasks.length; i++) {
      const next = i + 1 < tasks.length ? await startTask(ctx, tasks[i + 1]!, preparer) : null;
      const ready = await current!.ready;
      const report =
        'report' in ready
          ? ready.report
          : await guard(ctx, ready.input, () => store(ctx, ready.prepared, ready.sourceUri, options));
      reports.push(report);
      ingestedTotal.inc({ status: report.status });
      onProgress?.(report, reports.length, tasks.length);
      current = next;
    }
  } finally {
    await preparer.close();
  }
  // Fresh statistics let search tell common words (which only rank) from rare ones (which select).
  if (reports.some((report) => report.status === 'ingested' || report.status === 'updated'))
    await analyzeChunks(ctx.db.pool);
  return reports;
}

/** Ingests one file given as bytes (Slack uploads, tests). */
export async function ingestFile(
  ctx: AppContext,
  file: IngestFile,
  options: IngestOptions = {},
): Promise<IngestReport> {
  return guard(ctx, file.sourceUri, () => ingestBytes(ctx, file, options, false));
}

/** Ingests config.SAMPLES_DIR when no document exists yet; null when the database already has some. */
export async function ingestSamplesIfEmpty(ctx: AppContext): Promise<IngestReport[] | null> {
  if ((await countDocuments(ctx.db.pool)) > 0) return null;
  ctx.logger.info({ dir: ctx.config.SAMPLES_DIR }, 'empty database: ingesting the sample documents');
  const reports = await ingestInputs(ctx, [ctx.config.SAMPLES_DIR]);
  if (!reports.some((report) => report.status === 'ingested')) {
    ctx.logger.warn({ dir: ctx.config.SAMPLES_DIR, reports }, 'no sample document could be ingested');
  }
  return reports;
}

type Task =
  | { kind: 'file'; input: string; path: string }
  | { kind: 'url'; input: string }
  | { kind: 'skip'; input: string; reason: string };

async function expand(input: string): Promise<Task[]> {
  if (/^https?:\/\//i.test(input)) return [{ kind: 'url', input }];
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && !/^file:\/\//i.test(input)) {
    return [{ kind: 'skip', input, reason: 'unsupported URL scheme (http and https only)' }];
  }
  const file = /^file:\/\//i.test(input) ? new URL(input).pathname : input;
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch {
    return [{ kind: 'skip', input, reason: 'not found' }];
  }
  if (info.isDirectory()) return walk(file);
  if (!info.isFile()) return [{ kind: 'skip', input, reason: 'not a regular file' }];
  return [{ kind: 'file', input, path: path.resolve(file) }];
}

/** Files under a directory in name order; hidden entries ignored, a folder's README reported as skipped. */
async function walk(dir: string): Promise<Task[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    return [{ kind: 'skip', input: dir, reason: `cannot read directory: ${(error as Error).message}` }];
  }
  const tasks: Task[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      tasks.push(...(await walk(full)));
    } else if (/^readme(\.[a-z]+)?$/i.test(entry.name)) {
      // A folder's README describes the folder; it is not one of the documents.
      tasks.push({ kind: 'skip', input: full, reason: 'folder README (name the file itself to ingest it)' });
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      tasks.push({ kind: 'file', input: full, path: path.resolve(full) });
    }
  }
  return tasks;
}

type ReadTask = { report: IngestReport } | { input: string; prepared: Prepared; sourceUri: string };

/**
 * Reads a task's file and hands it to `preparer`; resolves once the preparation has started, with
 * its outcome to come: the prepared document, or the task's report when it cannot be ingested.
 * Neither promise rejects.
 */
async function startTask(
  ctx: AppContext,
  task: Task,
  preparer: Preparer,
): Promise<{ ready: Promise<ReadTask> }> {
  if (task.kind === 'skip') {
    return {
      ready: Promise.resolve({ report: { input: task.input, status: 'skipped', reason: task.reason } }),
    };
  }
  const failure = (error: unknown): ReadTask => ({ report: failed(ctx, task.input, error) });
  try {
    const file = await readBytes(ctx, task);
    const loaded = await loadFile(ctx, file);
    const prepared = preparer.prepare(loaded, file.name, ctx.config.DATE_ORDER);
    return {
      ready: prepared.then(
        (result) => ({ input: task.input, prepared: result, sourceUri: file.sourceUri }),
        failure,
      ),
    };
  } catch (error) {
    return { ready: Promise.resolve(failure(error)) };
  }
}

/** The bytes of a file or URL task, within the configured limits. */
async function readBytes(
  ctx: AppContext,
  task: Exclude<Task, { kind: 'skip' }>,
): Promise<IngestFile & { downloaded: boolean }> {
  const limits = {
    timeoutMs: ctx.config.INGEST_FETCH_TIMEOUT_MS,
    maxBytes: ctx.config.INGEST_MAX_BYTES,
    allowPrivateHosts: ctx.config.INGEST_ALLOW_PRIVATE_HOSTS,
  };
  if (task.kind === 'url') {
    return { ...(await fetchUrl(task.input, limits)), sourceUri: task.input, downloaded: true };
  }
  const info = await stat(task.path);
  if (!info.isFile()) throw new SkipError('not a regular file');
  if (info.size === 0) throw new SkipError('empty file');
  if (info.size > limits.maxBytes) {
    throw new SkipError(`too large: ${info.size} bytes (limit ${limits.maxBytes}, INGEST_MAX_BYTES)`);
  }
  try {
    const bytes = await readFile(task.path);
    return { name: path.basename(task.path), bytes, sourceUri: task.path, downloaded: false };
  } catch (error) {
    throw new SkipError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** Turns any failure into a skipped report (logged when it is not an ordinary skip reason). */
async function guard(
  ctx: AppContext,
  input: string,
  work: () => Promise<Omit<IngestReport, 'input'>>,
): Promise<IngestReport> {
  try {
    return { input, ...(await work()) };
  } catch (error) {
    return failed(ctx, input, error);
  }
}

function failed(ctx: AppContext, input: string, error: unknown): IngestReport {
  if (error instanceof SkipError) return { input, status: 'skipped', reason: error.message };
  ctx.logger.error({ err: error, input }, 'ingestion failed');
  return { input, status: 'skipped', reason: `error: ${(error as Error).message ?? String(error)}` };
}

async function ingestBytes(
  ctx: AppContext,
  file: IngestFile,
  options: IngestOptions,
  downloaded: boolean,
): Promise<Omit<IngestReport, 'input'>> {
  const loaded = await loadFile(ctx, { ...file, downloaded });
  return store(
    ctx,
    await inlinePreparer.prepare(loaded, file.name, ctx.config.DATE_ORDER),
    file.sourceUri,
    options,
  );
}

/** A file's text, as its format's loader extracts it. */
async function loadFile(
  ctx: AppContext,
  file: IngestFile & { downloaded: boolean },
): Promise<LoadedDocument> {
  if (file.bytes.length > ctx.config.INGEST_MAX_BYTES) {
    throw new SkipError(`too large: ${file.bytes.length} bytes (limit ${ctx.config.INGEST_MAX_BYTES})`);
  }
  return loadBytes(file.name, file.bytes, file.mimeType, file.downloaded);
}

async function store(
  ctx: AppContext,
  prepared: Prepared,
  sourceUri: string,
  options: IngestOptions,
): Promise<Omit<IngestReport, 'input'>> {
  const hash = contentHash(prepared.content);
  const visibility = options.visibility ?? 'public';
  const channelId = options.channelId ?? null;
  // Dedupe only against what this conversation can see: matching a document private to another
  // channel would name it in the receipt and leave this conversation without the text.
  const scope = visibilityScope(visibility, channelId);
  const same = await findVisibleDocumentByHash(ctx.db.pool, hash, scope);
  if (same) return unchanged(ctx, same);
  const { embedder } = ctx;
  await ensureEmbeddingModel(ctx.db.pool, embedder.model, embedder.dims);
  // Embedding can take a while (remote API): done before the transaction so locks are held briefly.
  const vectors = await embedder.embed(prepared.chunks.map((chunk) => chunk.text));
  const chunks = prepared.chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! }));
  const doc: NewDocument = {
    sourceUri,
    title: prepared.title,
    language: prepared.language,
    publishedOn: prepared.publishedOn,
    content: prepared.content,
    contentHash: hash,
    channelId,
    visibility,
    ingestedBy: options.ingestedBy ?? null,
    metadata: prepared.metadata,
  };
  const outcome = await withTransaction(ctx.db.pool, async (client) => {
    // Two ingests of the same file (or of the same source) run one after the other: the second
    // then sees the first's row.
    await lockIngestionKeys(client, [`content:${scope}:${hash}`, `source:${sourceUri}`]);
    const raced = await findVisibleDocumentByHash(client, hash, scope);
    if (raced) return { status: 'unchanged' as const, row: raced };
    const previous = await findDocumentBySource(client, sourceUri);
    let id: number;
    if (previous) {
      await updateDocument(client, previous.id, doc);
      await deleteChunks(client, previous.id);
      id = previous.id;
    } else {
      const inserted = await insertDocument(client, doc);
      if (inserted === undefined) {
        const winner =
          (await findVisibleDocumentByHash(client, hash, scope)) ??
          (await findDocumentBySource(client, sourceUri));
        if (!winner) throw new Error(`could not store ${sourceUri}`);
        return { status: 'unchanged' as const, row: winner };
      }
      id = inserted;
    }
    await insertChunks(client, id, chunks, embedder.model, glossVersion());
    const group = await linkTranslation(client, id, prepared, scope);
    return { status: previous ? ('updated' as const) : ('ingested' as const), id, group };
  });
  if (outcome.status === 'unchanged') return unchanged(ctx, outcome.row);
  // Committed: search reads the languages stored (and later statistics) again.
  corpusChanged();
  ctx.logger.debug({ sourceUri, status: outcome.status, chunks: chunks.length }, 'document stored');
  return {
    status: outcome.status,
    documentId: outcome.id,
    title: prepared.title,
    language: prepared.language,
    publishedOn: prepared.publishedOn,
    chunks: chunks.length,
    translationGroup: outcome.group,
  };
}

async function unchanged(ctx: AppContext, row: DocumentRow): Promise<Omit<IngestReport, 'input'>> {
  return {
    status: 'unchanged',
    documentId: row.id,
    title: row.title,
    language: row.language,
    publishedOn: row.publishedOn,
    chunks: await countChunks(ctx.db.pool, row.id),
    translationGroup: row.translationGroup,
  };
}

/**
 * Links a document to its translation among documents in other languages with a compatible date that
 * its conversation can see (a private document of another channel is never its translation):
 * the best fingerprint match above the threshold, unless its group already has this language.
 * The group id is the id of the first document of the group.
 */
async function linkTranslation(
  db: Queryable,
  id: number,
  prepared: Prepared,
  scope: string,
): Promise<number | null> {
  const candidates = await translationCandidates(db, id, prepared.language, prepared.publishedOn, scope);
  let best: { row: DocumentRow; score: number } | undefined;
  for (const row of candidates) {
    const score = fingerprintSimilarity(prepared.fingerprint, row.metadata.fingerprint as Fingerprint);
    if (score >= TRANSLATION_THRESHOLD && (!best || score > best.score)) best = { row, score };
  }
  if (!best) return null;
  const group = best.row.translationGroup ?? best.row.id;
  if (await groupHasLanguage(db, group, prepared.language, id)) return null;
  await setTranslationGroup(db, [best.row.id, id], group);
  return group;
}
