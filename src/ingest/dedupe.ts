import { createHash } from 'node:crypto';
import { fold } from '../text/fold.ts';

/** Identity of a document's text: equal hashes are the same document whatever the file is called. */
export function contentHash(content: string): string {
  return createHash('sha256').update(content.normalize('NFC')).digest('hex');
}

/**
 * What survives translation: numbers (dates, counts, amounts) and proper names (capitalised words
 * inside sentences, diacritics folded). Stored in documents.metadata to find an article's translations.
 */
export interface Fingerprint {
  numbers: string[];
  names: string[];
  length: number;
}

export function fingerprint(content: string): Fingerprint {
  const numbers = new Set<string>();
  for (const match of content.matchAll(/(?<![\p{L}\d])\d+(?:[.,]\d+)?(?![\p{L}\d])/gu)) {
    const value = match[0].replace(',', '.');
    // Single digits ("5 directions", "fem") are spelled out in one language and not the other.
    if (value.replace('.', '').length >= 2) numbers.add(value);
  }
  const names = new Set<string>();
  for (const match of content.matchAll(/(?<=[\p{L}\p{N},;:)»"”] )\p{Lu}[\p{Ll}\p{M}]+/gu)) {
    names.add(fold(match[0]));
  }
  return { numbers: [...numbers].sort(), names: [...names].sort(), length: content.length };
}

/** Similarity of two fingerprints in [0, 1]: the mean Jaccard overlap of numbers and of names. */
export function fingerprintSimilarity(a: Fingerprint, b: Fingerprint): number {
  const ratio = Math.min(a.length, b.length) / Math.max(a.length, b.length, 1);
  // A translation is about as long as its original; a summary or a different article is not.
  if (ratio < 0.5) return 0;
  return (jaccard(a.numbers, b.numbers) + jaccard(a.names, b.names)) / 2;
}

/** Above this, two documents in different languages (and compatible dates) are one article. */
export const TRANSLATION_THRESHOLD = 0.45;

function jaccard(left: string[], right: string[]): number {
  if (left.length === 0 && right.length === 0) return 0;
  const set = new Set(left);
  let shared = 0;
  for (const item of right) if (set.has(item)) shared++;
  return shared / (left.length + right.length - shared);
}
