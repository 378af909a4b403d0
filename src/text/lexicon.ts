import { readFileSync } from 'node:fs';
import { fold } from './fold.ts';

/**
 * The offline lexicons that bridge languages without a model (data-files/lexicon/README.md):
 * Chinese words → English glosses (CC-CEDICT), Han characters → pinyin and Hán-Việt readings (Unihan),
 * and the curated glossary of this domain in five languages (data-files/glossary.json). Loaded once,
 * on first use: a process that never meets a cross-lingual text never pays for them.
 */
export interface Lexicon {
  /** English gloss words of a simplified Chinese word. */
  zhGloss: Map<string, string[]>;
  /** Longest Chinese word in zhGloss or the glossary, in characters. */
  zhMaxLength: number;
  /** Toneless pinyin of a Han character. */
  pinyin: Map<string, string>;
  /** Hán-Việt readings (lower case, with tones) of a Han character. */
  hanViet: Map<string, string[]>;
  /** Han characters read as a Vietnamese syllable (lower case, with tones). */
  charsOfSyllable: Map<string, string[]>;
  glossary: Glossary;
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
}

const DATA = new URL('../../data-files/', import.meta.url);

let cached: Lexicon | undefined;

export function lexicon(): Lexicon {
  cached ??= loadLexicon();
  return cached;
}

/** Token key: Vietnamese keeps its tones (lower case, NFC), others are folded. */
export function tokenKey(token: string, vietnamese: boolean): string {
  return vietnamese ? token.normalize('NFC').toLowerCase() : fold(token);
}

export function latinTokens(text: string): string[] {
  return text.match(/[\p{L}\p{M}\p{N}]+/gu)?.filter((token) => !/\p{Script=Han}/u.test(token)) ?? [];
}

function loadLexicon(): Lexicon {
  const zhGloss = new Map<string, string[]>();
  let zhMaxLength = 1;
  for (const line of readFileSync(new URL('lexicon/zh-en.tsv', DATA), 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const word = line.slice(0, tab);
    zhGloss.set(word, line.slice(tab + 1).split(' '));
    zhMaxLength = Math.max(zhMaxLength, [...word].length);
  }
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
      const list = charsOfSyllable.get(syllable) ?? [];
      list.push(char);
      charsOfSyllable.set(syllable, list);
    }
  }
  const glossary = loadGlossary();
  for (const form of glossary.zh.keys()) zhMaxLength = Math.max(zhMaxLength, [...form].length);
  return { zhGloss, zhMaxLength, pinyin, hanViet, charsOfSyllable, glossary };
}

function loadGlossary(): Glossary {
  const raw = JSON.parse(readFileSync(new URL('glossary.json', DATA), 'utf8')) as {
    entries: ({ kind?: string } & Record<string, string[]>)[];
  };
  const entries: GlossaryEntry[] = [];
  const byFirstToken: Glossary['byFirstToken'] = new Map();
  const zh = new Map<string, GlossaryEntry>();
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
        list.push({ key, vietnamese, exact, entry });
        byFirstToken.set(first, list);
      }
    }
    for (const form of entry.zh) if (!zh.has(form)) zh.set(form, entry);
    entries.push(entry);
  }
  // Longest forms first, so "đường sắt khổ tiêu chuẩn" wins over "đường sắt".
  for (const list of byFirstToken.values()) list.sort((a, b) => b.key.length - a.key.length);
  return { entries, byFirstToken, zh };
}
