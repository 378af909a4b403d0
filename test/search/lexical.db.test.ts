import { beforeAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/ingest/index.ts';
import { findAliasMatches, seedAliases } from '../../src/search/aliases.ts';
import { search } from '../../src/search/index.ts';
import { lexicalSearch } from '../../src/search/lexical.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

// Once ANALYZE has run (autovacuum does it on native Postgres), lexical search knows which terms are
// common: "Guangxi" is in nearly every seed chunk. The Done-when checks must hold then too.
const database = useMigratedDatabase();
const ctx = () => testContext(database().db);

beforeAll(async () => {
  await seedAliases(database().db.pool);
  await ingestInputs(ctx(), [SEEDS_DIR]);
  await database().db.pool.query('ANALYZE chunks');
});

describe('lexical search with column statistics', () => {
  it('knows Guangxi is common, and selects by the rarer AI concept while ranking with both', async () => {
    const pool = database().db.pool;
    const { rows } = await pool.query<{ share: number }>(
      `SELECT most_common_elem_freqs[array_position(most_common_elems::text::text[], 'guangx')] AS share
         FROM pg_stats WHERE tablename = 'chunks' AND attname = 'tsv'`,
    );
    expect(rows[0]!.share).toBeGreaterThan(0.5);
    const query = 'what did Guangxi propose on AI';
    // Few chunks hold the rare concepts: ask for no more than they can fill (beyond, common ones fill up).
    const hits = await lexicalSearch(pool, query, await findAliasMatches(pool, query), 'english', 3, {});
    expect(hits).toHaveLength(3);
    const { rows: texts } = await pool.query<{ id: string; text: string }>(
      'SELECT id, text FROM chunks WHERE id = ANY($1::bigint[])',
      [hits.map((hit) => hit.chunkId)],
    );
    for (const { text } of texts) {
      expect(text).toMatch(/\b(AI|IA)\b|intelligence artificielle|artificiell intelligens|propos/i);
    }
  });

  it('fills up from common concepts, ranks common-only queries, and keeps both Done-when checks', async () => {
    const pool = database().db.pool;
    const guangxi = await lexicalSearch(
      pool,
      'Guangxi',
      await findAliasMatches(pool, 'Guangxi'),
      'english',
      50,
      {},
    );
    expect(guangxi.length).toBeGreaterThan(10);
    const ai = await search(ctx(), 'what did Guangxi propose on AI');
    expect(
      ai
        .slice(0, 3)
        .some((hit) =>
          /innovation en intelligence artificielle|innovationssamarbete inom artificiell intelligens/.test(
            hit.text,
          ),
        ),
    ).toBe(true);
    const chen = await search(ctx(), 'Chen Gang');
    expect(chen.some((hit) => hit.text.includes('Tran Cuong') && !hit.text.includes('Chen Gang'))).toBe(true);
  });
});
