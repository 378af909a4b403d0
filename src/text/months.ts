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
  return new Set(monthMatches(text).map((match) => match.month));
}

function monthMatches(text: string): { month: number; start: number; end: number }[] {
  const folded = fold(text);
  const found: { month: number; start: number; end: number }[] = [];
  for (const match of folded.matchAll(NAME)) {
    const before = folded.slice(Math.max(0, match.index - 6), match.index);
    const after = folded.slice(match.index + match[0].length, match.index + match[0].length + 6);
    if (/\d(?:er)?\s*$/.test(before) || /^\s*,?\s*\d/.test(after))
      found.push({ month: BY_NAME.get(match[1]!)!, start: match.index, end: match.index + match[0].length });
  }
  return found;
}

/** The text with its dated months blanked out ("the June 2024 meeting" → "the 2024 meeting"). */
export function withoutMonths(text: string): string {
  return text.replace(/[\p{L}\p{M}]+\.?/gu, (word, offset: number) => {
    if (!BY_NAME.has(fold(word.replace(/\.$/, '')))) return word;
    const before = text.slice(Math.max(0, offset - 6), offset);
    const after = text.slice(offset + word.length, offset + word.length + 6);
    return /\d(?:er)?\s*$/.test(before) || /^\s*,?\s*\d/.test(after) ? ' ' : word;
  });
}

/** Whether a word is a month name ("June", "juin", "juni"): a date, never a name. */
export function isMonthName(word: string): boolean {
  return BY_NAME.has(fold(word)) && fold(word).length > 3;
}
