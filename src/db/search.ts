import type pg from 'pg';
import pgvector from 'pgvector/pg';
import { vectorCast } from './chunks.ts';
import { corpusChanged } from './corpus-cache.ts';
import { type Queryable, withTransaction } from './pool.ts';

/** Which documents a search may return: channel scope, languages, publication dates. */
export interface DocumentFilter {
  channelId?: string | null;
  languages?: string[];
  from?: string;
  to?: string;
}

// Every search query takes the filter as $1–$4 (NULL: no constraint). Public documents are visible
// everywhere; a private one only in its own channel.
export const VISIBLE = `(d.visibility = 'public' OR d.channel_id = $1::text)
  AND ($2::text[] IS NULL OR d.language = ANY ($2::text[]))
  AND ($3::date IS NULL OR d.published_on >= $3::date)
  AND ($4::date IS NULL OR d.published_on <= $4::date)`;

function filterParams(filter: DocumentFilter): unknown[] {
  return [
    filter.channelId ?? null,
    filter.languages && filter.languages.length > 0 ? filter.languages : null,
    filter.from ?? null,
    filter.to ?? null,
  ];
}

/**
 * The dense query: $1–$4 filter, $5 query vector, $6 model, $7 limit. The vector expression and the
 * `embed_model` condition are those of the model's partial HNSW index; the cast's dimensions cannot
 * be a parameter, so it comes from a validated integer (vectorCast).
 */
export function nearestChunksSql(dims: number): string {
  const cast = vectorCast(dims);
  return `SELECT c.id, c.embedding::${cast} <=> $5 AS distance
            FROM chunks c JOIN documents d ON d.id = c.document_id
           WHERE c.embed_model = $6 AND ${VISIBLE}
           ORDER BY c.embedding::${cast} <=> $5
           LIMIT $7`;
}

export function nearestChunksParams(filter: DocumentFilter, vector: number[], model: string, limit: number) {
  return [...filterParams(filter), pgvector.toSql(vector), model, limit];
}

/**
 * Nearest chunks of one model, on a client inside a transaction (the HNSW settings are local to it).
 * `iterative` turns on pgvector 0.8's iterative scan, which keeps a filtered list full.
 */
export async function nearestChunks(
  client: pg.PoolClient,
  options: {
    dims: number;
    vector: number[];
    model: string;
    limit: number;
    efSearch: number;
    iterative: boolean;
  },
  filter: DocumentFilter,
): Promise<{ id: number; distance: number }[]> {
  // One round trip for both settings (pgvector before 0.8 has no hnsw.iterative_scan to set).
  await client.query(
    options.iterative
      ? "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)"
      : "SELECT set_config('hnsw.ef_search', $1, true)",
    [String(options.efSearch)],
  );
  const { rows } = await client.query<{ id: string; distance: number }>(
    nearestChunksSql(options.dims),
    nearestChunksParams(filter, options.vector, options.model, options.limit),
  );
  return rows.map((row) => ({ id: Number(row.id), distance: Number(row.distance) }));
}

export async function pgvectorVersion(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ v: string }>(
    "SELECT extversion AS v FROM pg_extension WHERE extname = 'vector'",
  );
  return rows[0]?.v ?? '0';
}

/**
 * Runs `fn` on one client, in a transaction where the planner does not scan tables sequentially
 * (enable_seqscan off: it still does where no index can serve). For full-text matches of chunks
 * under a LIMIT: the planner costs a sequential scan that stops after the first `cap` matches by its
 * row estimate, which for words ANALYZE does not list is a guess (0.5% of chunks each: an OR of the
 * twenty readings of five French words, 95,000 chunks of 1M, held by 15,684), and does not cost
 * reading each chunk's tsv out of TOAST to test it. At 1M chunks 17 of 150 ranking statements (126
 * dev questions, 8 terms) scanned 4,000–63,000 chunks that way, 60–810 ms, and with
 * synchronize_seqscans from wherever another scan of the table was, so that which matches were ranked
 * changed from run to run. Without it they take the GIN bitmap (10–40 ms), or, for a filter the
 * statistics show in many chunks, walk an index (which the planner costs as random reads).
 */
export function withoutSequentialScans<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withTransaction(pool, async (client) => {
    await client.query("SELECT set_config('enable_seqscan', 'off', true)");
    return fn(client);
  });
}

/**
 * Full text that scales: at most `cap` chunks whose tsv matches any of `filter` (tsqueries, as
 * lexical search's tsqueriesInConfigs makes them: one GIN scan each, OR'ed as a bitmap), ranked by
 * ts_rank of `rank` (normalised by length). The queries are a parameter cast to tsquery[], so the
 * planner sees their lexemes and their frequencies (pg_stats of chunks.tsv). `newest` (for a common
 * filter): the newest `cap` matches, which the planner reads by walking the primary key backwards
 * and stopping after `cap` matches, so that no query reads every chunk of a word found in most of
 * them. Otherwise (a rare filter) the first `cap` the GIN index gives, in storage order (a small
 * bitmap), or along an index when the planner knows the filter is in many chunks. (Ordering a rare
 * filter by id too would make the planner walk the key for a filter in 1% of chunks, reading each
 * tsv out of TOAST, which it does not cost: 7–15 s at 500k chunks, bench/scale.ts.) Ranking costs
 * about 1 ms per 150 chunks. `db`: a client of withoutSequentialScans, or the planner may scan the
 * table for the first `cap` matches instead.
 */
export async function rankedTextMatches(
  db: Queryable,
  options: { filter: string[]; rank: string; limit: number; cap: number; newest: boolean },
  filter: DocumentFilter,
): Promise<{ id: number; score: number }[]> {
  const params = [...filterParams(filter), options.filter, options.rank, options.limit, options.cap];
  const { rows } = options.newest
    ? await db.query<{ id: string; score: number }>(
        `SELECT id, ts_rank(tsv, $6::tsquery, 1) AS score
           FROM (SELECT c.id, c.tsv
                   FROM chunks c JOIN documents d ON d.id = c.document_id
                  WHERE c.tsv @@ ANY ($5::tsquery[]) AND ${VISIBLE}
                  ORDER BY c.id DESC
                  LIMIT $8) AS newest
          ORDER BY score DESC, id
          LIMIT $7`,
        params,
      )
    : await db.query<{ id: string; score: number }>(
        `SELECT id, ts_rank(tsv, $6::tsquery, 1) AS score
           FROM (SELECT c.id, c.tsv
                   FROM chunks c JOIN documents d ON d.id = c.document_id
                  WHERE c.tsv @@ ANY ($5::tsquery[]) AND ${VISIBLE}
                  LIMIT $8) AS matches
          ORDER BY score DESC, id
          LIMIT $7`,
        params,
      );
  return rows.map((row) => ({ id: Number(row.id), score: Number(row.score) }));
}

/**
 * Chunks whose gloss matches `filterQuery` (a tsquery of lexemes, already normalised: they are not
 * stemmed again), the newest `cap` of them (null: all; as rankedTextMatches: the planner reads a rare
 * filter from the GIN index and a common one along the primary key), scored by the sum of the
 * `weights` of the `lexemes` (plain, unquoted) they hold (an IDF weighting: rare words count most),
 * ties broken by ts_rank.
 *
 * Each gloss is read out of TOAST once: `gloss || ''` is a copy in memory that the lexeme tests and
 * ts_rank share, and `OFFSET 0` keeps the planner from pulling that expression up into the sum's
 * subquery (where it would be computed again for every lexeme of the question). A lexeme test is a
 * binary search in the gloss. (Before: the gloss's lexemes as an array, rebuilt and searched linearly
 * for each query lexeme: 1.5 s for 4,656 matches at 100k chunks, bench/scale.ts --explain.)
 */
export async function weightedGlossMatches(
  db: Queryable,
  options: {
    filterQuery: string;
    lexemes: string[];
    weights: number[];
    limit: number;
    cap: number | null;
  },
  filter: DocumentFilter,
): Promise<{ id: number; score: number }[]> {
  const { rows } = await db.query<{ id: string; score: number }>(
    `SELECT m.id,
            (SELECT sum(t.weight) FROM unnest($6::tsquery[], $7::float8[]) AS t(lexeme, weight)
              WHERE m.gloss @@ t.lexeme) AS score,
            ts_rank(m.gloss, $5::tsquery, 1) AS tie
       FROM (SELECT newest.id, newest.gloss || ''::tsvector AS gloss
               FROM (SELECT c.id, c.gloss
                       FROM chunks c JOIN documents d ON d.id = c.document_id
                      WHERE c.gloss @@ $5::tsquery AND ${VISIBLE}
                      ORDER BY c.id DESC
                      LIMIT $9) AS newest
             OFFSET 0) AS m
      ORDER BY score DESC, tie DESC, m.id
      LIMIT $8`,
    [
      ...filterParams(filter),
      options.filterQuery,
      options.lexemes.map((lexeme) => `'${lexeme.replace(/'/g, "''")}'`),
      options.weights,
      options.limit,
      options.cap,
    ],
  );
  return rows.map((row) => ({ id: Number(row.id), score: Number(row.score) }));
}

/**
 * The english-config lexemes of `words` (stop words dropped; each lexeme once, in the order of the
 * words), each with the number of chunks whose gloss holds it, counted with the gloss index but at
 * most `cap` (a lexeme counted `cap` times may be in more chunks), except for those in `known`
 * (frequent lexemes whose share ANALYZE gives): null for them. Counting reads the heap page of
 * every match (PostgreSQL 15.20 does so even for count(*) over an all-visible table): at 1M chunks a
 * lexeme in 15,000 of them took 150 ms to count in full, 6–25 ms up to 2,001 (bench/scale.ts).
 */
export async function glossLexemeFrequencies(
  db: Queryable,
  words: string[],
  known: string[],
  cap: number,
): Promise<{ lexeme: string; chunks: number | null }[]> {
  const { rows } = await db.query<{ lexeme: string; df: string | null }>(
    `SELECT l.lexeme,
            CASE WHEN l.lexeme = ANY ($2::text[]) THEN NULL
                 ELSE (SELECT count(*) FROM (SELECT 1 FROM chunks c
                        WHERE c.gloss @@ ('''' || replace(l.lexeme, '''', '''''') || '''')::tsquery
                        LIMIT $3) AS m) END AS df
       FROM (SELECT p.lexeme, min(w.n) AS word
               FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n),
                    unnest(tsvector_to_array(to_tsvector('english', w.word))) AS p(lexeme)
              GROUP BY p.lexeme) AS l
      ORDER BY l.word, l.lexeme`,
    [words, known, cap],
  );
  return rows.map((row) => ({ lexeme: row.lexeme, chunks: row.df === null ? null : Number(row.df) }));
}

/** Number of chunks: the planner's estimate once ANALYZE has run, else counted. */
export async function chunkCount(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ total: string }>(
    `SELECT CASE WHEN reltuples > 0 THEN reltuples::bigint ELSE (SELECT count(*) FROM chunks) END AS total
       FROM pg_class WHERE oid = 'chunks'::regclass`,
  );
  return Number(rows[0]?.total ?? 0);
}

/** Refreshes the planner's and the search's statistics of chunks (after an ingestion). */
export async function analyzeChunks(db: Queryable): Promise<void> {
  await db.query('ANALYZE chunks');
  corpusChanged();
}

/**
 * What lexical search asks the text-search parser, in one statement: the indexes (0-based) of the
 * `words` that are stop words in `stopConfig` (none when null), and how each of the `operands` (to_tsquery
 * operands: a quoted word or a phrase of them) parses in each of the `configs`
 * (`to_tsquery(config, operand)::text`, '' when it is only stop words there).
 */
export async function parseQueryTerms(
  db: Queryable,
  words: string[],
  stopConfig: string | null,
  operands: string[],
  configs: string[],
): Promise<{ stopWords: Set<number>; parses: { index: number; config: string; lexemes: string }[] }> {
  const { rows } = await db.query<{ n: string; config: string | null; lexemes: string | null }>(
    `SELECT t.n, NULL::text AS config, NULL::text AS lexemes
       FROM unnest($1::text[]) WITH ORDINALITY AS t(word, n)
      WHERE $2::text IS NOT NULL AND to_tsvector($2::regconfig, t.word) = ''::tsvector
     UNION ALL
     SELECT o.n, c.config, to_tsquery(c.config::regconfig, o.operand)::text
       FROM unnest($3::text[]) WITH ORDINALITY AS o(operand, n), unnest($4::text[]) AS c(config)`,
    [words, stopConfig, operands, configs],
  );
  const stopWords = new Set<number>();
  const parses: { index: number; config: string; lexemes: string }[] = [];
  for (const row of rows) {
    if (row.config === null) stopWords.add(Number(row.n) - 1);
    else parses.push({ index: Number(row.n) - 1, config: row.config, lexemes: row.lexemes ?? '' });
  }
  return { stopWords, parses };
}

/**
 * ANALYZE's most common lexemes of a tsvector column of chunks (`tsv` or `gloss`) with the share of
 * chunks holding each, and the row estimate.
 */
export async function textSearchStats(
  db: Queryable,
  column: 'tsv' | 'gloss' = 'tsv',
): Promise<{ shares: Map<string, number>; rows: number }> {
  const { rows } = await db.query<{ elems: string[] | null; freqs: number[] | null; total: number }>(
    `SELECT s.most_common_elems::text::text[] AS elems, s.most_common_elem_freqs AS freqs,
            (SELECT reltuples FROM pg_class WHERE oid = 'chunks'::regclass) AS total
       FROM pg_stats s WHERE s.schemaname = current_schema() AND s.tablename = 'chunks' AND s.attname = $1`,
    [column],
  );
  const shares = new Map<string, number>();
  const { elems, freqs, total } = rows[0] ?? { elems: null, freqs: null, total: 0 };
  for (const [i, lexeme] of (elems ?? []).entries()) shares.set(lexeme, Number(freqs?.[i] ?? 0));
  return { shares, rows: Number(total) };
}

/** Languages stored: of documents, and of their mixed-language chunks (metadata.languages). */
export async function storedLanguages(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ language: string }>(
    `SELECT language FROM documents
     UNION SELECT jsonb_array_elements_text(metadata -> 'languages') FROM documents`,
  );
  return rows.map((row) => row.language);
}

export interface ChunkHitRow {
  chunkId: number;
  documentId: number;
  title: string;
  sourceUri: string;
  language: string;
  publishedOn: string | null;
  translationGroup: number | null;
  ord: number;
  text: string;
  startChar: number;
  endChar: number;
  /** Cosine similarity to `vector`; null when the chunk has no vector of `model`. */
  denseSimilarity: number | null;
}

/** Chunks with their document, and their similarity to the query vector under `model`. */
export async function chunkHits(
  db: Queryable,
  ids: number[],
  vector: number[],
  model: string,
  dims: number,
): Promise<ChunkHitRow[]> {
  const cast = vectorCast(dims);
  const { rows } = await db.query<{
    id: string;
    document_id: string;
    title: string;
    source_uri: string;
    language: string;
    published_on: string | null;
    translation_group: string | null;
    ord: number;
    text: string;
    start_char: number;
    end_char: number;
    similarity: number | null;
  }>(
    `SELECT c.id, c.document_id, d.title, d.source_uri, d.language,
            to_char(d.published_on, 'YYYY-MM-DD') AS published_on, d.translation_group,
            c.ord, c.text, c.start_char, c.end_char,
            CASE WHEN c.embed_model = $3 THEN 1 - (c.embedding::${cast} <=> $2) END AS similarity
       FROM chunks c JOIN documents d ON d.id = c.document_id
      WHERE c.id = ANY ($1::bigint[])`,
    [ids, pgvector.toSql(vector), model],
  );
  return rows.map((row) => ({
    chunkId: Number(row.id),
    documentId: Number(row.document_id),
    title: row.title,
    sourceUri: row.source_uri,
    language: row.language,
    publishedOn: row.published_on,
    translationGroup: row.translation_group === null ? null : Number(row.translation_group),
    ord: row.ord,
    text: row.text,
    startChar: row.start_char,
    endChar: row.end_char,
    denseSimilarity: row.similarity === null ? null : Number(row.similarity),
  }));
}

/**
 * Which of `lexemes` (english-config lexemes of the gloss: years such as 2016, ordinals such as ord15)
 * each document holds in any of its chunks, for the documents of the chunks `chunkIds` (so that it
 * can run while the chunks themselves are read: chunkHits). Read from document_gloss_values, which
 * triggers on chunks keep (migrations/0015): it holds a document's four-digit and ordinal gloss
 * lexemes only, so other lexemes are never found.
 */
export async function documentGlossLexemes(
  db: Queryable,
  chunkIds: number[],
  lexemes: string[],
): Promise<Map<number, Set<string>>> {
  const found = new Map<number, Set<string>>();
  if (chunkIds.length === 0 || lexemes.length === 0) return found;
  const { rows } = await db.query<{ document_id: string; lexeme: string }>(
    `SELECT v.document_id, v.lexeme
       FROM document_gloss_values v
      WHERE v.document_id = ANY (ARRAY(SELECT h.document_id FROM chunks h WHERE h.id = ANY ($1::bigint[])))
        AND v.lexeme = ANY ($2::text[])`,
    [chunkIds, lexemes],
  );
  for (const row of rows) {
    const id = Number(row.document_id);
    const set = found.get(id) ?? new Set<string>();
    set.add(row.lexeme);
    found.set(id, set);
  }
  return found;
}
