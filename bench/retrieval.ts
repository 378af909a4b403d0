// Retrieval benchmark: bulk-load N chunks of 384-dimension vectors into the real schema, build the
// model's partial HNSW index, then compare HNSW with an exact scan (recall@10, p50/p95 latency) and
// time full hybrid searches.
//
//   npm run bench:retrieval                         native Postgres when DATABASE_URL or
//   npm run bench:retrieval -- --chunks 10000       TEST_DATABASE_URL is set, else embedded PGlite
//   npm run bench:retrieval -- --backend pglite
//
// Native runs use a throwaway database (created and dropped); PGlite runs in memory.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pgvector from 'pgvector/pg';

import { prepareDatabase } from '../src/db/prepare.ts';
import { nearestChunksParams, nearestChunksSql } from '../src/db/search.ts';
import { cleanText } from '../src/ingest/clean.ts';
import { findAliasMatches } from '../src/search/aliases.ts';
import { EF_SEARCH } from '../src/search/dense.ts';
import { search } from '../src/search/index.ts';
import { lexicalSearch } from '../src/search/lexical.ts';
import { detectLanguage } from '../src/text/language.ts';
import { testContext } from '../test/helpers/context.ts';
import { seededRandom } from './random.ts';
import { percentile } from './stats.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    chunks: { type: 'string' },
    queries: { type: 'string', default: '200' },
    'ef-search': { type: 'string', default: String(EF_SEARCH) },
    /** Keep the native bench database for inspection (its name is printed). */
    keep: { type: 'boolean' },
  },
});

const SAMPLES = fileURLToPath(new URL('../samples/minutes/', import.meta.url));
const DIMS = 384;
const MODEL = 'local-ngram-v1';
const CHUNKS_PER_DOCUMENT = 100;
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const backend = (values.backend ?? (nativeUrl ? 'postgres' : 'pglite')) as 'postgres' | 'pglite';
if (backend === 'postgres' && !nativeUrl)
  throw new Error('--backend postgres needs DATABASE_URL or TEST_DATABASE_URL');
const total = Number(values.chunks ?? (backend === 'postgres' ? 100_000 : 10_000));
const queryCount = Number(values.queries);
const efSearch = Number(values['ef-search']);

// Seeded generator: the same corpus on every run.
const random = seededRandom();
function gaussian(): number {
  return Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
}
function normalise(vector: number[]): number[] {
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

// Clustered vectors, like embeddings of documents about a few hundred topics.
const CLUSTERS = Math.max(10, Math.round(total / 100));
const centres = Array.from({ length: CLUSTERS }, () => normalise(Array.from({ length: DIMS }, gaussian)));
function sampleVector(): number[] {
  const centre = centres[Math.floor(random() * CLUSTERS)]!;
  return normalise(centre.map((value) => value + 0.06 * gaussian()));
}

// Chunk texts: shuffled sentences of the seed articles (French and Swedish), so that term
// frequencies, and the cost of ranking common terms such as "Guangxi", are those of real input.
const seedSentences: { language: 'fr' | 'sv'; sentences: string[] }[] = [];
for (const name of (await readdir(SAMPLES)).sort()) {
  const { content } = cleanText(await readFile(path.join(SAMPLES, name), 'utf8'));
  const language = detectLanguage(content) === 'sv' ? 'sv' : 'fr';
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const sentences = [...segmenter.segment(content)]
    .map((part) => part.segment.trim())
    .filter((text) => text.length > 20);
  seedSentences.push({ language, sentences });
}
function sampleChunk(): { text: string; language: 'fr' | 'sv' } {
  const source = seedSentences[Math.floor(random() * seedSentences.length)]!;
  const count = 3 + Math.floor(random() * 4);
  const text = Array.from(
    { length: count },
    () => source.sentences[Math.floor(random() * source.sentences.length)],
  ).join(' ');
  return { text, language: source.language };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

async function main() {
  const started = performance.now();
  const { db, cleanup } = await openThrowawayDatabase(backend === 'postgres' ? nativeUrl : undefined, {
    prefix: 'minutebook_bench',
    keep: Boolean(values.keep),
  });
  try {
    const pool = db.pool;
    await prepareDatabase(pool);
    console.log(`backend ${backend}, ${total} chunks of ${DIMS} dimensions, ${CLUSTERS} clusters`);

    // Bulk load without the HNSW index (building it once afterwards is much faster than inserting into it).
    await pool.query('DROP INDEX chunks_embedding_local_ngram_v1');
    const documents = Math.ceil(total / CHUNKS_PER_DOCUMENT);
    const docIds: number[] = [];
    for (let start = 0; start < documents; start += 1000) {
      const count = Math.min(1000, documents - start);
      const ids = Array.from({ length: count }, (_, i) => start + i);
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO documents (source_uri, title, language, published_on, content, content_hash, metadata)
         SELECT 'bench://doc/' || n, 'Synthetic document ' || n, 'fr', DATE '2025-01-01' + (n % 365),
                'synthetic', 'bench-' || n, '{"languages": ["fr", "sv"]}'::jsonb
           FROM unnest($1::int[]) AS n RETURNING id`,
        [ids],
      );
      docIds.push(...rows.map((row) => Number(row.id)));
    }
    const loadStart = performance.now();
    const BATCH = 2000;
    for (let start = 0; start < total; start += BATCH) {
      const count = Math.min(BATCH, total - start);
      const ordinals = Array.from({ length: count }, (_, i) => start + i);
      const chunks = ordinals.map(() => sampleChunk());
      await pool.query(
        `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model)
         SELECT doc, ord, text, 0, length(text), language,
                CASE language WHEN 'sv' THEN 'swedish' ELSE 'french' END::regconfig, embedding::vector, $6
           FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[])
             AS t(doc, ord, text, language, embedding)`,
        [
          ordinals.map((n) => docIds[Math.floor(n / CHUNKS_PER_DOCUMENT)]),
          ordinals.map((n) => n % CHUNKS_PER_DOCUMENT),
          chunks.map((chunk) => chunk.text),
          chunks.map((chunk) => chunk.language),
          ordinals.map(() => pgvector.toSql(sampleVector())),
          MODEL,
        ],
      );
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const buildStart = performance.now();
    const build = await pool.connect();
    try {
      if (backend === 'postgres') {
        await build.query("SET maintenance_work_mem = '1GB'");
        await build.query('SET max_parallel_maintenance_workers = 1');
      }
      // The same definition as migrations/0001_init.sql.
      await build.query(`CREATE INDEX chunks_embedding_local_ngram_v1 ON chunks
        USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embed_model = 'local-ngram-v1'`);
      await build.query('ANALYZE chunks');
      await build.query('ANALYZE documents');
    } finally {
      build.release();
    }
    const buildSeconds = (performance.now() - buildStart) / 1000;

    const sql = nearestChunksSql(DIMS);
    const queries = Array.from({ length: queryCount }, () => sampleVector());
    const run = async (vector: number[], mode: 'hnsw' | 'exact') => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (mode === 'exact') {
          await client.query('SET LOCAL enable_indexscan = off');
        } else {
          await client.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(efSearch)]);
          await client.query("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        }
        const t0 = performance.now();
        const { rows } = await client.query<{ id: string }>(sql, nearestChunksParams({}, vector, MODEL, 10));
        const elapsed = performance.now() - t0;
        await client.query('COMMIT');
        return { ids: rows.map((row) => row.id), elapsed };
      } finally {
        client.release();
      }
    };
    const plan = async (mode: 'hnsw' | 'exact') => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (mode === 'exact') await client.query('SET LOCAL enable_indexscan = off');
        const { rows } = await client.query(
          `EXPLAIN ${sql}`,
          nearestChunksParams({}, queries[0]!, MODEL, 10),
        );
        await client.query('ROLLBACK');
        return (
          rows
            .map((row) => String(row['QUERY PLAN']))
            .find((line) => /Scan/.test(line))
            ?.trim() ?? '?'
        );
      } finally {
        client.release();
      }
    };
    for (const vector of queries.slice(0, 5)) {
      await run(vector, 'hnsw');
      await run(vector, 'exact');
    }
    const hnswTimes: number[] = [];
    const exactTimes: number[] = [];
    let recall = 0;
    for (const vector of queries) {
      const exact = await run(vector, 'exact');
      const hnsw = await run(vector, 'hnsw');
      exactTimes.push(exact.elapsed);
      hnswTimes.push(hnsw.elapsed);
      const truth = new Set(exact.ids);
      recall += hnsw.ids.filter((id) => truth.has(id)).length / Math.max(1, truth.size);
    }
    recall /= queries.length;

    const ctx = testContext(db);
    const questions = [
      'what did Guangxi propose on AI',
      'Chen Gang',
      'lignes ferroviaires à écartement standard Lang Son - Hanoi',
      'Mong Cai Dongxing cross-border industrial cooperation zone',
      'vad föreslog partisekreteraren om tullsamarbete',
    ];
    for (const question of questions) await search(ctx, question);
    const hybridTimes: number[] = [];
    const lexicalTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const question = questions[i % questions.length]!;
      let t0 = performance.now();
      await search(ctx, question);
      hybridTimes.push(performance.now() - t0);
      t0 = performance.now();
      await lexicalSearch(pool, question, await findAliasMatches(pool, question), 'english', 50, {});
      lexicalTimes.push(performance.now() - t0);
    }

    const hnswP95 = percentile(hnswTimes, 95);
    const exactP95 = percentile(exactTimes, 95);
    const rows: [string, string][] = [
      ['backend', backend],
      ['chunks', String(total)],
      [
        'bulk load',
        `${loadSeconds.toFixed(1)} s (${Math.round(total / loadSeconds)} chunks/s: text, tsvector, vector)`,
      ],
      ['HNSW build (m=16, ef_construction=64)', `${buildSeconds.toFixed(1)} s`],
      ['plan, HNSW', await plan('hnsw')],
      ['plan, exact', await plan('exact')],
      [`recall@10 (ef_search=${efSearch}, ${queries.length} queries)`, recall.toFixed(4)],
      ['dense HNSW p50 / p95', `${ms(percentile(hnswTimes, 50))} / ${ms(hnswP95)}`],
      ['dense exact p50 / p95', `${ms(percentile(exactTimes, 50))} / ${ms(exactP95)}`],
      ['p95 speed-up HNSW vs exact', `${(exactP95 / hnswP95).toFixed(1)}×`],
      [
        'lexical alone p50 / p95',
        `${ms(percentile(lexicalTimes, 50))} / ${ms(percentile(lexicalTimes, 95))}`,
      ],
      [
        'hybrid search() p50 / p95 (50 queries)',
        `${ms(percentile(hybridTimes, 50))} / ${ms(percentile(hybridTimes, 95))}`,
      ],
      ['total bench time', `${((performance.now() - started) / 1000).toFixed(0)} s`],
    ];
    const width = Math.max(...rows.map(([label]) => label.length));
    console.log(rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n'));
    const ok = recall >= 0.95 && exactP95 / hnswP95 >= 10;
    console.log(
      ok
        ? 'targets met: recall@10 >= 0.95 and p95 >= 10x faster than exact'
        : 'targets NOT met (recall@10 >= 0.95, p95 >= 10x)',
    );
  } finally {
    await cleanup();
  }
}

await main();
