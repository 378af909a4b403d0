import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.ts';
import {
  contentHash,
  fingerprint,
  fingerprintSimilarity,
  TRANSLATION_THRESHOLD,
} from '../../src/ingest/dedupe.ts';
import { readSeed } from '../helpers/seeds.ts';

describe('translation fingerprints on the seeds', () => {
  it('pairs 000 (French) with 004 (Swedish) and nothing else', async () => {
    const prints = await Promise.all(
      ['000', '001', '002', '003', '004'].map(async (seed) =>
        fingerprint(cleanText(await readSeed(seed)).content),
      ),
    );
    const score = (a: number, b: number) => fingerprintSimilarity(prints[a]!, prints[b]!);
    expect(score(0, 4)).toBeGreaterThan(TRANSLATION_THRESHOLD);
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 4],
      [2, 4],
      [3, 4],
      [1, 2],
      [2, 3],
    ] as const) {
      expect(score(a, b)).toBeLessThan(TRANSLATION_THRESHOLD);
    }
  });

  it('hashes equal texts equally, whatever their Unicode normalisation', () => {
    expect(contentHash('Quảng Tây')).toBe(contentHash('Quảng Tây'.normalize('NFD')));
    expect(contentHash('a')).not.toBe(contentHash('b'));
  });
});
