import { fold } from './fold.ts';

/**
 * Month names of English, French and Swedish (folded), by month number. Vietnamese and Chinese write
 * months as numbers ("tháng 2", "6/12", "2月"), which numbersIn already reads.
 */
const NAMES: readonly string[][] = [
  ['january', 'janvier', 'januari', 'jan'],
  ['february', 'fevrier', 'februari', 'feb'],
  ['march', 'mars', 'mar'],
  ['april', 'avril', 'apr'],
  ['may', 'mai', 'maj'],
  ['june', 'juin', 'juni', 'jun'],
  ['july', 'juillet', 'juli', 'jul'],
  ['august', 'aout', 'augusti', 'aug'],
  ['september', 'septembre', 'sept', 'sep'],
  ['october', 'octobre', 'oktober', 'oct', 'okt'],
  ['november', 'novembre', 'nov'],
  ['december', 'decembre', 'dec'],
];

const BY_NAME = new Map<string, number>(
  NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)),
);
const NAME = new RegExp(`(?<![\\p{L}])(${[...BY_NAME.keys()].join('|')})\\.?(?![\\p{L}])`, 'gu');

/**
 * The months a text names next to a number ("22 February 2016", "February 22", "le 13 février",
 * "den 18 augusti 2025"): a month name away from any number ("may" the verb, "in March") dates nothing.
 */
export function datedMonths(text: string): Set<number> {
  const folded = fold(text);
  const months = new Set<number>();
  for (const match of folded.matchAll(NAME)) {
    if (nextToNumber(folded, match.index, match[0].length)) months.add(BY_NAME.get(match[1]!)!);
  }
  return months;
}

/** Whether the word at `offset` has a number just before it ("22 February", "1er mars") or after it. */
function nextToNumber(text: string, offset: number, length: number): boolean {
  const before = text.slice(Math.max(0, offset - 6), offset);
  const after = text.slice(offset + length, offset + length + 6);
  return /\d(?:er)?\s*$/.test(before) || /^\s*,?\s*\d/.test(after);
}

/** The text with its dated months blanked out ("the June 2024 meeting" → "the 2024 meeting"). */
export function withoutMonths(text: string): string {
  return text.replace(/[\p{L}\p{M}]+\.?/gu, (word, offset: number) =>
    BY_NAME.has(fold(word.replace(/\.$/, ''))) && nextToNumber(text, offset, word.length) ? ' ' : word,
  );
}

/** Whether a word is a month name ("June", "juin", "juni"): a date, never a name. */
export function isMonthName(word: string): boolean {
  return BY_NAME.has(fold(word)) && fold(word).length > 3;
}
