import { fold } from '../text/fold.ts';
import type { Embedder } from './provider.ts';

export const LOCAL_MODEL = 'local-ngram-v1';
export const LOCAL_DIMS = 384;

// Function words of the corpus languages carry no topic and only blur the vectors.
const STOPWORDS = new Set(
  (
    'a an and are as at be by did do does for from has have how in is it its of on or that the this to was were what when where which who why will with ' +
    'au aux avec ce ces dans de des du elle en est et il ils la le les leur lors mais ne ni ou par pas pour qu que qui sa se ses son sur un une ' +
    'att av de den det du en ett for fran har i med om och pa som till var vad vid ' +
    'cac cho co cua da de duoc la mot nhung sau theo trong tu va ve voi'
  ).split(' '),
);

const HAN_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/u;

/**
 * Offline embedder: hashed character trigrams and word unigrams (diacritics folded, so "Trần Cương"
 * and "Tran Cuong" coincide), sign-hashed into 384 dimensions and L2-normalised. No download, no
 * network, deterministic. It captures shared words and spellings, not meaning: it cannot tell that
 * "AI" and "intelligence artificielle" are the same thing (alias expansion does that).
 */
export function createLocalEmbedder(): Embedder {
  return {
    model: LOCAL_MODEL,
    dims: LOCAL_DIMS,
    async embed(texts) {
      return texts.map((text) => embedLocal(text));
    },
  };
}

export function embedLocal(text: string, dims = LOCAL_DIMS): number[] {
  const vector = new Float64Array(dims);
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  for (const token of fold(text).match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (HAN_RUN.test(token)) {
      // No spaces between Chinese words: characters and character pairs stand in for words.
      const chars = [...token];
      chars.forEach((char, i) => {
        add(`h:${char}`, 1);
        if (i + 1 < chars.length) add(`h:${char}${chars[i + 1]}`, 2);
      });
      continue;
    }
    if (STOPWORDS.has(token)) continue;
    add(`w:${token}`, 2);
    const padded = `<${token}>`;
    for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 1);
  }
  for (const [feature, count] of counts) {
    const hash = fnv1a(feature);
    // Sublinear term frequency: a name repeated ten times does not drown the rest.
    const weight = 1 + Math.log(count);
    const index = hash % dims;
    vector[index] = (vector[index] ?? 0) + (hash & 0x80000000 ? -1 : 1) * weight;
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm > 0 ? value / norm : 0));
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
