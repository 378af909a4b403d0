// Where the gloss retriever's scoring statement spends its time (issue 16), on a database loaded by
// bench:scale: each scoring statement glossSearch runs for the scale bench's queries, timed as it is,
// without its ts_rank tie-break, and reading the glosses only (no lexeme sums, no ts_rank). The
// statements are recorded from glossSearch itself; the variants are edits of their SQL, measured only.
//
//   TEST_DATABASE_URL=postgres://… npm run bench:gloss-cost -- --reuse minutebook_scale_…
//
// Native only; never run by `npm test`. Prints a Markdown table.
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/pool.ts';
import { findAliasMatches, withAliasSpellings } from '../src/search/aliases.ts';
import { glossSearch } from '../src/search/gloss.ts';
import { detectLanguage } from '../src/text/language.ts';
import { readQuestions } from './scale-queries.ts';
import { traceStatements } from './statement-trace.ts';
import { percentile } from './stats.ts';
import { databaseUrl } from './throwaway-database.ts';

const { values } = parseArgs({
  options: { reuse: { type: 'string' }, rounds: { type: 'string', default: '2' } },
});
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
if (!nativeUrl || !values.reuse)
  throw new Error(
    'usage: TEST_DATABASE_URL=postgres://… npm run bench:gloss-cost -- --reuse <database of bench:scale --keep>',
  );

const TIE = 'ts_rank(m.gloss, $5::tsquery, 1) AS tie';
const SUM = /\(SELECT sum\(t\.weight\)[\s\S]*?WHERE m\.gloss @@ t\.lexeme\)/;
const variants: [string, (sql: string) => string][] = [
  ['as search runs it', (sql) => sql],
  ['without the ts_rank tie-break', (sql) => sql.replace(TIE, '0::real AS tie')],
  [
    'reading the glosses only',
    // The lexeme sum becomes the gloss's length (so every gloss is still read once); $6 and $7 stay
    // referenced so that the recorded parameters still fit.
    (sql) =>
      sql
        .replace(
          SUM,
          '(length(m.gloss) + 0 * coalesce(cardinality($6::tsquery[]), 0) + 0 * coalesce(cardinality($7::float8[]), 0))::float8',
        )
        .replace(TIE, '0::real AS tie'),
  ],
];

const db = await openDatabase({ url: databaseUrl(nativeUrl, values.reuse) });
const pool = db.pool;
try {
  const statements: { sql: string; values: unknown[] }[] = [];
  for (const q of await readQuestions()) {
    const text = q.question.normalize('NFC').trim();
    const expanded = withAliasSpellings(text, await findAliasMatches(pool, text));
    const run = () => glossSearch(pool, expanded, detectLanguage(text), 50, {});
    await run(); // caches warm, as in a running app
    const traced = await traceStatements(run);
    for (const statement of traced.statements)
      if (statement.sql.includes('sum(t.weight)'))
        statements.push({ sql: statement.sql, values: statement.values ?? [] });
  }
  // An edit that no longer applies would time the statement as it is under another name.
  for (const [, edit] of variants.slice(1))
    if (statements.some((statement) => edit(statement.sql) === statement.sql))
      throw new Error('the scoring statement changed: update the edits of bench/gloss-cost.ts');
  const times = new Map<string, number[]>(variants.map(([name]) => [name, []]));
  // Rounds interleave the variants statement by statement, so that the machine's load falls on all alike.
  for (let round = 0; round <= Number(values.rounds); round++)
    for (const statement of statements)
      for (const [name, edit] of variants) {
        const t0 = performance.now();
        await pool.query(edit(statement.sql), statement.values);
        if (round > 0) times.get(name)!.push(performance.now() - t0);
      }
  console.log(`${statements.length} scoring statements, ${values.rounds} rounds after a warm-up\n`);
  console.log('| variant | p50 ms | p95 ms | total s |\n|---|---|---|---|');
  for (const [name, list] of times)
    console.log(
      `| ${name} | ${percentile(list, 50).toFixed(1)} | ${percentile(list, 95).toFixed(1)} | ${(list.reduce((a, b) => a + b, 0) / 1000).toFixed(2)} |`,
    );
} finally {
  await db.close();
}
