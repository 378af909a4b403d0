import { beforeAll, describe, expect, it } from 'vitest';
import { glossLexemeFrequencies } from '../../src/db/search.ts';
import { cappedLexemeFrequency, glossSearch } from '../../src/search/gloss.ts';
import { insertGlossedChunks } from '../helpers/chunks.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

// The gloss retriever weighs each word of a question by how many chunks hold it (IDF). Counting every
// chunk of a word found in tens of thousands of them cost hundreds of ms at 1M chunks (bench/scale.ts),
// so counts stop at a cap: exact below it, where a count decides whether a word selects chunks, and an
// estimate above it, where the word only ranks. These tests hold both halves to that.
const database = useMigratedDatabase();

// 40 chunks: "railway" in 16, "customs" in 12 (both beyond the cap search uses at this size:
// 20% of 40, plus one), "penguin" in one.
const RAILWAY = 'The railway office reported on freight volumes.';
const CUSTOMS = 'The customs hall opened on Monday.';
const BOTH = 'The railway station has a customs hall.';
const FILLER = 'Delegates met to discuss trade.';
const RARE = 'Delegates visited the penguin enclosure.';
const TEXTS = [
  ...Array.from({ length: 10 }, () => RAILWAY),
  ...Array.from({ length: 6 }, () => CUSTOMS),
  ...Array.from({ length: 6 }, () => BOTH),
  ...Array.from({ length: 17 }, () => FILLER),
  RARE,
];

let rareId = 0;

beforeAll(async () => {
  const ids = await insertGlossedChunks(database().db.pool, 'frequencies', TEXTS);
  rareId = ids.get(RARE)!;
});

describe('gloss lexeme counts with a cap', () => {
  it('counts a lexeme up to the cap, and exactly below it', async () => {
    const counts = await glossLexemeFrequencies(
      database().db.pool,
      ['railway', 'customs', 'penguins'],
      [],
      9,
    );
    expect(counts).toEqual([
      { lexeme: 'railway', chunks: 9 },
      { lexeme: 'custom', chunks: 9 },
      { lexeme: 'penguin', chunks: 1 },
    ]);
    const exact = await glossLexemeFrequencies(database().db.pool, ['railway', 'customs'], [], 100);
    expect(exact.map((entry) => entry.chunks)).toEqual([16, 12]);
  });

  it('estimates a capped lexeme between the cap and the bound the statistics give', () => {
    // The geometric mean: halfway between the two on the log scale IDF weights work on.
    expect(cappedLexemeFrequency(2001, 25_000)).toBeCloseTo(Math.sqrt(2001 * 25_000));
    // A bound below the cap (the statistics were wrong about this lexeme): the cap.
    expect(cappedLexemeFrequency(2001, 1500)).toBe(2001);
  });

  it('still ranks a rare word above words counted beyond the cap', async () => {
    const pool = database().db.pool;
    const hits = await glossSearch(pool, 'penguins railway customs', 'en', 10, {});
    expect(hits[0]?.chunkId).toBe(rareId);
    // The capped words only rank: the chunks holding both come next, then those holding one.
    const { rows } = await pool.query<{ id: string; text: string }>(
      'SELECT id, text FROM chunks WHERE id = ANY ($1::bigint[])',
      [hits.map((hit) => hit.chunkId)],
    );
    const text = new Map(rows.map((row) => [Number(row.id), row.text]));
    expect(hits.slice(1, 7).map((hit) => text.get(hit.chunkId))).toEqual(Array(6).fill(BOTH));
    expect(hits.slice(7).every((hit) => [RAILWAY, CUSTOMS].includes(text.get(hit.chunkId)!))).toBe(true);
  });
});
