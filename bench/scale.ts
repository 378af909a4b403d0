// Scale benchmark (issue 16): N chunks of real-looking text, embedded with the offline embedder and
// glossed as ingestion does, loaded into the real schema (migrations/), then: load rate, index builds
// and sizes, dense / lexical / gloss / hybrid latency over real questions of the dev set, and recall@10
// of HNSW against an exact scan. Prints a Markdown table.
//
//   npm run bench:scale                                 native (DATABASE_URL or TEST_DATABASE_URL): 1M chunks
//   npm run bench:scale -- --chunks 100000              embedded PGlite (no URL, or --backend pglite): 100k
//   npm run bench:scale -- --halfvec                    also a halfvec(384) HNSW index: its recall and size
//   npm run bench:scale -- --keep                       keep the native database (its name is printed)
//   npm run bench:scale -- --reuse minutebook_scale_…   query phase only, on a kept database
//   npm run bench:scale -- --ef-search 40,100,200,400   ef_search values of the recall table
//   npm run bench:scale -- --reuse … --latency-only --trace   no recall table; the statements of search()
//   npm run bench:scale -- --reuse … --explain term:Guangxi  EXPLAIN ANALYZE BUFFERS of each of them
//   npm run bench:scale -- --probes 50                  recall also on 50 chunk-like queries (not stored)
//   npm run bench:scale -- --word-variation 0.25        a quarter of each chunk's words redrawn (default 0)
//
// Text: sentences of the seed articles (samples/minutes/) and the dev-set corpus (eval/corpus/, vi, zh,
// en, fr, sv), each in three variants (as written, and twice with its numbers changed: other years,
// dates, counts), drawn into chunks of 3–6 sentences of one document (Zipf-weighted over documents, so
// some documents are common and some rare), sometimes with one sentence of another document of the
// same language. "Guangxi" / "Quảng Tây" / "广西" end up in most chunks, as in real minutes of these
// meetings. Embeddings: src/embed/local.ts on each chunk's text. Gloss: src/text/gloss.ts's glossText
// on each sentence variant, the chunk's gloss being its sentences' glosses joined (glossing whole
// chunks costs ~10 ms each, hours at 1M; a sentence's gloss does not depend on its neighbours except
// for a document's event years). Loaded by multi-row INSERT … SELECT FROM unnest (batches of 2,000;
// the next batch is generated while the previous one is written), with the full-text and HNSW indexes
// dropped during the load and created again afterwards from their own definitions.
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import pgvector from 'pgvector/pg';
import type { AppContext } from '../src/context.ts';
import { type Database, openDatabase } from '../src/db/pool.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { nearestChunksParams, nearestChunksSql } from '../src/db/search.ts';
import { embedLocal, LOCAL_DIMS, LOCAL_MODEL } from '../src/embed/local.ts';
import { cleanText } from '../src/ingest/clean.ts';
import { findAliasMatches, withAliasSpellings } from '../src/search/aliases.ts';
import { denseSearch, EF_SEARCH } from '../src/search/dense.ts';
import { glossSearch } from '../src/search/gloss.ts';
import { search } from '../src/search/index.ts';
import { lexicalSearch } from '../src/search/lexical.ts';
import { glossText, glossVersion } from '../src/text/gloss.ts';
import { detectLanguage, textSearchConfig } from '../src/text/language.ts';
import { testContext } from '../test/helpers/context.ts';
import { seededRandom } from './random.ts';
import { type Question, readQuestions } from './scale-queries.ts';
import { statementLabel, traceStatements } from './statement-trace.ts';
import { percentile } from './stats.ts';
import { databaseUrl, openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string' },
    chunks: { type: 'string' },
    halfvec: { type: 'boolean' },
    keep: { type: 'boolean' },
    reuse: { type: 'string' },
    'ef-search': { type: 'string', default: '40,100,200,400' },
    rounds: { type: 'string', default: '3' },
    'maintenance-work-mem': { type: 'string' },
    m: { type: 'string' },
    'ef-construction': { type: 'string' },
    /** Also list the statements one search() runs: count per query and time of each kind. */
    trace: { type: 'boolean' },
    /** EXPLAIN (ANALYZE, BUFFERS) of every statement of search() for these question ids (comma-separated). */
    explain: { type: 'string' },
    /** Skip the HNSW recall table (exact scans): latency only. */
    'latency-only': { type: 'boolean' },
    /** Share of a chunk's words replaced by words drawn from its language's vocabulary (0: none). */
    'word-variation': { type: 'string', default: '0' },
    /** Chunk-like queries (generated as the load does, not stored) for a second recall figure. */
    probes: { type: 'string', default: '50' },
  },
});

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const backend = (values.backend ?? (nativeUrl ? 'postgres' : 'pglite')) as 'postgres' | 'pglite';
if (backend === 'postgres' && !nativeUrl)
  throw new Error('--backend postgres needs DATABASE_URL or TEST_DATABASE_URL');
if (values.reuse && backend !== 'postgres') throw new Error('--reuse needs a native database');
const total = Number(values.chunks ?? (backend === 'postgres' ? 1_000_000 : 100_000));
const rounds = Number(values.rounds);
const efSearches = [...new Set(values['ef-search']!.split(',').map(Number))];
const wordVariation = Number(values['word-variation']);
if (!(wordVariation >= 0 && wordVariation < 1)) throw new Error('--word-variation takes a share in [0, 1)');
const CHUNKS_PER_DOCUMENT = 20;
const BATCH = 2000;
// The HNSW graph of 1M 384-dimension vectors takes ~2.5 GB; a build whose graph outgrows
// maintenance_work_mem goes on on disk about ten times slower.
const maintenanceWorkMem =
  values['maintenance-work-mem'] ?? (total > 300_000 ? '4GB' : total > 30_000 ? '1GB' : '256MB');

// Seeded generator: the same corpus on every run (another seed for the chunk-like probe queries).
let random = seededRandom();
const PROBE_SEED = 0x2545f491;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

interface Sentence {
  text: string;
  gloss: string;
  /** The text cut into words and what lies between them; `words`: indexes of the words. */
  pieces: string[];
  words: number[];
}
interface Source {
  language: string;
  vocabulary: Vocabulary;
  /** Each sentence in its variants. */
  sentences: Sentence[][];
}

/** A sentence with its numbers changed: years stay years (2010–2026), other numbers keep their length. */
function vary(sentence: string): string {
  return sentence.replace(/\d+/g, (digits) => {
    if (random() < 0.4) return digits;
    if (/^20[12]\d$/.test(digits)) return String(2010 + Math.floor(random() * 17));
    const max = 10 ** digits.length;
    return String(Math.floor(random() * (max - max / 10)) + max / 10).slice(0, digits.length);
  });
}

/**
 * The words of a language's sentences with their counts, drawn by frequency: replacing a chunk's word
 * by a draw keeps each word's share of the corpus about what it was (common words stay common, rare
 * ones rare), while no two chunks of the same sentences are alike any more.
 */
class Vocabulary {
  private readonly words: string[] = [];
  private readonly cumulative: number[] = [];
  private readonly glosses = new Map<string, string>();
  private readonly language: string;
  constructor(counts: Map<string, number>, language: string) {
    this.language = language;
    let sum = 0;
    for (const [word, count] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      sum += count;
      this.words.push(word);
      this.cumulative.push(sum);
    }
  }
  draw(): string {
    const r = random() * (this.cumulative.at(-1) ?? 0);
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid]! >= r) high = mid;
      else low = mid + 1;
    }
    return this.words[low] ?? '';
  }
  /** The gloss of a word alone, once per word. */
  gloss(word: string): string {
    let gloss = this.glosses.get(word);
    if (gloss === undefined) {
      gloss = glossText(word, this.language);
      this.glosses.set(word, gloss);
    }
    return gloss;
  }
}

const LETTERS = /^\p{L}{2,}$/u;

/** A text as words and what lies between them (Chinese cut into words by ICU, as search does). */
function cut(text: string, language: string): Pick<Sentence, 'pieces' | 'words'> {
  const pieces: string[] = [];
  const words: number[] = [];
  for (const { segment, isWordLike } of new Intl.Segmenter(language, { granularity: 'word' }).segment(text)) {
    if (isWordLike && LETTERS.test(segment)) words.push(pieces.length);
    pieces.push(segment);
  }
  return { pieces, words };
}

async function readSources(): Promise<Source[]> {
  const languages = new Map<string, string>();
  for (const line of (await readFile(path.join(ROOT, 'eval/corpus.jsonl'), 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line) as { file: string; language: string };
    languages.set(entry.file, entry.language);
  }
  const files: { file: string; language?: string }[] = [];
  for (const dir of ['samples/minutes', 'eval/corpus']) {
    for (const name of (await readdir(path.join(ROOT, dir))).sort()) {
      if (name.endsWith('.txt'))
        files.push({ file: path.join(ROOT, dir, name), language: languages.get(name) });
    }
  }
  const read: { language: string; sentences: Sentence[][] }[] = [];
  const counts = new Map<string, Map<string, number>>();
  for (const { file, language: known } of files) {
    const { content } = cleanText(await readFile(file, 'utf8'));
    const language = known ?? detectLanguage(content);
    const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
    const sentences = [...segmenter.segment(content)]
      .map((part) => part.segment.replace(/\s+/g, ' ').trim())
      .filter((text) => text.length > 15)
      .map((sentence) =>
        [sentence, vary(sentence), vary(sentence)].map((text) => ({
          text,
          gloss: glossText(text, language),
          ...cut(text, language),
        })),
      );
    const count = counts.get(language) ?? new Map<string, number>();
    counts.set(language, count);
    for (const { pieces, words } of sentences.flatMap((variants) => variants.slice(0, 1)))
      for (const i of words) count.set(pieces[i]!, (count.get(pieces[i]!) ?? 0) + 1);
    read.push({ language, sentences });
  }
  const vocabularies = new Map(
    [...counts].map(([language, count]) => [language, new Vocabulary(count, language)]),
  );
  return read.map((source) => ({ ...source, vocabulary: vocabularies.get(source.language)! }));
}

/**
 * A sentence with `wordVariation` of its words replaced by draws from the vocabulary of its language,
 * and its gloss with theirs added (the replaced words' glosses stay: glossing every chunk anew would
 * take hours at 1M). Without it, a million chunks are recombinations of the same ~3,500 sentence
 * variants: near-duplicates in thousands, tight clusters of vectors that no real corpus has.
 */
function varyWords(sentence: Sentence, vocabulary: Vocabulary): { text: string; gloss: string } {
  if (wordVariation === 0) return sentence;
  const pieces = [...sentence.pieces];
  const glosses = [sentence.gloss];
  for (const i of sentence.words) {
    if (random() >= wordVariation) continue;
    const word = vocabulary.draw();
    pieces[i] = word;
    glosses.push(vocabulary.gloss(word));
  }
  return { text: pieces.join(''), gloss: glosses.filter(Boolean).join(' ') };
}

interface GeneratedChunk {
  text: string;
  gloss: string;
  language: string;
  embedding: number[];
}

function generator(sources: Source[]) {
  // Zipf over documents (shuffled once), so that some documents' words are common and others rare.
  const weights = sources.map((_, i) => 1 / (i + 1) ** 0.8);
  const order = sources.map((_, i) => i).sort(() => random() - 0.5);
  const cumulative: number[] = [];
  let sum = 0;
  for (const i of order) {
    sum += weights[i]!;
    cumulative.push(sum);
  }
  const byLanguage = new Map<string, Source[]>();
  for (const source of sources)
    byLanguage.set(source.language, [...(byLanguage.get(source.language) ?? []), source]);
  return {
    document(): Source {
      const r = random() * sum;
      const index = cumulative.findIndex((value) => value >= r);
      return sources[order[index === -1 ? order.length - 1 : index]!]!;
    },
    chunk(source: Source): GeneratedChunk {
      const count = 3 + Math.floor(random() * 4);
      let at = Math.floor(random() * source.sentences.length);
      const parts: Sentence[] = [];
      for (let i = 0; i < count; i++) {
        if (random() < 0.15) parts.push(pick(pick(pick(byLanguage.get(source.language)!).sentences)));
        else {
          parts.push(pick(source.sentences[at % source.sentences.length]!));
          at += 1 + Math.floor(random() * 2);
        }
      }
      const varied = parts.map((part) => varyWords(part, source.vocabulary));
      const text = varied.map((part) => part.text).join(' ');
      return {
        text,
        gloss: varied.map((part) => part.gloss).join(' '),
        language: source.language,
        embedding: embedLocal(text),
      };
    },
  };
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)}`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function load(db: Database, sources: Source[]): Promise<{ seconds: number }> {
  const pool = db.pool;
  const gen = generator(sources);
  const documents = Math.ceil(total / CHUNKS_PER_DOCUMENT);
  const docs: { id: number; source: Source }[] = [];
  for (let start = 0; start < documents; start += 1000) {
    const count = Math.min(1000, documents - start);
    const picked = Array.from({ length: count }, () => gen.document());
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO documents (source_uri, title, language, published_on, content, content_hash)
       SELECT 'bench://doc/' || n, 'Generated minutes ' || n, language, DATE '2012-01-01' + (n % 5000),
              'generated', 'bench-' || n
         FROM unnest($1::int[], $2::text[]) AS t(n, language) RETURNING id`,
      [Array.from({ length: count }, (_, i) => start + i), picked.map((source) => source.language)],
    );
    rows.forEach((row, i) => {
      docs.push({ id: Number(row.id), source: picked[i]! });
    });
  }
  const started = performance.now();
  let pending: Promise<unknown> = Promise.resolve();
  for (let start = 0; start < total; start += BATCH) {
    const count = Math.min(BATCH, total - start);
    const ordinals = Array.from({ length: count }, (_, i) => start + i);
    const owners = ordinals.map((n) => docs[Math.floor(n / CHUNKS_PER_DOCUMENT)]!);
    const chunks = owners.map((doc) => gen.chunk(doc.source));
    await pending;
    pending = pool.query(
      `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model,
                           gloss, gloss_version)
       SELECT doc, ord, text, 0, length(text), language, config::regconfig, embedding::vector, $7,
              to_tsvector('english', gloss), $9
         FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $8::text[])
           AS t(doc, ord, text, language, config, embedding, gloss)`,
      [
        owners.map((doc) => doc.id),
        ordinals.map((n) => n % CHUNKS_PER_DOCUMENT),
        chunks.map((chunk) => chunk.text),
        chunks.map((chunk) => chunk.language),
        chunks.map((chunk) => textSearchConfig(chunk.language)),
        chunks.map((chunk) => pgvector.toSql(chunk.embedding) as string),
        LOCAL_MODEL,
        chunks.map((chunk) => chunk.gloss),
        glossVersion(),
      ],
    );
    if ((start / BATCH) % 50 === 49)
      console.error(`loaded ${start + count} chunks, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  await pending;
  return { seconds: (performance.now() - started) / 1000 };
}

async function sizes(db: Database): Promise<[string, string][]> {
  const { rows } = await db.pool.query<{ name: string; bytes: string }>(
    `SELECT 'chunks heap' AS name, pg_relation_size('chunks') AS bytes
     UNION ALL SELECT 'chunks TOAST', pg_relation_size(reltoastrelid) FROM pg_class WHERE oid = 'chunks'::regclass
     UNION ALL SELECT 'index ' || c.relname, pg_relation_size(c.oid)
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'chunks'::regclass AND (c.relname LIKE 'chunks_embedding%' OR c.relname IN ('chunks_tsv', 'chunks_gloss'))`,
  );
  return rows.map((row) => [row.name, mb(Number(row.bytes))]);
}

async function main() {
  const started = performance.now();
  const report: [string, string][] = [];
  let db: Database;
  let cleanup: () => Promise<void>;
  if (values.reuse) {
    db = await openDatabase({ url: databaseUrl(nativeUrl!, values.reuse) });
    cleanup = () => db.close();
  } else {
    ({ db, cleanup } = await openThrowawayDatabase(backend === 'postgres' ? nativeUrl : undefined, {
      prefix: 'minutebook_scale',
      keep: Boolean(values.keep),
    }));
  }
  const pool = db.pool;
  try {
    await prepareDatabase(pool);
    const { rows: counted } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM chunks');
    const chunks = Number(counted[0]!.n);
    const size = chunks > 0 ? chunks : total;
    const { rows: versions } = await pool.query<{ pg: string; vector: string }>(
      `SELECT current_setting('server_version') AS pg, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector`,
    );
    report.push(
      [
        'machine',
        `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GB (shared: timings noisy)`,
      ],
      [
        'backend',
        `${backend === 'postgres' ? 'native PostgreSQL' : 'embedded PGlite'} ${versions[0]!.pg}, pgvector ${versions[0]!.vector}`,
      ],
    );
    if (chunks === 0) {
      const t0 = performance.now();
      const sources = await readSources();
      const prepSeconds = (performance.now() - t0) / 1000;
      const sentences = sources.reduce((n, source) => n + source.sentences.length, 0);
      console.error(
        `${sources.length} documents, ${sentences} sentences × 3 variants glossed in ${prepSeconds.toFixed(0)} s`,
      );
      // Indexes are built once after the load: much faster than maintaining them row by row.
      const { rows: indexes } = await pool.query<{ name: string; def: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(c.oid) AS def
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = 'chunks'::regclass AND (c.relname LIKE 'chunks_embedding%' OR c.relname IN ('chunks_tsv', 'chunks_gloss'))`,
      );
      for (const index of indexes) await pool.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
      const { seconds } = await load(db, sources);
      report.push(['words replaced by draws from their language (--word-variation)', `${wordVariation}`]);
      report.push([
        'load (generate, embed, insert; 2 processes)',
        `${total.toLocaleString('en')} chunks in ${seconds.toFixed(0)} s: ${Math.round(total / seconds)} chunks/s`,
      ]);
      const build = await pool.connect();
      try {
        await build.query(`SELECT set_config('maintenance_work_mem', $1, false)`, [maintenanceWorkMem]);
        if (backend === 'postgres') await build.query('SET max_parallel_maintenance_workers = 1');
        for (const index of indexes) {
          let def = index.def;
          if (index.name.startsWith('chunks_embedding') && (values.m || values['ef-construction']))
            def += ` WITH (m = ${Number(values.m ?? 16)}, ef_construction = ${Number(values['ef-construction'] ?? 64)})`;
          const t1 = performance.now();
          await build.query(def);
          report.push([
            `build ${index.name} (maintenance_work_mem ${maintenanceWorkMem})`,
            `${((performance.now() - t1) / 1000).toFixed(0)} s`,
          ]);
          console.error(`built ${index.name}`);
        }
        if (values.halfvec) {
          const t1 = performance.now();
          await build.query(
            `CREATE INDEX chunks_embedding_halfvec_bench ON chunks USING hnsw ((embedding::halfvec(${LOCAL_DIMS})) halfvec_cosine_ops)
              WHERE embed_model = '${LOCAL_MODEL}'`,
          );
          report.push([
            `build halfvec(${LOCAL_DIMS}) HNSW`,
            `${((performance.now() - t1) / 1000).toFixed(0)} s`,
          ]);
        }
        await build.query('VACUUM ANALYZE chunks');
        await build.query('ANALYZE documents');
      } finally {
        build.release();
      }
    } else {
      report.push(['chunks (reused database)', chunks.toLocaleString('en')]);
      // A load stopped before its end (to bench the size reached in time) left the indexes dropped.
      const missing = await pool.query<{ name: string }>(
        `SELECT name FROM unnest(ARRAY['chunks_tsv', 'chunks_gloss', 'chunks_embedding_local_ngram_v1']) AS name
          WHERE to_regclass(name) IS NULL`,
      );
      const definitions: Record<string, string> = {
        chunks_tsv: 'CREATE INDEX chunks_tsv ON chunks USING gin (tsv)',
        chunks_gloss: 'CREATE INDEX chunks_gloss ON chunks USING gin (gloss)',
        chunks_embedding_local_ngram_v1: `CREATE INDEX chunks_embedding_local_ngram_v1 ON chunks
          USING hnsw ((embedding::vector(${LOCAL_DIMS})) vector_cosine_ops) WHERE embed_model = '${LOCAL_MODEL}'`,
      };
      for (const { name } of missing.rows) {
        if (name === 'chunks_embedding_local_ngram_v1' && (values.m || values['ef-construction'])) continue;
        const build = await pool.connect();
        try {
          await build.query(`SELECT set_config('maintenance_work_mem', $1, false)`, [maintenanceWorkMem]);
          await build.query('SET max_parallel_maintenance_workers = 1');
          const t1 = performance.now();
          await build.query(definitions[name]!);
          report.push([
            `build ${name} (maintenance_work_mem ${maintenanceWorkMem})`,
            `${((performance.now() - t1) / 1000).toFixed(0)} s`,
          ]);
          console.error(`built ${name}`);
        } finally {
          build.release();
        }
      }
      if (missing.rows.length > 0) await pool.query('VACUUM ANALYZE chunks');
      await pool.query('ANALYZE documents');
      if (values.m || values['ef-construction']) {
        // Rebuild the model's HNSW index with other parameters, as migrations/ defines it otherwise.
        const build = await pool.connect();
        try {
          await build.query(`SELECT set_config('maintenance_work_mem', $1, false)`, [maintenanceWorkMem]);
          await build.query('SET max_parallel_maintenance_workers = 1');
          await build.query('DROP INDEX IF EXISTS chunks_embedding_local_ngram_v1');
          const t1 = performance.now();
          await build.query(
            `CREATE INDEX chunks_embedding_local_ngram_v1 ON chunks USING hnsw ((embedding::vector(${LOCAL_DIMS})) vector_cosine_ops)
               WITH (m = ${Number(values.m ?? 16)}, ef_construction = ${Number(values['ef-construction'] ?? 64)})
              WHERE embed_model = '${LOCAL_MODEL}'`,
          );
          report.push([
            `rebuild HNSW (maintenance_work_mem ${maintenanceWorkMem})`,
            `${((performance.now() - t1) / 1000).toFixed(0)} s`,
          ]);
        } finally {
          build.release();
        }
      }
    }
    const { rows: indexOptions } = await pool.query<{ options: string[] | null }>(
      `SELECT reloptions AS options FROM pg_class WHERE relname = 'chunks_embedding_local_ngram_v1'`,
    );
    report.push([
      'HNSW options',
      (indexOptions[0]?.options ?? ['m=16', 'ef_construction=64 (defaults)']).join(', '),
    ]);
    report.push(...(await sizes(db)));

    const questions = await readQuestions();
    const ctx = testContext(db);

    // Recall@10 of HNSW against the exact order, on the vectors search() embeds (question and aliases).
    const vectors: number[][] = [];
    for (const q of questions) {
      vectors.push(embedLocal(withAliasSpellings(q.question, await findAliasMatches(pool, q.question))));
    }
    // Chunk-like queries: the distribution the graph was built from. The questions are far from every
    // chunk (short, often in another language, with alias spellings of four), where a greedy walk of
    // the graph has little to follow; these tell the index apart from the queries.
    const probes: number[][] = [];
    if (!values['latency-only'] && Number(values.probes) > 0) {
      random = seededRandom(PROBE_SEED);
      const gen = generator(await readSources());
      for (let i = 0; i < Number(values.probes); i++) probes.push(gen.chunk(gen.document()).embedding);
    }
    const nearest = async (vector: number[], mode: 'exact' | 'hnsw' | 'halfvec', ef = EF_SEARCH) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        if (mode === 'exact') await client.query('SET LOCAL enable_indexscan = off');
        else await client.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(ef)]);
        const sql =
          mode === 'halfvec'
            ? nearestChunksSql(LOCAL_DIMS).replaceAll(`vector(${LOCAL_DIMS})`, `halfvec(${LOCAL_DIMS})`)
            : nearestChunksSql(LOCAL_DIMS);
        const params = nearestChunksParams({}, vector, LOCAL_MODEL, 10);
        const t0 = performance.now();
        const { rows } = await client.query<{ id: string; distance: number }>(
          mode === 'halfvec' ? sql.replace('$5', `$5::halfvec(${LOCAL_DIMS})`) : sql,
          params,
        );
        const elapsed = performance.now() - t0;
        await client.query('COMMIT');
        return { rows: rows.map((row) => ({ id: row.id, distance: Number(row.distance) })), elapsed };
      } finally {
        client.release();
      }
    };
    const exact: { id: string; distance: number }[][] = [];
    const exactTimes: number[] = [];
    for (const vector of values['latency-only'] ? [] : vectors) {
      const result = await nearest(vector, 'exact');
      exact.push(result.rows);
      exactTimes.push(result.elapsed);
    }
    const exactProbes: { id: string; distance: number }[][] = [];
    for (const vector of probes) exactProbes.push((await nearest(vector, 'exact')).rows);
    // Ties count: an HNSW neighbour as close as the exact 10th is as good as it. With `epsilon`, one
    // within (1 + epsilon) × the exact 10th distance counts too (ANN-benchmarks' "epsilon recall"): the
    // offline embedder gives near-duplicate minutes nearly equal distances, and this tells whether the
    // neighbours HNSW misses are replaced by others as close.
    const recallOf = (found: { id: string; distance: number }[][], epsilon = 0, truths = exact) =>
      found.reduce((sum, rows, i) => {
        const truth = truths[i]!;
        const bound = (truth.at(-1)?.distance ?? 0) * (1 + epsilon) + 1e-6;
        const ids = new Set(truth.map((row) => row.id));
        const hits = rows.filter((row) => ids.has(row.id) || row.distance <= bound).length;
        return sum + Math.min(1, hits / Math.max(1, truth.length));
      }, 0) / found.length;
    const denseAt = new Map<number, number[]>();
    for (const ef of values['latency-only'] ? [] : efSearches) {
      const found: { id: string; distance: number }[][] = [];
      const times: number[] = [];
      for (const vector of vectors) {
        const result = await nearest(vector, 'hnsw', ef);
        found.push(result.rows);
        times.push(result.elapsed);
      }
      denseAt.set(ef, times);
      report.push([
        `recall@10 HNSW vs exact, ef_search ${ef}${ef === EF_SEARCH ? ' (search default)' : ''}`,
        `${recallOf(found).toFixed(3)} (p50 ${ms(percentile(times, 50))} ms)`,
      ]);
      report.push([
        `  within 1% / 5% of the exact 10th distance, ef_search ${ef}`,
        `${recallOf(found, 0.01).toFixed(3)} / ${recallOf(found, 0.05).toFixed(3)}`,
      ]);
      const kinds = [...new Set(questions.map((q) => q.kind))];
      report.push([
        `  by kind of query, ef_search ${ef}`,
        kinds
          .map((kind) => {
            const at = questions.flatMap((q, i) => (q.kind === kind ? [i] : []));
            const recall = recallOf(
              at.map((i) => found[i]!),
              0,
              at.map((i) => exact[i]!),
            );
            return `${kind} ${recall.toFixed(2)}`;
          })
          .join(', '),
      ]);
      if (probes.length > 0) {
        const near: { id: string; distance: number }[][] = [];
        for (const vector of probes) near.push((await nearest(vector, 'hnsw', ef)).rows);
        report.push([
          `  ${probes.length} chunk-like queries (generated, not stored), ef_search ${ef}`,
          recallOf(near, 0, exactProbes).toFixed(3),
        ]);
      }
      if (values.halfvec) {
        const half: { id: string; distance: number }[][] = [];
        for (const vector of vectors) half.push((await nearest(vector, 'halfvec', ef)).rows);
        report.push([`recall@10 halfvec HNSW vs exact vector, ef_search ${ef}`, recallOf(half).toFixed(3)]);
      }
    }
    if (exactTimes.length > 0)
      report.push([
        'dense exact scan p50 / p95',
        `${ms(percentile(exactTimes, 50))} / ${ms(percentile(exactTimes, 95))} ms`,
      ]);

    // Latency of each retriever and of search(), `rounds` passes over the query set after one warm-up.
    const timings: Record<'dense' | 'lexical' | 'gloss' | 'hybrid', number[]> = {
      dense: [],
      lexical: [],
      gloss: [],
      hybrid: [],
    };
    const candidates = 50;
    const byKind = new Map<string, number[]>();
    for (let round = 0; round <= rounds; round++) {
      for (const [i, q] of questions.entries()) {
        const matches = await findAliasMatches(pool, q.question);
        const expanded = withAliasSpellings(q.question, matches);
        const measure = async (name: keyof typeof timings, run: () => Promise<unknown>) => {
          const t0 = performance.now();
          await run();
          const elapsed = performance.now() - t0;
          if (round > 0) timings[name].push(elapsed);
          return elapsed;
        };
        await measure('dense', () => denseSearch(pool, LOCAL_MODEL, LOCAL_DIMS, vectors[i]!, candidates, {}));
        await measure('lexical', () =>
          lexicalSearch(pool, q.question, matches, textSearchConfig(q.language), candidates, {}),
        );
        await measure('gloss', () => glossSearch(pool, expanded, q.language, candidates, {}));
        const hybrid = await measure('hybrid', () => search(ctx, q.question));
        if (round > 0) byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), hybrid]);
      }
    }
    const line = (samples: number[]) =>
      `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))} / ${ms(percentile(samples, 99))} ms`;
    report.push([
      `queries`,
      `${questions.length} (${[...byKind.keys()].join(', ')}) × ${rounds} rounds, warm`,
    ]);
    report.push([`dense HNSW (ef_search ${EF_SEARCH}, 50) p50 / p95 / p99`, line(timings.dense)]);
    report.push(['lexical (lexicalSearch, 50) p50 / p95 / p99', line(timings.lexical)]);
    report.push(['gloss (glossSearch, 50) p50 / p95 / p99', line(timings.gloss)]);
    report.push(['hybrid search() k=10 p50 / p95 / p99', line(timings.hybrid)]);
    for (const [kind, samples] of byKind)
      report.push([
        `  hybrid, ${kind}: p50 / p95`,
        `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))} ms`,
      ]);
    if (exactTimes.length > 0) {
      const exactP50 = percentile(exactTimes, 50);
      const hnswP50 = percentile(denseAt.get(EF_SEARCH) ?? timings.dense, 50);
      report.push(['exact / HNSW p50', `${(exactP50 / hnswP50).toFixed(0)}×`]);
    }
    report.push([
      'load average (1 / 5 / 15 min) at the end',
      os
        .loadavg()
        .map((v) => v.toFixed(1))
        .join(' / '),
    ]);
    report.push(['bench time', `${((performance.now() - started) / 1000).toFixed(0)} s`]);

    console.log(`\n| what | ${size.toLocaleString('en')} chunks, ${backend} |\n|---|---|`);
    for (const [what, value] of report) console.log(`| ${what} | ${value} |`);
    if (values.trace) await traceSearch(ctx, questions);
    if (values.explain) await explainSearch(ctx, questions, values.explain.split(','));
  } finally {
    await cleanup();
  }
}

/** The statements one search() runs, over one pass of the query set: how many, and what each kind costs. */
async function traceSearch(ctx: AppContext, questions: Question[]): Promise<void> {
  const kinds = new Map<string, number[]>();
  const counts: number[] = [];
  const walls: number[] = [];
  for (const q of questions) {
    const { statements, ms: wall } = await traceStatements(() => search(ctx, q.question));
    counts.push(statements.length);
    walls.push(wall);
    for (const statement of statements) {
      const label = statementLabel(statement.sql);
      kinds.set(label, [...(kinds.get(label) ?? []), statement.ms]);
    }
  }
  const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
  console.log(
    `\nstatements per search(): mean ${(sum(counts) / counts.length).toFixed(1)}, min ${Math.min(...counts)}, max ${Math.max(...counts)}; ` +
      `wall p50 ${ms(percentile(walls, 50))} ms (load ${os.loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    '\n| statement | per search | p50 ms | p95 ms | share of statement time |\n|---|---|---|---|---|',
  );
  const all = sum([...kinds.values()].flat());
  for (const [label, times] of [...kinds].sort((a, b) => sum(b[1]) - sum(a[1])))
    console.log(
      `| \`${label.replace(/\|/g, '\\|')}\` | ${(times.length / questions.length).toFixed(2)} | ${ms(percentile(times, 50))} | ${ms(percentile(times, 95))} | ${((100 * sum(times)) / all).toFixed(0)}% |`,
    );
}

/** EXPLAIN (ANALYZE, BUFFERS) of each statement search() runs for the given questions (ids, or `term:…`). */
async function explainSearch(ctx: AppContext, questions: Question[], ids: string[]): Promise<void> {
  const pool = ctx.db.pool;
  for (const id of ids) {
    const q = questions.find((question) => question.id === id);
    if (!q) throw new Error(`--explain: no question ${id} (ids: ${questions.map((x) => x.id).join(', ')})`);
    const { statements } = await traceStatements(() => search(ctx, q.question));
    console.log(`\n### ${q.id}: ${q.question}\n`);
    for (const statement of statements) {
      if (/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(statement.sql) || /^\s*SELECT set_config/.test(statement.sql))
        continue;
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('hnsw.ef_search', $1, true)", [String(EF_SEARCH)]);
        await client.query("SELECT set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.values);
        await client.query('ROLLBACK');
        console.log(`${statementLabel(statement.sql)} (${ms(statement.ms)} ms in search)`);
        console.log(rows.map((row) => `    ${String(row['QUERY PLAN'])}`).join('\n'));
      } finally {
        client.release();
      }
    }
  }
}

await main();
