import { fold } from './fold.ts';
import { numbersIn } from './words.ts';

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
 * "depuis la réunion de Lang Son en 2019", "sau khi … hợp nhất … từ ngày 1/7/2025", "2019年…以来"), or
 * as the occasion prepared for ("a preparatory meeting ahead of the 2025 Spring Meeting", "inför
 * vårmötet 2025"): background to what the sentence reports, not when it happened. Within one clause
 * of the cue.
 */
const LOOK_BACK =
  '(?<![\\p{L}])(?:since|after|following|(?:set(?: out)?|laid down|agreed|reached|adopted|decided) at|(?:results|outcomes|agreements) of|ahead of|in preparation for|to prepare for|preparatory (?:meeting|session|talks) for|depuis|apres|en vue de|en prevision de|sedan|efter|infor|ke tu|tu khi|sau khi|ket qua|chuan bi cho)(?![\\p{L}])';
/**
 * The rest of a look-back cue's clause: up to 90 characters before a clause ends. A colon or a full stop
 * between letters or digits ("den 16:e", "2:a", "15.5") ends nothing.
 */
const CLAUSE = '(?:[^,;:.!?()\\n]|[:.](?=[\\p{L}\\d])){0,90}';
const SINCE = new RegExp(`${LOOK_BACK}${CLAUSE}?(?<!\\d)((?:19|20)\\d\\d)(?!\\d)`, 'giu');
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

/**
 * A part of a year ("the first seven months of 2023", "sept premiers mois", "7 tháng đầu năm", "前7个月",
 * "första halvåret", "Q3"): a figure for it is not the year's, and its "first" is no ordinal. Folded
 * text (Chinese as written).
 */
const PART_OF_YEAR = new RegExp(
  [
    '\\bfirst\\s+(?:\\w+\\s+)?(?:months?|half|quarter|semester)\\b',
    '\\b(?:second|third|fourth)\\s+quarter\\b',
    '\\bq[1-4]\\b',
    '\\b\\w+\\s+premiers\\s+mois\\b',
    '\\bpremier\\s+(?:semestre|trimestre)\\b',
    '\\b(?:deuxieme|troisieme|quatrieme)\\s+trimestre\\b',
    '\\bforsta\\s+(?:\\w+\\s+)?(?:manaderna|halvaret|kvartalet)\\b',
    '\\b(?:andra|tredje|fjarde)\\s+kvartalet\\b',
    '\\bthang\\s+dau\\s+nam\\b',
    '\\bquy\\s+(?:i|ii|iii|iv|1|2|3|4)\\b',
  ].join('|'),
  'g',
);
const HAN_PART_OF_YEAR =
  /前[\d一二三四五六七八九十]+个?月|[上下]半年|第?[一二三四1-4]季度|1\s*[-—至到]\s*\d{1,2}\s*月/gu;
/** Words without which no Latin phrase of PART_OF_YEAR can be there (a cheap test before folding). */
const PERIOD_WORDS =
  /month|mois|m[aå]nad|th[aá]ng|quarter|trimestre|kvartal|qu[yý]|half|semest|halv[aå]r|\bq[1-4]\b/iu;

/** The spans (offsets in `text`) of its parts of a year (PART_OF_YEAR). */
export function partsOfYear(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const match of text.matchAll(HAN_PART_OF_YEAR))
    spans.push([match.index, match.index + match[0].length]);
  if (!PERIOD_WORDS.test(text)) return spans;
  const { folded, at } = foldedWithOffsets(text);
  for (const match of folded.matchAll(PART_OF_YEAR))
    spans.push([at[match.index]!, at[match.index + match[0].length]!]);
  return spans;
}

/** Whether a text speaks of a part of a year: a question that asks for one. */
export function statesPartOfYear(text: string): boolean {
  return partsOfYear(text).length > 0;
}

/** A number with the word after it (its magnitude: "3,1 milliards"), as numbersIn reads it. */
const NUMBER_WORD = /(\p{N}+(?:[.,\u00a0\u202f ]\p{N}+)*)(?:\s*([\p{L}]+))?/gu;

/**
 * The values a text gives for part of a year: each part-of-year phrase belongs to the value nearest to
 * it ("3.9 billion USD in 2024 and some 3.1 billion USD in the first nine months of 2025": 3.1 billion).
 * Years, and the numbers of the phrase itself ("前7个月"), are not values.
 */
export function partOfYearValues(text: string): number[] {
  const phrases = partsOfYear(text);
  if (phrases.length === 0) return [];
  const values: { start: number; end: number; numbers: number[] }[] = [];
  for (const match of text.matchAll(NUMBER_WORD)) {
    const start = match.index;
    if (phrases.some(([from, to]) => start >= from && start < to)) continue;
    const numbers = numbersIn(match[0]).filter((value) => !isYear(value));
    if (numbers.length > 0) values.push({ start, end: start + match[0].length, numbers });
  }
  const partial: number[] = [];
  for (const [from, to] of phrases) {
    const distance = (value: { start: number; end: number }) =>
      value.end <= from ? from - value.end : value.start >= to ? value.start - to : 0;
    const nearest = values.reduce<(typeof values)[number] | null>(
      (best, value) => (best === null || distance(value) < distance(best) ? value : best),
      null,
    );
    if (nearest) partial.push(...nearest.numbers);
  }
  return partial;
}

/** The text folded character by character, with each folded character's offset in the text. */
function foldedWithOffsets(text: string): { folded: string; at: number[] } {
  let folded = '';
  const at: number[] = [];
  for (let index = 0; index < text.length; index++) {
    for (const char of fold(text[index]!)) {
      folded += char;
      at.push(index);
    }
  }
  at.push(text.length);
  return { folded, at };
}

/** A look-back cue and the rest of its clause ("since the 8th meeting held online"). */
const SINCE_CLAUSE = new RegExp(`${LOOK_BACK}${CLAUSE}`, 'giu');
const LOOK_BACK_CUE = new RegExp(LOOK_BACK, 'iu');

/**
 * The spans (offsets in `text`) that look back to a starting point or an earlier session: "since the 8th
 * meeting held online", "kể từ Phiên họp thứ 8", "depuis la réunion de 2019", "tasks set at its 15th
 * conference", "落实第四次会议达成的共识". What they name (a year, a session) is background to what the
 * sentence reports.
 */
export function lookBackSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  // Chinese: carrying out what an earlier session agreed ("落实第四次会议达成的共识"), or since it ("…以来").
  for (const match of text.matchAll(HAN_LOOK_BACK)) spans.push([match.index, match.index + match[0].length]);
  // Offsets are folded character by character only when a cue is there at all.
  if (!LOOK_BACK_CUE.test(fold(text))) return spans;
  const { folded, at } = foldedWithOffsets(text);
  for (const match of folded.matchAll(SINCE_CLAUSE))
    spans.push([at[match.index]!, at[match.index + match[0].length]!]);
  return spans;
}

/**
 * A Chinese clause that names a session as background: implementing an earlier one's outcome, since
 * one, or preparing the next (筹备, 为…做准备).
 */
const HAN_LOOK_BACK =
  /(?:贯彻落实|落实|执行|筹备)[^，。；：！？\n]{0,30}|此前[^。；！？\n]{0,60}|第[^，。；：！？\n]{1,6}?[次届][^，。；：！？\n]{0,20}?以来|为[^，。；：！？\n]{1,24}?做准备/gu;
