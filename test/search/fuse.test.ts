import { describe, expect, it } from 'vitest';
import { RRF_K, reciprocalRankFusion } from '../../src/search/fuse.ts';
import { collapseTranslations, limitPerDocument } from '../../src/search/index.ts';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k + rank) over the lists and records each rank', () => {
    const fused = reciprocalRankFusion([
      [1, 2, 3],
      [3, 1],
    ]);
    expect(fused.map((entry) => entry.id)).toEqual([1, 3, 2]);
    expect(fused[0]).toEqual({ id: 1, score: 1 / (RRF_K + 1) + 1 / (RRF_K + 2), ranks: [1, 2] });
    expect(fused[2]!.ranks).toEqual([2, null]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});

describe('limitPerDocument and collapseTranslations', () => {
  const hit = (documentId: number, translationGroup: number | null, language: string, score: number) => ({
    documentId,
    translationGroup,
    language,
    score,
  });

  it('keeps at most n chunks of a document, best first', () => {
    const hits = [hit(1, null, 'fr', 5), hit(1, null, 'fr', 4), hit(2, null, 'fr', 3), hit(1, null, 'fr', 2)];
    expect(limitPerDocument(hits, 2).map((h) => h.score)).toEqual([5, 4, 3]);
  });

  it('keeps one member per translation group: the preferred language when present, else the best', () => {
    const hits = [
      hit(1, 1, 'fr', 9),
      hit(5, 1, 'sv', 8),
      hit(2, null, 'fr', 7),
      hit(5, 1, 'sv', 6),
      hit(1, 1, 'fr', 5),
    ];
    expect(collapseTranslations(hits).map((h) => [h.documentId, h.score])).toEqual([
      [1, 9],
      [2, 7],
      [1, 5],
    ]);
    expect(collapseTranslations(hits, 'sv').map((h) => [h.documentId, h.score])).toEqual([
      [5, 8],
      [2, 7],
      [5, 6],
    ]);
    expect(collapseTranslations(hits, 'vi')).toEqual(collapseTranslations(hits));
  });
});
