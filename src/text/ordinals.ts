import { fold } from './fold.ts';
import { lookBackSpans, partsOfYear } from './years.ts';

/**
 * Ordinals across the corpus languages, read as values: "second" = "deuxième" = "andra" = "thứ hai" =
 * "第二" = "2nd" = "2e" = "2:a" are all 2. Used to compare "the 14th conference" with "第十四次会议"
 * and to tell "for the third time" from "pour la deuxième fois".
 */

const WORDS: Record<string, number> = {};
function add(forms: string, from = 1): void {
  forms.split(' ').forEach((form, index) => {
    for (const variant of form.split('/')) WORDS[fold(variant)] = from + index;
  });
}
add(
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth ' +
    'fifteenth sixteenth seventeenth eighteenth nineteenth twentieth',
);
add(
  'premier/premiere/1er/1re deuxieme/second/seconde troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme ' +
    'dixieme onzieme douzieme treizieme quatorzieme quinzieme seizieme dix-septieme dix-huitieme dix-neuvieme vingtieme',
);
add(
  'forsta andra tredje fjarde femte sjatte sjunde attonde nionde tionde elfte tolfte trettonde fjortonde ' +
    'femtonde sextonde sjuttonde artonde nittonde tjugonde',
);

/** Vietnamese number words after "thứ", folded ("tư" and "bốn" are 4, "lăm" is 5 after ten, "mốt" 1). */
const VI_UNITS: Record<string, number> = {
  nhat: 1,
  mot: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  lam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
};

/** "thứ mười bốn" = 14, "thứ hai mươi mốt" = 21, "thứ tư" = 4: the value of the words after "thứ". */
function vietnameseNumber(words: string[]): number | undefined {
  const [first, second, third] = words.map(fold);
  if (first === 'muoi') return 10 + (second ? (VI_UNITS[second] ?? 0) : 0);
  const unit = VI_UNITS[first ?? ''];
  if (unit === undefined) return undefined;
  if (second === 'muoi') return unit * 10 + (third ? (VI_UNITS[third] ?? 0) : 0);
  return unit;
}

const VI_NUMBER_WORD = '(?:mười|mươi|một|mốt|hai|ba|bốn|tư|năm|lăm|sáu|bảy|tám|chín|nhất)';
const VIETNAMESE_ORDINAL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:l[aầ]n\\s+)?th[uứ]\\s+(?:(\\d{1,3})|(${VI_NUMBER_WORD}(?:\\s+${VI_NUMBER_WORD}){0,2}))(?![\\p{L}\\p{N}])`,
  'giu',
);

const HAN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A Chinese numeral up to 99 ("十四" = 14, "二十" = 20, "二十一" = 21), or null. */
export function hanNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const match = text.match(/^([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)$/u);
  if (!match || text === '') return null;
  const [, tens, ten, units] = match;
  if (!ten) return tens ? HAN_DIGITS[tens]! : null;
  return (tens ? HAN_DIGITS[tens]! : 1) * 10 + (units ? HAN_DIGITS[units]! : 0);
}

export interface OrdinalMatch {
  value: number;
  start: number;
  end: number;
}

const LATIN_ORDINAL =
  /(?<![\p{L}\p{N}])(?:(\d{1,3})(?:st|nd|rd|th|:e|:a|\s?(?:e|eme|ème|er|re|ère))|([\p{L}-]+))(?![\p{L}\p{N}])/giu;
const HAN_ORDINAL = /第\s*([〇零一二两三四五六七八九十\d]+)/gu;
/** "First" without a number: Vietnamese "đầu tiên", "lần đầu"; Chinese 首次, 首届, 首个. */
const FIRST = /(?<![\p{L}])(?:lần đầu tiên|đầu tiên|lần đầu)(?![\p{L}])|首(?=次|届|个|批|家|位|趟|场)/giu;

/** Every ordinal written in the text with its value and offsets. */
export function ordinalsIn(text: string): OrdinalMatch[] {
  const found: OrdinalMatch[] = [];
  for (const match of text.matchAll(HAN_ORDINAL)) {
    const value = hanNumber(match[1]!);
    if (value !== null) found.push({ value, start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(FIRST)) {
    found.push({ value: 1, start: match.index, end: match.index + match[0].length });
  }
  for (const match of text.matchAll(VIETNAMESE_ORDINAL)) {
    const [whole, digits, words] = match;
    const value = digits ? Number(digits) : vietnameseNumber(words!.split(/\s+/));
    if (value !== undefined) found.push({ value, start: match.index, end: match.index + whole.length });
  }
  for (const match of text.matchAll(LATIN_ORDINAL)) {
    const [whole, digits, word] = match;
    let value: number | undefined;
    if (digits) value = Number(digits);
    else if (word) value = WORDS[fold(word)];
    // "second" as a unit of time is rare in minutes; "andra" also means "other" in Swedish: only as a
    // value before a noun it is an ordinal, which the caller's context decides. Both are kept.
    if (value !== undefined) found.push({ value, start: match.index, end: match.index + whole.length });
  }
  // "The first seven months", "quý I", "前7个月": parts of a year, not ordinals of a meeting or body.
  const parts = found.length > 0 ? partsOfYear(text) : [];
  return found
    .filter((match) => !parts.some(([from, to]) => match.start >= from && match.start < to))
    .sort((a, b) => a.start - b.start);
}

/** The text with the given ordinals (by default all of them) blanked to spaces, offsets kept. */
export function withoutOrdinals(text: string, ordinals: OrdinalMatch[] = ordinalsIn(text)): string {
  let out = text;
  for (const ordinal of ordinals)
    out = out.slice(0, ordinal.start) + ' '.repeat(ordinal.end - ordinal.start) + out.slice(ordinal.end);
  return out;
}

/** Whether a single word is an ordinal by itself ("second", "deuxième", "16th", "16e"), folded or not. */
export function isOrdinalWord(word: string): boolean {
  const folded = fold(word);
  return WORDS[folded] !== undefined || /^\d{1,3}(?:st|nd|rd|th|e|eme|er|re)$/.test(folded);
}

/** The ordinal values of a text. */
export function ordinalValues(text: string): number[] {
  return [...new Set(ordinalsIn(text).map((match) => match.value))];
}

/**
 * The ordinals a text names only as a starting point it looks back to ("since the 8th meeting", "kể từ
 * Phiên họp thứ 8"): every mention of the value is inside a look-back clause (lookBackSpans). `found`:
 * the text's ordinalsIn, when the caller has them.
 */
export function backgroundOrdinals(text: string, found: OrdinalMatch[] = ordinalsIn(text)): Set<number> {
  if (found.length === 0) return new Set();
  const spans = lookBackSpans(text);
  if (spans.length === 0) return new Set();
  const inside = (match: OrdinalMatch) => spans.some(([from, to]) => match.start >= from && match.start < to);
  const values = new Set(found.map((match) => match.value));
  return new Set([...values].filter((value) => found.filter((match) => match.value === value).every(inside)));
}
