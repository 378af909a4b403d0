import { stripUnsafeCharacters } from '../text/unsafe-characters.ts';

/** How numeric dates such as 05/12/2026 are read (config DATE_ORDER). */
export type DateOrder = 'DMY' | 'MDY';

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  // fr, en, sv, de, es (full names and usual abbreviations), by month.
  ['janvier', 'janv', 'january', 'jan', 'januari', 'januar', 'enero'],
  ['février', 'fevrier', 'févr', 'fevr', 'february', 'feb', 'februari', 'februar', 'febrero'],
  ['mars', 'march', 'mar', 'märz', 'marzo'],
  ['avril', 'avr', 'april', 'apr', 'abril'],
  ['mai', 'may', 'maj', 'mayo'],
  ['juin', 'june', 'jun', 'juni', 'junio'],
  ['juillet', 'juil', 'july', 'jul', 'juli', 'julio'],
  ['août', 'aout', 'august', 'aug', 'augusti', 'agosto'],
  ['septembre', 'sept', 'september', 'sep', 'septiembre'],
  ['octobre', 'oct', 'october', 'oktober', 'okt', 'octubre'],
  ['novembre', 'nov', 'november', 'noviembre'],
  ['décembre', 'decembre', 'déc', 'dec', 'december', 'dezember', 'diciembre'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

interface Found {
  index: number;
  year?: number;
  month: number;
  day: number;
}

const PATTERNS: {
  regex: RegExp;
  read: (match: RegExpExecArray, order: DateOrder) => Omit<Found, 'index'>;
}[] = [
  {
    regex: /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/g,
    read: (m) => ({ year: +m[1]!, month: +m[2]!, day: +m[3]! }),
  },
  {
    regex: /(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/g,
    read: (m) => ({ year: +m[1]!, month: +m[2]!, day: +m[3]! }),
  },
  {
    regex: /(?<![\d/.])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/g,
    read: (m, order) =>
      order === 'DMY'
        ? { day: +m[1]!, month: +m[2]!, year: +m[3]! }
        : { month: +m[1]!, day: +m[2]!, year: +m[3]! },
  },
  {
    // Chinese: 2025年2月21日, or 2月21日 without a year.
    regex: /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g,
    read: (m) => ({ year: m[1] ? +m[1] : undefined, month: +m[2]!, day: +m[3]! }),
  },
  {
    // Vietnamese: ngày 21 tháng 2 năm 2025, 21 tháng 2, 2025.
    regex: /(?<!\d)(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm|,)\s*(\d{4}))?/giu,
    read: (m) => ({ day: +m[1]!, month: +m[2]!, year: m[3] ? +m[3] : undefined }),
  },
  {
    // Day first: "le 21 février 2025", "21 februari", "1er mars", "21st of May 2025".
    regex: new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})(?:er|e|st|nd|rd|th)?\\.?\\s+(?:of\\s+|de\\s+)?${MONTH}\\.?(?![\\p{L}])(?:,?\\s+(?:de\\s+)?(\\d{4})(?!\\d))?`,
      'giu',
    ),
    read: (m) => ({ day: +m[1]!, month: MONTHS[m[2]!.toLowerCase()]!, year: m[3] ? +m[3] : undefined }),
  },
  {
    // Month first: "February 21, 2025".
    regex: new RegExp(
      `(?<![\\p{L}])${MONTH}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s+(\\d{4})(?!\\d))?`,
      'giu',
    ),
    read: (m) => ({ month: MONTHS[m[1]!.toLowerCase()]!, day: +m[2]!, year: m[3] ? +m[3] : undefined }),
  },
];

/** Every date-like mention in a text, in order of appearance. */
function findDates(text: string, order: DateOrder): Found[] {
  const found: Found[] = [];
  for (const { regex, read } of PATTERNS) {
    regex.lastIndex = 0;
    for (let match = regex.exec(text); match; match = regex.exec(text)) {
      const date = read(match, order);
      if (isValid(date.year ?? 2000, date.month, date.day)) found.push({ index: match.index, ...date });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

function isValid(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses one date string in any supported format ('2025-02-21', '21/02/2025', '21 février 2025'); null otherwise. */
export function parseDate(text: string, order: DateOrder = 'DMY'): string | null {
  const date = findDates(text, order).find((found) => found.year !== undefined);
  return date ? iso(date.year!, date.month, date.day) : null;
}

/** How far into a document its date is looked for: the dateline and first sentences. */
const HEAD_CHARS = 1500;

export interface DateSources {
  /** From the format's metadata (front matter, HTML meta). */
  declared?: string;
  /** From removed date stamps and "date 2025-02" prefixes (see cleanText). */
  hints: string[];
  content: string;
  order: DateOrder;
}

/**
 * The publication date (YYYY-MM-DD): declared metadata, then a removed date stamp, then the first
 * date in the opening lines. A day and month without a year ("le 21 février") takes the year of a
 * partial hint ("date 2025-02") or of the nearest year mentioned in the opening lines.
 */
export function findPublishedDate({ declared, hints, content, order }: DateSources): string | null {
  if (declared) {
    const parsed = parseDate(declared, order);
    if (parsed) return parsed;
  }
  for (const hint of hints) {
    const parsed = parseDate(hint, order);
    if (parsed) return parsed;
  }
  const head = content.slice(0, HEAD_CHARS);
  const dates = findDates(head, order);
  const full = dates.find((date) => date.year !== undefined);
  if (full) return iso(full.year!, full.month, full.day);
  const partial = dates[0];
  if (!partial) return null;
  for (const hint of [...hints, ...(declared ? [declared] : [])]) {
    const yearMonth = /^(\d{4})-(\d{1,2})$/.exec(hint.trim());
    if (
      yearMonth &&
      +yearMonth[2]! === partial.month &&
      isValid(+yearMonth[1]!, partial.month, partial.day)
    ) {
      return iso(+yearMonth[1]!, partial.month, partial.day);
    }
  }
  let nearest: { year: number; distance: number } | undefined;
  for (const match of head.matchAll(/(?<!\d)(19\d\d|20\d\d)(?!\d)/g)) {
    const distance = Math.abs(match.index - partial.index);
    if (!nearest || distance < nearest.distance) nearest = { year: +match[1]!, distance };
  }
  if (nearest && isValid(nearest.year, partial.month, partial.day)) {
    return iso(nearest.year, partial.month, partial.day);
  }
  return null;
}

const TITLE_MAX = 120;

/**
 * A document's title: the format's own, else a short first line that reads like a headline, else
 * the first sentence shortened at a word boundary, else the file name.
 */
export function findTitle(content: string, declared: string | undefined, fallback: string): string {
  // Titles are shown in lists, receipts and citations: no bidi overrides to disguise them.
  const clean = declared && stripUnsafeCharacters(declared).replace(/\s+/g, ' ').trim();
  if (clean) return shorten(clean);
  const [first = '', ...rest] = content.split('\n');
  const line = stripUnsafeCharacters(first).replace(/\s+/g, ' ').trim();
  if (line.length >= 3 && line.length <= 200 && !/[.;:,]$/.test(line) && rest.some((other) => other.trim())) {
    return shorten(line);
  }
  const sentence = /^.+?[.!?。！？](?=\s|$)/su.exec(line)?.[0] ?? line;
  return sentence ? shorten(sentence) : stripUnsafeCharacters(fallback).trim();
}

function shorten(text: string): string {
  if (text.length <= TITLE_MAX) return text;
  const cut = text.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
