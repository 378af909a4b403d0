/** A seeded xorshift generator in [0, 1): the same corpus on every run of a bench. */
export function seededRandom(seed = 0x9e3779b9): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}
