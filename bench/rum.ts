// RUM evaluation (issue 16): would ordering the lexical retriever's matches inside a RUM index
// (Debian postgresql-15-rum: `ORDER BY tsv <=> query` read from the index, positions kept in it) beat
// today's statement (the GIN bitmap of the filter, at most 1,000 matches, ranked by ts_rank)?
//
//   npm run bench:scale -- --keep                          load a native database first (1M chunks)
//   npm run bench:rum -- --reuse minutebook_scale_…        then this, on it (needs the rum extension)
//
// For each query of the scale bench, the ranking statements lexicalSearch runs are recorded and timed
// as they are (GIN); then a RUM index is built on chunks.tsv and each statement is timed again in the
// one shape RUM can order inside the index — `WHERE tsv @@ filter ORDER BY tsv <=> filter LIMIT n` (the
// same query in both places, no tie-break; with another ranking query, or `, id` after it, the planner
// takes the bitmap and computes the distance of every match) — under a statement timeout. The RUM index
// and the extension are dropped at the end unless --keep-index. Prints a Markdown table. Native only;
// never run by `npm test`.
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { openDatabase } from '../src/db/pool.ts';
import { VISIBLE } from '../src/db/search.ts';
import { findAliasMatches } from '../src/search/aliases.ts';
import { lexicalSearch } from '../src/search/lexical.ts';
import { detectLanguage, textSearchConfig } from '../src/text/language.ts';
import { readQuestions } from './scale-queries.ts';
import { traceStatements } from './statement-trace.ts';
import { percentile } from './stats.ts';
import { databaseUrl } from './throwaway-database.ts';

const { values } = parseArgs({
  options: {
    reuse: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    timeout: { type: 'string', default: '5s' },
    'keep-index': { type: 'boolean' },
  },
});
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!nativeUrl || !values.reuse)
  throw new Error(
    'usage: TEST_DATABASE_URL=postgres://… npm run bench:rum -- --reuse <database of bench:scale --keep>',
  );
const rounds = Number(values.rounds);
const LIMIT = 50;

interface Ranking {
  sql: string;
  values: unknown[];
}

const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

/** The statement in a transaction without sequential scans (as lexicalSearch runs it): its best time of `rounds` and its ids. */
async function timed(pool: pg.Pool, sql: string, params: unknown[], timeout?: string) {
  const client = await pool.connect();
  try {
    let best = Number.POSITIVE_INFINITY;
    let ids: string[] = [];
    for (let round = 0; round < rounds; round++) {
      await client.query('BEGIN');
      await client.query("SELECT set_config('enable_seqscan', 'off', true)");
      if (timeout) await client.query("SELECT set_config('statement_timeout', $1, true)", [timeout]);
      const t0 = performance.now();
      try {
        const { rows } = await client.query<{ id: string }>(sql, params);
        best = Math.min(best, performance.now() - t0);
        ids = rows.map((row) => String(row.id));
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        if ((error as { code?: string }).code !== '57014') throw error; // query_canceled: the timeout
        return { ms: Number.POSITIVE_INFINITY, ids: [] };
      }
    }
    return { ms: best, ids };
  } finally {
    client.release();
  }
}

async function main() {
  const db = await openDatabase({ url: databaseUrl(nativeUrl!, values.reuse!) });
  const pool = db.pool;
  const report: [string, string][] = [];
  try {
    const questions = await readQuestions();
    const rankings: Ranking[] = [];
    for (const q of questions) {
      const text = q.question.normalize('NFC').trim();
      const aliases = await findAliasMatches(pool, text);
      const run = () => lexicalSearch(pool, text, aliases, textSearchConfig(detectLanguage(text)), LIMIT, {});
      await run(); // statistics and configs cached, as in a running app
      const { statements } = await traceStatements(run);
      for (const statement of statements)
        if (statement.sql.includes('ts_rank(tsv'))
          rankings.push({ sql: statement.sql, values: statement.values ?? [] });
    }
    const gin: { ms: number; ids: string[] }[] = [];
    for (const ranking of rankings) gin.push(await timed(pool, ranking.sql, ranking.values));

    const { rows: available } = await pool.query("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'");
    if (available.length === 0)
      throw new Error(
        'bench:rum needs the rum extension on the server (Debian: apt-get install postgresql-15-rum)',
      );
    await pool.query('CREATE EXTENSION IF NOT EXISTS rum');
    const build = await pool.connect();
    const t0 = performance.now();
    try {
      await build.query("SELECT set_config('maintenance_work_mem', '4GB', false)");
      await build.query(
        'CREATE INDEX IF NOT EXISTS chunks_tsv_rum_bench ON chunks USING rum (tsv rum_tsvector_ops)',
      );
      await build.query('ANALYZE chunks');
    } finally {
      build.release();
    }
    report.push([
      'RUM index on chunks.tsv: build, size',
      `${((performance.now() - t0) / 1000).toFixed(0)} s, ${(await pool.query<{ size: string }>("SELECT pg_size_pretty(pg_relation_size('chunks_tsv_rum_bench')) AS size")).rows[0]!.size}`,
    ]);

    // $5 the filter, $6 the ranking query, $7 the limit, $8 the cap (rankedTextMatches): RUM orders by
    // the filter itself ($6 and $8 kept as parameters so that the values stay as recorded). The filter
    // is recorded as a list of tsqueries (one GIN scan each); RUM orders by one tsquery, their OR.
    const rumSql = `SELECT c.id, c.tsv <=> $5::tsquery AS distance
                      FROM chunks c JOIN documents d ON d.id = c.document_id
                     WHERE c.tsv @@ $5::tsquery AND ${VISIBLE} AND $6::tsquery IS NOT NULL AND $8::int > 0
                     ORDER BY c.tsv <=> $5::tsquery
                     LIMIT $7`;
    const rum: { ms: number; ids: string[] }[] = [];
    const asOne = (filter: unknown) => (filter as string[]).map((query) => `(${query})`).join(' | ');
    for (const ranking of rankings) {
      const [channel, languages, from, to, filter, ...rest] = ranking.values;
      rum.push(
        await timed(pool, rumSql, [channel, languages, from, to, asOne(filter), ...rest], values.timeout),
      );
    }

    const line = (list: { ms: number }[]) => {
      const times = list.map((entry) => entry.ms);
      const over = times.filter((time) => !Number.isFinite(time)).length;
      return `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))} / ${ms(percentile(times, 99))} ms${
        over > 0 ? ` (${over} over ${values.timeout})` : ''
      }`.replaceAll('Infinity', `>${values.timeout}`);
    };
    const overlap =
      rum.reduce((sum, entry, i) => {
        const ranked = new Set(gin[i]!.ids);
        return sum + entry.ids.filter((id) => ranked.has(id)).length / Math.max(1, gin[i]!.ids.length);
      }, 0) / Math.max(1, rum.length);
    report.unshift(
      ['database', values.reuse!],
      [
        'ranking statements',
        `${rankings.length} (${questions.length} queries of bench:scale), best of ${rounds}`,
      ],
      ['GIN bitmap + ts_rank of ≤ 1,000 matches (today) p50 / p95 / p99', line(gin)],
    );
    report.push(
      ['RUM, ordered in the index by the filter p50 / p95 / p99', line(rum)],
      ['top 50 shared with today’s ranking (mean)', overlap.toFixed(2)],
    );
    if (!values['keep-index']) {
      await pool.query('DROP INDEX chunks_tsv_rum_bench');
      await pool.query('DROP EXTENSION rum');
    }
    console.log('| what | value |\n|---|---|');
    for (const [what, value] of report) console.log(`| ${what} | ${value} |`);
  } finally {
    await db.close();
  }
}

await main();
