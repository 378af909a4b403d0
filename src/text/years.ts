import { fold } from './fold.ts';

/**
 * A span of years ("2023-2027", "2023—2027年", "2024–2026", "2021至2025") names a plan's period, not when
 * something happened: a question about 2026 is not answered by "the 2022–2026 memorandum".
 */
export const YEAR_RANGE = /(?<!\d)((?:19|20)\d\d)\s*[-–—~至到]\s*((?:19|20)\d\d)(?!\d)/gu;

/** A year of a plausible meeting record (1990–2100). */
export function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= 1990 && value <= 2100;
}

/** The text with each span of years written as two period words (period2022 period2026), not years. */
export function markYearRanges(text: string): string {
  return text.replace(YEAR_RANGE, ' period$1 period$2 ');
}

/**
 * A year stated as the starting point of something else ("since the format was launched in 2016",
 * "depuis la réunion de Lang Son en 2019", "sau khi … hợp nhất … từ ngày 1/7/2025", "2019年…以来"):
 * background to what the sentence reports, not when it happened. Within one clause of the cue.
 */
const SINCE =
  /(?<![\p{L}])(?:since|after|following|depuis|apres|sedan|efter|ke tu|tu khi|sau khi)(?![\p{L}])[^,;:.!?()\n]{0,90}?(?<!\d)((?:19|20)\d\d)(?!\d)/giu;
const HAN_SINCE = /(?<!\d)((?:19|20)\d\d)(?!\d)[^，。；：！？\n]{0,24}?以来/gu;

/**
 * The years of the text stated only as starting points (see SINCE), as numbers: a year also written
 * elsewhere in the text ("the 2019 meeting … since 2019") is not only background.
 */
export function backgroundYears(text: string): Set<number> {
  const folded = fold(text);
  const cued = new Map<number, number>();
  const count = (match: RegExpMatchArray) => {
    const year = Number(match[1]);
    cued.set(year, (cued.get(year) ?? 0) + 1);
  };
  for (const match of folded.matchAll(SINCE)) count(match);
  for (const match of text.matchAll(HAN_SINCE)) count(match);
  const years = new Set<number>();
  for (const [year, times] of cued) {
    const written = text.match(new RegExp(`(?<!\\d)${year}(?!\\d)`, 'g'))?.length ?? 0;
    if (times >= written) years.add(year);
  }
  return years;
}
