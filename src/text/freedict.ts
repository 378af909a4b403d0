import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fold } from './fold.ts';

/**
 * French→English and Swedish→English word translations from Debian's FreeDict dictionaries
 * (dict-freedict-fra-eng, dict-freedict-swe-eng), read at run time when they are installed — their
 * data is GPL, so it is not shipped with Minutebook. They give the gloss the translations the glossary
 * lacks ("construire" → build, "järnväg" → railway). Absent, the gloss works without them.
 */
const DICTD = '/usr/share/dictd';
const FILES: Record<string, string> = { fr: 'freedict-fra-eng', sv: 'freedict-swe-eng' };
/** English words kept per headword (its first senses). */
const MAX_WORDS = 6;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64Number(text: string): number {
  let value = 0;
  for (const char of text) value = value * 64 + B64.indexOf(char);
  return value;
}

// Each language's dictionary is read on its first use (about 0.4 s and 1 MiB of heap each).
const loaded = new Map<string, Map<string, string[]> | null>();

function files(language: string): { index: string; data: string } | null {
  const name = FILES[language];
  if (!name) return null;
  const index = `${DICTD}/${name}.index`;
  const data = `${DICTD}/${name}.dict.dz`;
  return existsSync(index) && existsSync(data) ? { index, data } : null;
}

function dictionary(language: string): Map<string, string[]> | null {
  if (loaded.has(language)) return loaded.get(language)!;
  const found = files(language);
  const words = found ? readDictionary(found.index, found.data) : null;
  loaded.set(language, words);
  return words;
}

function readDictionary(index: string, data: string): Map<string, string[]> {
  // Decoded and encoded again, as it always was: offsets then count replaced invalid bytes the same way.
  const bytes = Buffer.from(gunzipSync(readFileSync(data)).toString('utf8'), 'utf8');
  const words = new Map<string, string[]>();
  for (const line of readFileSync(index, 'utf8').split('\n')) {
    const [headword, offset, length] = line.split('\t');
    if (!headword || !offset || !length || headword.startsWith('00database')) continue;
    const entry = bytes
      .subarray(base64Number(offset), base64Number(offset) + base64Number(length))
      .toString('utf8');
    const english = entry
      .split('\n')
      .slice(1)
      .map((sense) => sense.replace(/^\s*\d+\.\s*/, '').replace(/\([^)]*\)|<[^>]*>/g, ''))
      .join(',')
      .split(/[,;]/)
      .flatMap((phrase) => phrase.trim().toLowerCase().split(/\s+/))
      .filter((word) => /^[a-z]{3,}$/.test(word) && !['the', 'and', 'for', 'with'].includes(word));
    const key = fold(headword);
    if (english.length > 0 && !words.has(key)) words.set(key, [...new Set(english)].slice(0, MAX_WORDS));
  }
  return words;
}

/** Whether any FreeDict dictionary is installed (it changes the gloss, see glossVersion). */
export function hasFreeDict(): boolean {
  return Object.keys(FILES).some((language) => files(language) !== null);
}

// Inflections tried back to the headword: French plural and past participle, Swedish definite forms.
const ENDINGS: Record<string, [string, string][]> = {
  fr: [
    ['s', ''],
    ['x', ''],
    ['es', ''],
    ['ee', 'er'],
    ['ees', 'er'],
    ['e', 'er'],
    ['es', 'er'],
    ['ent', 'er'],
    ['eait', 'er'],
    ['eaient', 'er'],
    ['ait', 'er'],
    ['aient', 'er'],
    ['eant', 'er'],
    ['ant', 'er'],
    ['ions', 'er'],
    ['ale', 'al'],
    ['aux', 'al'],
    ['ales', 'al'],
    ['elle', 'el'],
    ['ive', 'if'],
    ['ives', 'if'],
  ],
  sv: [
    ['en', ''],
    ['et', ''],
    ['na', ''],
    ['er', ''],
    ['ar', ''],
    ['or', 'a'],
    ['erna', ''],
    ['arna', ''],
    ['orna', 'a'],
    ['ens', ''],
    ['ets', ''],
    ['s', ''],
    ['t', ''],
    ['de', 'a'],
    ['te', 'a'],
    // Verbs: present, past and passive back to the infinitive ("undertecknades" → underteckna).
    ['ar', 'a'],
    ['ade', 'a'],
    ['ades', 'a'],
    ['as', 'a'],
    ['ats', 'a'],
    ['at', 'a'],
    ['er', 'a'],
    ['des', ''],
  ],
};

/** Swedish compounds are one word ("samarbetsdokument"): the shortest part tried on either side. */
const MIN_PART = 3;
/** Translations kept of each part of a compound. */
const PART_WORDS = 3;

/** English translations of a folded French or Swedish word (its inflections tried), or none. */
export function translate(folded: string, language: string): string[] {
  const words = dictionary(language);
  if (!words) return [];
  const found = inflected(words, folded, language);
  if (found) return found;
  return language === 'sv' ? compound(words, folded) : [];
}

/** English translations of a folded French or Swedish word as a whole (its inflections tried), or none. */
export function translateWord(folded: string, language: string): string[] {
  const words = dictionary(language);
  return (words && inflected(words, folded, language)) ?? [];
}

function inflected(words: Map<string, string[]>, folded: string, language: string): string[] | undefined {
  const direct = words.get(folded);
  if (direct) return direct;
  for (const [ending, replacement] of ENDINGS[language] ?? []) {
    if (folded.length > ending.length + 2 && folded.endsWith(ending)) {
      const found = words.get(folded.slice(0, -ending.length) + replacement);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A Swedish compound read as its parts, the longest modifier first: "samarbetsdokument" → samarbete (the
 * linking s dropped, the e restored) + dokument → cooperation … document. The head is inflected like
 * any word ("järnvägsförbindelsen"); a part the dictionary does not know leaves the word unread.
 */
function compound(words: Map<string, string[]>, folded: string): string[] {
  for (let split = folded.length - MIN_PART; split >= MIN_PART; split--) {
    const head = inflected(words, folded.slice(split), 'sv');
    if (!head) continue;
    const modifier = folded.slice(0, split);
    // The modifier as written, or without its linking s; either with its final vowel restored or dropped.
    const bases = modifier.endsWith('s') ? [modifier, modifier.slice(0, -1)] : [modifier];
    const stems = bases.flatMap((base) => [base, `${base}e`, `${base}a`, base.replace(/[ae]$/, '')]);
    const first = stems.find((stem) => stem.length >= MIN_PART && words.has(stem));
    if (first) return [...words.get(first)!.slice(0, PART_WORDS), ...head.slice(0, PART_WORDS)];
  }
  return [];
}
