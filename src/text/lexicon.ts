import { readFileSync } from 'node:fs';
import { fold } from './fold.ts';
import { hanVietSyllables } from './hanviet.ts';

/**
 * The offline lexicons that bridge languages without a model (data-files/lexicon/README.md):
 * Chinese words → English glosses (CC-CEDICT), Han characters → pinyin and Hán-Việt readings (Unihan),
 * and the curated glossary of this domain in five languages (data-files/glossary.json). Each is loaded
 * once, on its first use: a process that never meets Chinese or Vietnamese text never pays for the
 * dictionary and the readings.
 */
/** Chinese words → English gloss words (CC-CEDICT), as Map-like look-ups. */
export interface ChineseWords {
  /** English gloss words of a simplified Chinese word (a new array on every call). */
  get(word: string): string[] | undefined;
  has(word: string): boolean;
  /** Longest word here or in the glossary that starts with `char`, in characters (0: none). */
  longestFrom(char: string): number;
  /** Whether a word here is longer than `prefix` (two characters or more) and starts with it. */
  startsLonger(prefix: string): boolean;
}

export interface HanReadings {
  /** Toneless pinyin of a Han character. */
  pinyin: Map<string, string>;
  /** Hán-Việt readings (lower case, with tones) of a Han character. */
  hanViet: Map<string, string[]>;
  /** Han characters read as a Vietnamese syllable, by its syllableKey (Unihan's, then m17n's: hanviet.ts). */
  charsOfSyllable: Map<string, string[]>;
}

export interface GlossaryEntry {
  /** The canonical English form, as gloss words. */
  english: string;
  /** A place, border gate or other geographic name ("kind": "place" in the file). */
  place: boolean;
  /** Every form of every language, as token keys (see phraseKey), with its language. */
  forms: { language: string; key: string[] }[];
  zh: string[];
}

export interface GlossaryForm {
  key: string[];
  /** The language the form is written in (en, fr, sv, vi). */
  language: string;
  /**
   * Endings its last word takes in a text of its own language (formEndings); in any text, every form
   * but a Vietnamese one or an acronym takes an s.
   */
  endings: readonly string[];
  /** Compare tokens with their tones (Vietnamese forms). */
  vietnamese: boolean;
  /** An acronym ("AI", "MoU"): matched with its case, so that Vietnamese "ai" (who) is not AI. */
  exact: boolean;
  entry: GlossaryEntry;
}

export interface Glossary {
  entries: GlossaryEntry[];
  /** Latin-script forms by the key of their first token. */
  byFirstToken: Map<string, GlossaryForm[]>;
  /** Chinese forms → entry. */
  zh: Map<string, GlossaryEntry>;
  /** Chinese forms → every entry they are a form of, in the glossary's order (年度: annual, year). */
  zhSenses: Map<string, GlossaryEntry[]>;
}

const DATA = new URL('../../data-files/', import.meta.url);

// Each table is loaded on its first use, apart from the others: English, French and Swedish text only
// ever needs the glossary, Vietnamese adds the readings and the dictionary, Chinese all three.
let glossaryCache: Glossary | undefined;
let chineseCache: ChineseWords | undefined;
let readingsCache: HanReadings | undefined;

/** The curated five-language glossary of this domain (data-files/glossary.json). */
export function glossary(): Glossary {
  glossaryCache ??= loadGlossary();
  return glossaryCache;
}

/** The Chinese–English dictionary (data-files/lexicon/zh-en.tsv). */
export function chineseWords(): ChineseWords {
  chineseCache ??= loadChineseWords();
  return chineseCache;
}

let englishCache: Set<string> | undefined;

/**
 * Whether a folded word is English, by the English of the Chinese–English dictionary (some 47k
 * words, read on first use): Swedish "delegation" is, "lade" is not.
 */
export function isEnglishWord(folded: string): boolean {
  if (!englishCache) {
    englishCache = new Set();
    for (const line of dictionaryText().split('\n')) {
      const tab = line.indexOf('\t');
      if (tab >= 0) for (const word of line.slice(tab + 1).split(' ')) englishCache.add(word);
    }
  }
  return englishCache.has(folded);
}

/** Pinyin and Hán-Việt readings of Han characters (data-files/lexicon/han-readings.tsv). */
export function hanReadings(): HanReadings {
  readingsCache ??= loadHanReadings();
  return readingsCache;
}

/** Keys of tokens met lately: glossing a text asks the same few thousand words' keys again and again. */
const TOKEN_KEYS_KEPT = 50_000;
const foldedKeys = new Map<string, string>();
const tonedKeys = new Map<string, string>();

/** Token key: Vietnamese keeps its tones (syllableKey), others are folded. */
export function tokenKey(token: string, vietnamese: boolean): string {
  const keys = vietnamese ? tonedKeys : foldedKeys;
  let key = keys.get(token);
  if (key === undefined) {
    if (keys.size >= TOKEN_KEYS_KEPT) keys.clear();
    key = vietnamese ? syllableKey(token) : fold(token);
    keys.set(token, key);
  }
  return key;
}

/** Vietnamese tone marks (grave, acute, tilde, hook above, dot below) and their numbers in a key. */
const TONES: Record<string, string> = {
  '\u0300': '2',
  '\u0301': '1',
  '\u0303': '4',
  '\u0309': '3',
  '\u0323': '5',
};
/** A syllable whose only vowel is a final y after its initial: written with i too (lý = lí, kỹ = kĩ). */
const FINAL_Y = /^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|nh|ng|ngh|p|ph|qu|r|s|t|th|tr|v|x)y$/;

/**
 * A Vietnamese syllable as a key that its spellings share: lower case, its tone taken off the vowel
 * that carries it and written after it as a number, so that the old and new placements meet (hoà =
 * hòa, thuỷ = thủy), and a final y after the initial read as i (lý = lí, kỹ = kĩ, quý = quí). Unihan's
 * Hán-Việt readings and the glossary use one placement, texts either.
 */
export function syllableKey(syllable: string): string {
  let tone = '';
  const base = syllable
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300\u0301\u0303\u0309\u0323]/g, (mark) => {
      tone = TONES[mark]!;
      return '';
    })
    .normalize('NFC');
  return (FINAL_Y.test(base) ? `${base.slice(0, -1)}i` : base) + tone;
}

export function latinTokens(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu)?.filter((token) => !/\p{Script=Han}/u.test(token)) ?? [];
}

/**
 * The dictionary is kept as its file's text and, per word, where its gloss starts in it (a Map of
 * numbers): about 11 MiB of heap instead of 27 MiB for a Map of word arrays (116k words). The gloss is
 * split into words when it is asked for.
 */
let dictionaryCache: string | undefined;

/** The Chinese–English dictionary file's text, read once for the word look-ups and the English word list. */
function dictionaryText(): string {
  dictionaryCache ??= readFileSync(new URL('lexicon/zh-en.tsv', DATA), 'utf8');
  return dictionaryCache;
}

function loadChineseWords(): ChineseWords {
  const text = dictionaryText();
  const starts = new Map<string, number>();
  // Per first character, the longest word it starts: a segmenter tries no longer spans from there.
  const longest = new Map<string, number>();
  const note = (word: string) => {
    const chars = [...word];
    if (chars.length > (longest.get(chars[0]!) ?? 0)) longest.set(chars[0]!, chars.length);
  };
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', start);
    if (tab >= 0 && tab < end) {
      const word = text.slice(start, tab);
      starts.set(word, tab + 1);
      note(word);
    }
    start = end + 1;
  }
  for (const form of glossary().zh.keys()) note(form);
  let prefixes: Set<string> | undefined;
  return {
    get(word) {
      const start = starts.get(word);
      if (start === undefined) return undefined;
      const end = text.indexOf('\n', start);
      return text.slice(start, end < 0 ? text.length : end).split(' ');
    },
    has: (word) => starts.has(word),
    longestFrom: (char) => longest.get(char) ?? 0,
    startsLonger(prefix) {
      if (!prefixes) {
        // The beginnings (two characters or more) of the words of three or more: some 61k strings.
        prefixes = new Set();
        for (const word of starts.keys()) {
          const chars = [...word];
          for (let end = 2; end < chars.length; end++) prefixes.add(chars.slice(0, end).join(''));
        }
      }
      return prefixes.has(prefix);
    },
  };
}

function loadHanReadings(): HanReadings {
  const pinyin = new Map<string, string>();
  const hanViet = new Map<string, string[]>();
  const charsOfSyllable = new Map<string, string[]>();
  for (const line of readFileSync(new URL('lexicon/han-readings.tsv', DATA), 'utf8').split('\n')) {
    const [char, reading, vietnamese] = line.split('\t');
    if (!char) continue;
    if (reading) pinyin.set(char, reading);
    if (!vietnamese) continue;
    const readings = vietnamese.split(',').map((syllable) => syllable.toLowerCase());
    hanViet.set(char, readings);
    for (const syllable of readings) {
      const key = syllableKey(syllable);
      const list = charsOfSyllable.get(key) ?? [];
      list.push(char);
      charsOfSyllable.set(key, list);
    }
  }
  // The input method's readings, when installed, fill in those Unihan lacks (北 bắc, 际 tế).
  const added = new Map<string, string[]>();
  for (const [syllable, chars] of hanVietSyllables() ?? []) {
    const key = syllableKey(syllable);
    const list = charsOfSyllable.get(key) ?? [];
    for (const char of chars) {
      if (!list.includes(char)) list.push(char);
      added.set(char, [...(added.get(char) ?? []), syllable.normalize('NFC')]);
    }
    charsOfSyllable.set(key, list);
  }
  // A character's own readings (a name's: 陈刚 → trần cương): Unihan's first when one of them is also
  // the input method's, else the input method's first — Unihan has none for 春 and gives Nôm or
  // inferred readings for others (爱 "áy" for ái, 刚 "cong" for cương). Either way every reading of
  // both is kept: a simplified character may stand for two (宁: trữ, and ninh for 寧, as in 王宁).
  for (const [char, readings] of added) {
    const unihan = hanViet.get(char) ?? [];
    const keys = new Set(readings.map(syllableKey));
    const ordered = unihan.some((reading) => keys.has(syllableKey(reading)))
      ? [...unihan, ...readings]
      : [...readings, ...unihan];
    const seen = new Set<string>();
    hanViet.set(
      char,
      ordered.filter((reading) => !seen.has(syllableKey(reading)) && seen.add(syllableKey(reading))),
    );
  }
  return { pinyin, hanViet, charsOfSyllable };
}

/**
 * The endings the last word of a form takes in a text of its own language, by the shape of the word:
 * Swedish verbs in -a take their present, past and passive ("bekräfta" → bekräftar, bekräftade,
 * bekräftas), nouns in -e their definite and plural ("möte" → mötet, möten, mötena), other nouns and
 * adjectives their definite, plural and agreeing forms ("utredning" → utredningen, utredningar;
 * "strategisk" → strategiska); French participles and adjectives their feminine and plural ("signé" →
 * signées, "frontalier" → frontalières, "culturel" → culturelles).
 */
function formEndings(language: string, form: string): readonly string[] {
  const word = latinTokens(form).at(-1)?.toLowerCase() ?? '';
  if (language === 'sv') {
    if (word.endsWith('a')) return SV_VERB;
    if (word.endsWith('e')) return SV_E_NOUN;
    return word.endsWith('r') ? [...SV_NOMINAL, ...SV_R_NOMINAL] : SV_NOMINAL;
  }
  if (language === 'fr') {
    if (/(é|u|er|al|ain|ais|ois|ant|ent)$/u.test(word)) return FR_AGREEING;
    if (/el$/u.test(word)) return FR_EL;
    if (/(eau|au|eu)$/u.test(word)) return FR_X;
  }
  return ['s'];
}

const SV_VERB = ['n', 'ns', 'r', 'de', 'des', 's', 't', 'ts', 'nde'];
const SV_E_NOUN = ['n', 'na', 'nas', 'ns', 's', 't', 'ts'];
const SV_NOMINAL = [
  'en',
  'et',
  'ens',
  'ets',
  'er',
  'ar',
  'or',
  'erna',
  'arna',
  'orna',
  'ernas',
  'arnas',
  'ornas',
  'a',
  't',
  's',
];
const SV_R_NOMINAL = ['na', 'nas'];
const FR_AGREEING = ['e', 'es', 's'];
const FR_EL = ['le', 'les', 's'];
const FR_X = ['x', 's'];

/** Every ending a form of one word may take (formEndings), the s of every language first. */
export const FORM_ENDINGS: readonly string[] = [
  ...new Set([
    's',
    ...SV_VERB,
    ...SV_E_NOUN,
    ...SV_NOMINAL,
    ...SV_R_NOMINAL,
    ...FR_AGREEING,
    ...FR_EL,
    ...FR_X,
  ]),
];

function loadGlossary(): Glossary {
  const raw = JSON.parse(readFileSync(new URL('glossary.json', DATA), 'utf8')) as {
    entries: ({ kind?: string } & Record<string, string[]>)[];
  };
  const entries: GlossaryEntry[] = [];
  const byFirstToken: Glossary['byFirstToken'] = new Map();
  const zh = new Map<string, GlossaryEntry>();
  const zhSenses = new Map<string, GlossaryEntry[]>();
  for (const item of raw.entries) {
    const english = (item.en ?? [])[0];
    if (!english) continue;
    const entry: GlossaryEntry = {
      english: latinTokens(english)
        .map((token) => fold(token))
        .join(' '),
      place: item.kind === 'place',
      forms: [],
      zh: item.zh ?? [],
    };
    for (const [language, forms] of Object.entries(item)) {
      if (language === 'zh' || language === 'kind' || !Array.isArray(forms)) continue;
      const vietnamese = language === 'vi';
      for (const form of forms) {
        const exact = /^\p{Lu}[\p{Lu}\p{Ll}]?\p{Lu}{0,4}$/u.test(form.trim()) && /\p{Lu}.*\p{Lu}/u.test(form);
        const key = exact ? [form.trim()] : latinTokens(form).map((token) => tokenKey(token, vietnamese));
        if (key.length === 0) continue;
        entry.forms.push({ language, key });
        const first = exact ? fold(key[0]!) : key[0]!;
        const list = byFirstToken.get(first) ?? [];
        list.push({
          key,
          language,
          vietnamese,
          exact,
          entry,
          endings: exact || vietnamese ? [] : formEndings(language, form),
        });
        byFirstToken.set(first, list);
      }
    }
    for (const form of entry.zh) {
      if (!zh.has(form)) zh.set(form, entry);
      zhSenses.set(form, [...(zhSenses.get(form) ?? []), entry]);
    }
    entries.push(entry);
  }
  // Longest forms first, so "đường sắt khổ tiêu chuẩn" wins over "đường sắt".
  for (const list of byFirstToken.values()) list.sort((a, b) => b.key.length - a.key.length);
  return { entries, byFirstToken, zh, zhSenses };
}
