/** The constant of reciprocal rank fusion (Cormack et al.): 1 / (60 + rank). */
export const RRF_K = 60;

export interface Fused {
  id: number;
  score: number;
  /** 1-based rank in each input list, null when absent from it. */
  ranks: (number | null)[];
}

/**
 * Reciprocal rank fusion of ranked id lists: items found high by several retrievers come first. A
 * list's weight (default 1) scales its contribution.
 */
export function reciprocalRankFusion(lists: number[][], k = RRF_K, weights: number[] = []): Fused[] {
  const fused = new Map<number, Fused>();
  lists.forEach((list, which) => {
    list.forEach((id, index) => {
      const entry = fused.get(id) ?? { id, score: 0, ranks: lists.map(() => null) };
      if (entry.ranks[which] !== null) return;
      entry.ranks[which] = index + 1;
      entry.score += (weights[which] ?? 1) / (k + index + 1);
      fused.set(id, entry);
    });
  });
  return [...fused.values()].sort((a, b) => b.score - a.score || a.id - b.id);
}
