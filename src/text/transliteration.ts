import { fold } from './fold.ts';
import { hanReadings } from './lexicon.ts';

/**
 * Names written in Latin letters found in Chinese text by their readings: "Mengzi" is 蒙自 (pinyin meng
 * zi), "Liu Ning" is 刘宁, "Lưu Ninh" and "Mông Tự" are their Hán-Việt readings. The glossary and the
 * alias table only know the names someone entered; a place or person named in pinyin in one article and
 * in characters in another is the same one when the characters read so.
 */

let syllables: Set<string> | undefined;

/** Every toneless pinyin syllable of the readings table. */
function pinyinSyllables(): Set<string> {
  syllables ??= new Set(hanReadings().pinyin.values());
  return syllables;
}

/** A folded word cut into pinyin syllables ("mengzi" → meng zi, "xian" → xian), or null if it is not pinyin. */
export function pinyinSyllablesOf(word: string): string[] | null {
  const known = pinyinSyllables();
  const best: (string[] | null)[] = [[]];
  // best[i]: the fewest syllables spelling word[0, i).
  for (let end = 1; end <= word.length; end++) {
    best[end] = null;
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = best[start];
      const piece = word.slice(start, end);
      if (before && known.has(piece) && (!best[end] || before.length + 1 < best[end]!.length))
        best[end] = [...before, piece];
    }
  }
  return best[word.length] ?? null;
}

/**
 * Whether `name` (Latin letters, any case and tones) is read by consecutive Han characters of `text`,
 * in pinyin or in Hán-Việt. Names of one syllable are not looked for: too many characters read so.
 */
export function namedInHan(text: string, name: string): boolean {
  if (!/\p{Script=Han}/u.test(text)) return false;
  const words = (
    name
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}]+/gu) ?? []
  ).map(fold);
  if (words.length === 0) return false;
  const pinyin = words.flatMap((word) => pinyinSyllablesOf(word) ?? [word]);
  const { pinyin: pinyinOf, hanViet } = hanReadings();
  // `unknown`: how many characters without any reading may stand for a syllable.
  const readsAs = (chars: string[], wanted: string[], reads: (char: string) => string[], unknown = 0) => {
    if (wanted.length < 2) return false;
    for (let start = 0; start + wanted.length <= chars.length; start++) {
      let left = unknown;
      const read = wanted.every((syllable, offset) => {
        const readings = reads(chars[start + offset]!);
        if (readings.includes(syllable)) return true;
        return readings.length === 0 && left-- > 0;
      });
      if (read) return true;
    }
    return false;
  };
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    const chars = [...run];
    if (readsAs(chars, pinyin, (char) => [pinyinOf.get(char) ?? ''])) return true;
    // Unihan gives no Hán-Việt reading for some common characters (春, read xuân): in a Vietnamese name of
    // three syllables or more, one such character may stand for its syllable when the others all read.
    const unknown = words.length >= 3 ? 1 : 0;
    if (readsAs(chars, words, (char) => (hanViet.get(char) ?? []).map(fold), unknown)) return true;
  }
  return false;
}
