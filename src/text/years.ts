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
