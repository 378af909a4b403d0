/** Words, names, numbers and sentences of a text: language-light and offline, shared by ingest, search and answers. */
import { fold } from './fold.ts';

export { fold } from './fold.ts';

// Function words of the languages Minutebook meets most (en, fr, sv, vi without tones), folded.
const STOPWORDS = new Set(
  (
    'a an the of to in on at for from by with and or but not no is are was were be been being do does did ' +
    'has have had this that these those it its their there what which who whom whose when where why how ' +
    'about into over under between during after before than then also as such can could would should will ' +
    'may might must shall our your his her they them we you he she i me my us all any some each other more ' +
    'most same so very just only again further once here both few own too get got make made being ' +
    'le la les un une des du de d l au aux et ou mais ne pas est sont etait ete etre avoir a ont ce cet cette ' +
    'ces se sa son ses leur leurs qui que quoi quel quelle quels quelles dont ou dans par pour sur avec sans ' +
    'entre comme plus moins tres aussi ainsi lors il elle ils elles on nous vous je tu y en meme tout tous ' +
    'toute toutes apres avant depuis pendant vers chez cela ceci celui celle qu n s c j m t ' +
    'och att det som en ett den de av for med pa till fran om ar var har hade inte eller men sa vid ' +
    'under efter innan mellan vilka vilken vilket vad vem nar hur dess deras sin sitt sina ' +
    'va cua cac nhung la co duoc cho voi trong tren mot nay do khi thi ma giua tai da se'
  ).split(/\s+/),
);

/** Question words and verbs that say what is asked, not what it is about. */
const QUESTION_WORDS = new Set(
  (
    'what which who whom whose when where why how did does do tell explain describe give list name many much one ' +
    'quel quelle quels quelles qui quoi quand comment pourquoi combien est-ce ' +
    'vad vilken vilka vilket vem nar hur varfor manga ' +
    'gi nao ai sao bao nhieu'
  ).split(/\s+/),
);

export function isStopword(folded: string): boolean {
  return STOPWORDS.has(folded) || QUESTION_WORDS.has(folded);
}

export interface Token {
  text: string;
  folded: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}\p{N}]*|\p{N}+(?:[.,\s]\p{N}+)*/gu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    tokens.push({
      text: match[0],
      folded: fold(match[0]),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return tokens;
}

/** Words that carry meaning: letters, at least three of them, not function words. */
export function contentTerms(text: string): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    if (!/^\p{L}/u.test(token.text)) continue;
    if (token.folded.length < 3 || isStopword(token.folded)) continue;
    if (isAcronym(token.text)) continue;
    seen.add(token.folded);
  }
  return [...seen];
}

export function isAcronym(word: string): boolean {
  return /^\p{Lu}{2,5}$/u.test(word);
}

/** Upper-case abbreviations of the text (AI, EU, PCC). */
export function acronyms(text: string): string[] {
  return [
    ...new Set(
      tokenize(text)
        .filter((token) => isAcronym(token.text))
        .map((token) => token.text),
    ),
  ];
}

/**
 * Capitalised words that are not sentence-initial: proper names. Folded, hyphenated parts separated
 * ("China-Vietnam" gives china and vietnam).
 */
export function properNames(sentence: string): string[] {
  const names = new Set<string>();
  const tokens = tokenize(sentence);
  for (const [index, token] of tokens.entries()) {
    if (!/^\p{Lu}\p{Ll}/u.test(token.text)) continue;
    const previous = sentence.slice(tokens[index - 1]?.end ?? 0, token.start);
    const initial = index === 0 || /[.!?:;]\s*$|\n/.test(previous);
    if (initial || isStopword(token.folded) || token.folded.length < 2) continue;
    names.add(token.folded);
  }
  return [...names];
}

const MAGNITUDES: [RegExp, number][] = [
  [/^(billion|billions|milliard|milliards|miljard|miljarder|ty|bn)$/, 1e9],
  [/^(million|millions|miljon|miljoner|trieu|m)$/, 1e6],
  [/^(thousand|thousands|mille|milliers|tusen|nghin|ngan)$/, 1e3],
];

/**
 * Numeric values written in the text, normalised across conventions: "72.2 billion", "72,2 milliards"
 * and "72 200 000 000" are one value; a separator followed by exactly three digits groups thousands
 * unless a magnitude word follows, otherwise it is a decimal mark.
 */
export function numbersIn(text: string): number[] {
  const values: number[] = [];
  const pattern = /(\p{N}+(?:[.,\u00a0\u202f ]\p{N}+)*)(?:\s*([\p{L}]+))?/gu;
  for (const match of text.matchAll(pattern)) {
    const raw = match[1]!;
    if (!/^[0-9.,\u00a0\u202f ]+$/.test(raw)) continue;
    const word = fold(match[2] ?? '');
    const magnitude = MAGNITUDES.find(([words]) => words.test(word))?.[1];
    for (const part of splitNumberRun(raw, magnitude !== undefined)) {
      values.push(
        magnitude !== undefined && part === raw
          ? parseNumeral(part, true) * magnitude
          : parseNumeral(part, false),
      );
    }
  }
  return values.filter((value) => Number.isFinite(value));
}

// "2023 2027" or "50 000": spaces group thousands only when every later group has three digits.
function splitNumberRun(raw: string, hasMagnitude: boolean): string[] {
  const groups = raw.split(/[\u00a0\u202f ]/);
  if (groups.length === 1) return [raw];
  const thousands = groups.slice(1).every((group) => /^\d{3}$/.test(group)) && groups[0]!.length <= 3;
  if (thousands || hasMagnitude) return [groups.join('')];
  return groups;
}

function parseNumeral(raw: string, hasMagnitude: boolean): number {
  const separators = [...raw.matchAll(/[.,]/g)];
  if (separators.length === 0) return Number(raw);
  if (separators.length === 1) {
    const [whole, fraction] = raw.split(/[.,]/) as [string, string];
    if (fraction.length === 3 && !hasMagnitude && whole !== '0') return Number(whole + fraction);
    return Number(`${whole}.${fraction}`);
  }
  // "1,234.5" or "1.234,5": the last separator is the decimal mark when it differs from the others.
  const last = separators.at(-1)![0];
  const first = separators[0]![0];
  if (last !== first) {
    const lastIndex = raw.lastIndexOf(last);
    return Number(`${raw.slice(0, lastIndex).replace(/[.,]/g, '')}.${raw.slice(lastIndex + 1)}`);
  }
  return Number(raw.replace(/[.,]/g, ''));
}

export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.abs(a) * 1e-9;
}

export interface SentenceSpan {
  text: string;
  start: number;
  end: number;
}

/** Sentences with their offsets in the text; a line break also ends a sentence (lists, titles). */
export function splitSentences(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const pattern = /[^\n]+?(?:[.!?。！？]+(?=\s|$)|\n|$)/gu;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = match.index + leading;
    spans.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return spans;
}

/** Shorter words are too common to be read as the spelt-out form of an acronym. */
const MIN_EXPANSION_WORD = 6;

/**
 * Spelt-out forms of the acronyms found in the passages: runs of long content words whose initials
 * are the acronym's letters in either order (French puts the adjective last: "intelligence artificielle"
 * for AI). A run counts when the passages define it ("intelligence artificielle (IA)") or use it at
 * least twice: a one-off coincidence such as "attraction investissements" is not an expansion.
 */
export function learnAcronyms(acronymList: string[], passages: string[]): string[][] {
  const groups: string[][] = [];
  for (const acronym of acronymList) {
    const letters = fold(acronym);
    const reversed = [...letters].reverse().join('');
    const counts = new Map<string, number>();
    for (const passage of passages) {
      const tokens = tokenize(passage).filter((token) => !isStopword(token.folded) || isAcronym(token.text));
      for (let i = 0; i + letters.length <= tokens.length; i++) {
        const run = tokens.slice(i, i + letters.length);
        if (run.some((token) => token.folded.length < MIN_EXPANSION_WORD)) continue;
        const initials = run.map((token) => token.folded[0]).join('');
        if (initials !== letters && initials !== reversed) continue;
        const phrase = run.map((token) => token.folded).join(' ');
        const next = tokens[i + letters.length];
        const defined = next !== undefined && (next.folded === letters || next.folded === reversed);
        counts.set(phrase, (counts.get(phrase) ?? 0) + (defined ? 2 : 1));
      }
    }
    const phrases = [...counts].filter(([, count]) => count >= 2).map(([phrase]) => phrase);
    if (phrases.length > 0) groups.push([letters, reversed, ...phrases]);
  }
  return groups;
}
