/**
 * Facts about the stored corpus that every search needs but no search changes (the alias groups, the
 * text-search configs in use, ANALYZE's lexeme statistics, the chunk count), kept in the process
 * instead of read once per query: under load each of those statements cost tens of ms (bench/scale.ts).
 *
 * A fact is read again when this process changed the corpus (corpusChanged: an ingestion, a removal,
 * an ANALYZE, an alias added) since it was read, and at the latest `ttlMs` after it was read, for
 * changes made by another process (a CLI ingestion while the server runs; autovacuum's ANALYZE).
 */
const cache = new WeakMap<object, Map<string, { at: number; generation: number; value: Promise<unknown> }>>();
let generation = 0;

/** This process changed documents, chunks, aliases or their statistics: cached facts are stale. */
export function corpusChanged(): void {
  generation += 1;
}

/**
 * `load()`'s value for this database (`db`, the pool or client it is read through) and `key`, read
 * again after corpusChanged or `ttlMs`. Concurrent callers share one read; a failed read is not kept.
 */
export function cachedFact<T>(db: object, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  let facts = cache.get(db);
  if (!facts) {
    facts = new Map();
    cache.set(db, facts);
  }
  const entry = facts.get(key);
  const now = Date.now();
  if (entry && entry.generation === generation && now - entry.at < ttlMs) return entry.value as Promise<T>;
  const value = load();
  const fresh = { at: now, generation, value };
  facts.set(key, fresh);
  value.catch(() => {
    if (facts.get(key) === fresh) facts.delete(key);
  });
  return value;
}
