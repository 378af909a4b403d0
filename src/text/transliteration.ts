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

let charsOfReading: Map<string, Set<string>> | undefined;

/** The Han characters a folded syllable reads, in pinyin or in Hán-Việt (toneless). */
function charsRead(syllable: string): Set<string> | undefined {
  if (!charsOfReading) {
    const map = new Map<string, Set<string>>();
    const add = (reading: string, char: string) => {
      const key = fold(reading);
      const set = map.get(key) ?? new Set<string>();
      set.add(char);
      map.set(key, set);
    };
    const { pinyin, hanViet } = hanReadings();
    for (const [char, reading] of pinyin) if (reading) add(reading, char);
    for (const [char, readings] of hanViet) for (const reading of readings) add(reading, char);
    charsOfReading = map;
  }
  return charsOfReading.get(syllable);
}

/** readingSyllables of the words seen, kept (the vocabulary of the documents is bounded). */
const syllablesOfWord = new Map<string, string[] | null>();
const MAX_WORDS_KEPT = 100_000;

/**
 * A folded word as syllables that read Han characters: itself (a Hán-Việt or pinyin syllable), or cut
 * into pinyin syllables ("xinshe" → xin she); a stem's lost ending is put back ("xinsh", "guop" are
 * "xinshe", "guoping" stemmed). Null when it reads no characters.
 */
function readingSyllables(word: string): string[] | null {
  if (!word) return null;
  const kept = syllablesOfWord.get(word);
  if (kept !== undefined) return kept;
  let found: string[] | null = null;
  if (charsRead(word)) found = [word];
  else {
    for (const ending of ['', 'e', 'ing', 'g', 's']) {
      const syllables = pinyinSyllablesOf(word + ending);
      if (syllables?.every((syllable) => charsRead(syllable))) {
        found = syllables;
        break;
      }
    }
  }
  if (syllablesOfWord.size >= MAX_WORDS_KEPT) syllablesOfWord.clear();
  syllablesOfWord.set(word, found);
  return found;
}

/** A text as the characters each of its syllables reads; a word that reads nothing is a break (null). */
export type ReadingStream = (Set<string> | null)[];

/** The reading stream of a text's folded words (see namedAcrossRomanisations). */
export function readingStream(words: string[]): ReadingStream {
  const stream: ReadingStream = [];
  for (const word of words) {
    const syllables = readingSyllables(word);
    if (!syllables) stream.push(null);
    else for (const syllable of syllables) stream.push(charsRead(syllable)!);
  }
  return stream;
}

/**
 * Whether a name written in Latin letters in one romanisation is in a text written in another, through
 * the characters both read: "Lu Xinshe" (pinyin) is "Lộc Tâm Xã" (Hán-Việt) because 鹿心社 reads both,
 * "Zhou Guoping" is "Chu Quốc Bình". `stream`: the readingStream of the text's words. Every syllable of
 * the name must read a character that the text's syllable at its place also reads; names of one
 * syllable are not looked for.
 */
export function namedAcrossRomanisations(stream: ReadingStream, name: string): boolean {
  const wanted: Set<string>[] = [];
  for (const word of name.split(/\s+/).filter(Boolean)) {
    const syllables = readingSyllables(fold(word));
    if (!syllables) return false;
    for (const syllable of syllables) wanted.push(charsRead(syllable)!);
  }
  if (wanted.length < 2) return false;
  const shares = (a: Set<string>, b: Set<string>) => {
    const [small, large] = a.size <= b.size ? [a, b] : [b, a];
    for (const char of small) if (large.has(char)) return true;
    return false;
  };
  for (let start = 0; start + wanted.length <= stream.length; start++) {
    if (wanted.every((chars, offset) => stream[start + offset] && shares(chars, stream[start + offset]!)))
      return true;
  }
  return false;
}
