import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { glossSearch } from '../../src/search/gloss.ts';
import { CANDIDATE_CAP, lexicalSearch } from '../../src/search/lexical.ts';
import { insertGlossedChunks } from '../helpers/chunks.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

// Full text at scale (issue 16), on a small table: more chunks of common words than the candidate cap,
// so that a search which ranked the first matches it reads (heap order) instead of the best would
// miss the chunks these tests look for.
const database = useMigratedDatabase();

// The best and the rare chunk come after the first 3,000 and before the newest CANDIDATE_CAP.
const MIDDLE = 3100;
const COMMON = MIDDLE + CANDIDATE_CAP + 500;
// Each of "Guangxi", "border" and "railway" is in well over 20% of chunks (common), no chunk but one
// holds the three, and one chunk names the rare "Youyiguan".
const FILLERS = [
  'Guangxi and the border provinces held a meeting on trade.',
  'The Guangxi railway office reported on freight volumes.',
  'The border railway station opened a new customs hall.',
];
const BEST = 'Guangxi proposed a border railway: the Guangxi border railway would link Nanning and Hanoi.';
const RARE = 'Guangxi delegates visited the Youyiguan smart gate at the border.';

let bestId = 0;
let rareId = 0;

beforeAll(async () => {
  const pool = database().db.pool;
  // The best and the rare chunk sit in the middle of the table: neither among the first 3000 (what
  // ranking the first matches in heap order would read) nor the last CANDIDATE_CAP in id order.
  const texts = Array.from({ length: COMMON }, (_, i) => FILLERS[i % FILLERS.length]!);
  texts.splice(MIDDLE, 0, BEST);
  texts.splice(MIDDLE + 1, 0, RARE);
  const ids = await insertGlossedChunks(pool, 'scaling', texts);
  bestId = ids.get(BEST)!;
  rareId = ids.get(RARE)!;
  await pool.query('ANALYZE chunks');
}, 120_000);

describe('full-text search with more matches than it ranks', () => {
  it('finds the one chunk of a rare term among thousands of chunks of a common one', async () => {
    const pool = database().db.pool;
    const hits = await lexicalSearch(pool, 'Guangxi Youyiguan', [], 'english', 5, {});
    expect(hits[0]?.chunkId).toBe(rareId);
    const glossed = await glossSearch(pool, 'Guangxi Youyiguan', 'en', 5, {});
    expect(glossed[0]?.chunkId).toBe(rareId);
  });

  it('returns the best-ranked chunk of a query made only of common terms, wherever it is stored', async () => {
    const pool = database().db.pool;
    const hits = await lexicalSearch(pool, 'Guangxi border railway', [], 'english', 10, {});
    expect(hits).toHaveLength(10);
    expect(hits[0]?.chunkId).toBe(bestId);
    const glossed = await glossSearch(pool, 'Guangxi border railway', 'en', 10, {});
    expect(glossed[0]?.chunkId).toBe(bestId);
  });

  it('still fills the list from common terms when the rare one matches too few chunks', async () => {
    const pool = database().db.pool;
    const hits = await lexicalSearch(pool, 'Youyiguan railway', [], 'english', 20, {});
    expect(hits).toHaveLength(20);
    const { rows } = await pool.query<{ text: string }>(
      'SELECT text FROM chunks WHERE id = ANY ($1::bigint[])',
      [hits.map((hit) => hit.chunkId)],
    );
    for (const { text } of rows) expect(text).toMatch(/Youyiguan|railway/);
  });
});

/**
 * The statements `run` sends through `pool`, each with those its client sent before it in the same
 * checkout (the session settings it was planned under).
 */
async function statementsOf(pool: pg.Pool, run: () => Promise<unknown>) {
  const sent: { sql: string; values: unknown[] | undefined; before: { sql: string; values: unknown }[] }[] =
    [];
  const patched = new Map<pg.PoolClient, pg.PoolClient['query']>();
  const acquire = (client: pg.PoolClient) => {
    const query = client.query;
    patched.set(client, query);
    const before: { sql: string; values: unknown }[] = [];
    client.query = ((...args: unknown[]) => {
      const [sql, values] = args as [string | { text: string; values?: unknown[] }, unknown];
      const text = typeof sql === 'string' ? sql : sql.text;
      const params = Array.isArray(values) ? values : typeof sql === 'string' ? undefined : sql.values;
      sent.push({ sql: text, values: params, before: [...before] });
      before.push({ sql: text, values: params });
      return (query as (...a: unknown[]) => unknown).apply(client, args);
    }) as pg.PoolClient['query'];
  };
  const release = (_error: Error | undefined, client: pg.PoolClient) => {
    const query = patched.get(client);
    if (query) client.query = query;
    patched.delete(client);
  };
  pool.on('acquire', acquire);
  pool.on('release', release);
  try {
    await run();
  } finally {
    pool.off('acquire', acquire);
    pool.off('release', release);
  }
  return sent;
}

describe('full-text ranking reads chunks through the index', () => {
  it('never plans a sequential scan of chunks, even for many words the statistics do not know', async () => {
    // Twenty words in no chunk: the planner guesses each in 0.5% of chunks, the OR of them in 10%, and
    // on its own would read the table until it found CANDIDATE_CAP of them, testing every chunk's tsv.
    // At 1M chunks that took up to 800 ms for matches the GIN index gives in 10–40 ms.
    const pool = database().db.pool;
    const query =
      'Youyiguan penguin volcano glacier walrus tundra fjord iceberg lichen narwhal puffin ' +
      'caribou permafrost aurora husky kayak igloo blizzard sled parka';
    const sent = await statementsOf(pool, () => lexicalSearch(pool, query, [], 'english', 20, {}));
    const ranking = sent.filter((statement) => /ts_rank\(tsv/.test(statement.sql));
    expect(ranking.length).toBeGreaterThan(0);
    for (const statement of ranking) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // Planned as the search planned it: after the settings its client was given first.
        for (const earlier of statement.before)
          if (!/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(earlier.sql))
            await client.query(earlier.sql, earlier.values as unknown[] | undefined);
        const { rows } = await client.query(`EXPLAIN ${statement.sql}`, statement.values);
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        expect(plan).not.toMatch(/Seq Scan on chunks/);
        expect(plan).toMatch(/on chunks/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    }
  });
});
