import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { stripUnsafeCharacters } from '../text/unsafe-characters.ts';

export interface ParseContext {
  /** Slack user id or CLI name; the owner when the text names none. */
  author: string;
  /** The instant the commitment was said; relative dates resolve against it. */
  now: Date;
  /** IANA zone of the author. */
  timeZone: string;
  /** How numeric dates such as 05/12/2026 are read. */
  dateOrder: 'DMY' | 'MDY';
}

export interface ParsedCommitment {
  title: string;
  /** Slack user ids ('U123'), user groups ('subteam:S123'), or the author when none is named. */
  owners: string[];
  /** YYYY-MM-DD in tz. */
  dueOn: string | null;
  tz: string;
  /** The date phrase understood, e.g. "by Friday". */
  dueText: string | null;
}

export type CommitmentParseError = {
  code: 'usage' | 'too_long' | 'past_due' | 'bad_date';
  message: string;
};

export type ParseResult = { ok: true; value: ParsedCommitment } | { ok: false; error: CommitmentParseError };

export const MAX_COMMITMENT_LENGTH = 1000;

/**
 * How to write a commitment. Owners are shown as the surface receives them: Slack turns a typed
 * @name into <@U…>, while the console and the CLI take plain @name.
 */
export function commitUsage(mentions: 'slack' | 'plain'): string {
  const [first, second] = mentions === 'slack' ? ['<@U024BE7LH>', '<@U0G9QF9C6>'] : ['@lan', '@minh'];
  return [
    'Write what will be done, who owns it (@mentions; yourself when none) and optionally when:',
    `  ${first} send the draft MoU on smart border gates to Guangxi FAO by Friday`,
    '  book the interpreters for the Lang Son meeting by 15 Dec',
    `  ${first} ${second} circulate the minutes in 2 weeks`,
    '  envoyer le compte rendu avant le 5 décembre',
    '  gửi dự thảo biên bản trước ngày 10/12',
    'Dates understood: tomorrow, by Friday, next Tuesday, 15 Dec, end of month, in 2 weeks, 2026-12-05,',
    "05/12/2026, demain, d'ici vendredi, fin du mois, ngày 5 tháng 12, thứ Sáu, thứ 6, cuối tháng.",
  ].join('\n');
}

/** A date phrase found in the text: where it is and the calendar day it names. */
interface DateCandidate {
  index: number;
  length: number;
  /** Naming a deadline ("by", "avant", "trước"…) makes a phrase win over a bare date in the title. */
  prefixed: boolean;
  date: DateTime | 'invalid';
}

// Slack user ids start with U or W; user groups are <!subteam^S…>.
const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;
const SUBTEAM_MENTION = /<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>/g;
const SPECIAL_MENTION = /<!(here|channel|everyone)(?:\|[^>]*)?>/g;
// Outside Slack (console, CLI) owners are written @name; an e-mail address or @channel is not an owner.
const PLAIN_MENTION =
  /(^|\s)@(?!(?:here|channel|everyone)\b)([\p{L}\p{N}_][\p{L}\p{N}._-]{0,63})(?=$|[\s,;:!?])/gu;
const CHANNEL_REF = /<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g;
const LINK = /<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>/g;
// Placeholders for links while dates are searched, so URLs never read as dates; no digits inside.
const PLACEHOLDER = /\uE000([\uE100-\uEFFF])\uE001/g;

const DEADLINE_PREFIX = String.raw`(?<!\p{L})(?:(?:due|by|before|until|no later than|on|avant(?: le)?|d'ici(?: le| à| au)?|d’ici(?: le| à| au)?|pour(?: le)?|au plus tard le|le|jusqu'au|trước(?: ngày)?|hạn(?: chót)?(?: ngày)?|vào(?: ngày)?|đến(?: ngày)?|chậm nhất(?: ngày)?|trong(?: vòng)?|ngày)\s+)`;
const PREFIX_AT_END = new RegExp(`${DEADLINE_PREFIX}$`, 'iu');

const VI_WEEKDAYS: Record<string, number> = {
  hai: 1,
  '2': 1,
  ba: 2,
  '3': 2,
  tư: 3,
  '4': 3,
  năm: 4,
  '5': 4,
  sáu: 5,
  '6': 5,
  bảy: 6,
  '7': 6,
};

/** Parses a /commit text into a title, owners and due date, or says what is wrong with it. */
export function parseCommitment(text: string, context: ParseContext): ParseResult {
  const cleaned = stripUnsafeCharacters(text.normalize('NFC')).replace(/\s+/g, ' ').trim();
  // Usage errors say what is missing; each surface shows commitUsage() after them in its own way.
  if (cleaned === '') return failure('usage', 'Nothing to record.');
  if (cleaned.length > MAX_COMMITMENT_LENGTH) return tooLong(cleaned.length);

  const owners: string[] = [];
  const addOwner = (owner: string) => {
    if (!owners.includes(owner)) owners.push(owner);
  };
  const links: string[] = [];
  const hold = (readable: string) => {
    links.push(readable);
    return `\uE000${String.fromCharCode(0xe100 + links.length - 1)}\uE001`;
  };
  const masked = cleaned
    .replace(USER_MENTION, (_, id: string) => {
      addOwner(id);
      return ' ';
    })
    .replace(SUBTEAM_MENTION, (_, id: string) => {
      addOwner(`subteam:${id}`);
      return ' ';
    })
    .replace(PLAIN_MENTION, (_, space: string, name: string) => {
      addOwner(name.replace(/\.$/, ''));
      return `${space} `;
    })
    .replace(SPECIAL_MENTION, (_, name: string) => hold(`@${name}`))
    .replace(CHANNEL_REF, (_, id: string, name?: string) => hold(`#${name || id}`))
    .replace(LINK, (_, url: string, label?: string) =>
      hold(!label || label === url.replace(/^mailto:/, '') ? (label ?? url) : `${label} (${url})`),
    );

  const local = DateTime.fromJSDate(context.now, { zone: context.timeZone });
  if (!local.isValid) return failure('bad_date', `Unknown time zone ${context.timeZone}.`);
  // Dates are calendar days: all arithmetic happens on UTC midnights, so DST never shifts a day.
  const today = DateTime.utc(local.year, local.month, local.day);
  const candidate = pickDate(findDates(masked, today, context.dateOrder));

  let rest = masked;
  let dueOn: string | null = null;
  let dueText: string | null = null;
  if (candidate) {
    const phrase = masked.slice(candidate.index, candidate.index + candidate.length);
    if (candidate.date === 'invalid') {
      return failure('bad_date', `"${phrase.trim()}" is not a date on the calendar. ${DATE_HINT}`);
    }
    if (candidate.date < today) {
      return failure(
        'past_due',
        `The due date understood from "${phrase.trim()}" is ${describe(candidate.date)}, which is in the past ` +
          `(today is ${describe(today)} in ${context.timeZone}). Give a date from today on.`,
      );
    }
    dueOn = candidate.date.toISODate();
    dueText = phrase.trim();
    rest = `${masked.slice(0, candidate.index)} ${masked.slice(candidate.index + candidate.length)}`;
  }

  const title = tidyTitle(
    rest.replace(PLACEHOLDER, (_, code: string) => links[code.charCodeAt(0) - 0xe100] ?? ''),
  );
  if (title === '') return failure('usage', 'Say what will be done, not only who and when.');
  if (title.length > MAX_COMMITMENT_LENGTH) return tooLong(title.length);
  if (owners.length === 0) owners.push(context.author);
  return { ok: true, value: { title, owners, dueOn, tz: context.timeZone, dueText } };
}

const DATE_HINT = 'Try "by Friday", "15 Dec", "2026-12-05" or "in 2 weeks".';

function failure(code: CommitmentParseError['code'], message: string): ParseResult {
  return { ok: false, error: { code, message } };
}

function tooLong(length: number): ParseResult {
  return failure(
    'too_long',
    `A commitment is at most ${MAX_COMMITMENT_LENGTH} characters (this one has ${length}). ` +
      'Shorten it and link to the details.',
  );
}

function describe(date: DateTime): string {
  return `${date.setLocale('en-GB').toFormat('cccc d LLLL yyyy')} (${date.toISODate()})`;
}

/** Slack escapes &, < and > in message text; titles are stored as people typed them. */
function tidyTitle(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/^[\s,;:]+|(?:\s+[–—-]+|[\s,:])+$/g, '')
    .trim();
}

/** The phrase naming a deadline wins; among equals, the last one (deadlines come at the end). */
function pickDate(candidates: DateCandidate[]): DateCandidate | undefined {
  const prefixed = candidates.filter((each) => each.prefixed);
  const pool = prefixed.length > 0 ? prefixed : candidates;
  return pool.sort((a, b) => a.index - b.index).at(-1);
}

function findDates(text: string, today: DateTime, dateOrder: 'DMY' | 'MDY'): DateCandidate[] {
  const found: DateCandidate[] = [];
  const skipped: { index: number; length: number }[] = [];
  const overlaps = (index: number, length: number) =>
    [...found, ...skipped].some((each) => index < each.index + each.length && each.index < index + length);
  const add = (index: number, length: number, date: DateTime | 'invalid') => {
    if (overlaps(index, length)) return;
    // Extend the phrase over a preceding deadline word so "by Friday" leaves the title whole.
    const before = text.slice(0, index);
    const prefix = PREFIX_AT_END.exec(before);
    const start = prefix ? index - prefix[0].length : index;
    found.push({ index: start, length: length + (index - start), prefixed: prefix !== null, date });
  };

  for (const match of text.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) {
    add(match.index, match[0].length, calendarDate(Number(match[1]), Number(match[2]), Number(match[3])));
  }
  // Vietnamese always writes the day first.
  for (const match of text.matchAll(
    /(?<![\p{L}\d])ngày\s+(\d{1,2})(?:\s+tháng\s+|\/|-)(\d{1,2})(?:(?:\s+năm\s+|\/|-)(\d{4}))?(?![\d/])/giu,
  )) {
    const date = match[3]
      ? calendarDate(Number(match[3]), Number(match[2]), Number(match[1]))
      : yearless(today, Number(match[2]), Number(match[1]));
    add(match.index, match[0].length, date);
  }
  for (const match of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g)) {
    const [first, second] = [Number(match[1]), Number(match[2])];
    const [day, month] = dateOrder === 'DMY' ? [first, second] : [second, first];
    const year = match[3] ? (match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3])) : undefined;
    if (year) add(match.index, match[0].length, calendarDate(year, month, day));
    // Without a year, "4/5" is as likely a fraction or a section number as a date: only a deadline
    // word ("by 4/5", "trước 30/11") makes it one.
    else if (PREFIX_AT_END.test(text.slice(0, match.index)))
      add(match.index, match[0].length, yearless(today, month, day));
    else skipped.push({ index: match.index, length: match[0].length });
  }
  for (const match of text.matchAll(
    /(?<!\p{L})(?:thứ\s+(hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)(?:\s+(tuần\s+(?:sau|tới)|này))?(?!\p{L})/giu,
  )) {
    const weekday = match[1] ? VI_WEEKDAYS[match[1].toLowerCase()] : 7;
    if (weekday === undefined) continue;
    const nextWeek = match[2]?.toLowerCase().startsWith('tuần');
    const date = nextWeek
      ? today.startOf('week').plus({ weeks: 1, days: weekday - 1 })
      : today.plus({ days: (weekday - today.weekday + 7) % 7 });
    add(match.index, match[0].length, date);
  }
  for (const match of text.matchAll(
    /(?<!\p{L})(?:(?:the )?end of (?:the |this )?month|(?:la )?fin (?:du|de ce) mois|cuối tháng(?: này)?)(?!\p{L})/giu,
  )) {
    add(match.index, match[0].length, today.endOf('month').startOf('day'));
  }
  for (const match of text.matchAll(
    /(?<!\p{L})(?:(?:the )?end of (?:the |this )?week|this week|(?:la )?fin de (?:la )?semaine|cette semaine|cuối tuần(?: này)?|tuần này)(?!\p{L})/giu,
  )) {
    // A working week: the end of the week is its Friday (today when already past it).
    const friday = today.plus({ days: 5 - today.weekday });
    add(match.index, match[0].length, friday < today ? today : friday);
  }
  for (const match of text.matchAll(
    /(?<!\p{L})(?:trong(?: vòng)?\s+(\d{1,3})\s+(ngày|tuần|tháng)(?: tới| nữa)?|(\d{1,3})\s+(ngày|tuần|tháng)\s+nữa)(?!\p{L})/giu,
  )) {
    const amount = Number(match[1] ?? match[3]);
    const unit = { ngày: 'days', tuần: 'weeks', tháng: 'months' }[(match[2] ?? match[4] ?? '').toLowerCase()];
    if (unit) add(match.index, match[0].length, today.plus({ [unit]: amount }));
  }
  for (const match of text.matchAll(/(?<!\p{L})(hôm nay|ngày mai|ngày kia)(?!\p{L})/giu)) {
    const days = { 'hôm nay': 0, 'ngày mai': 1, 'ngày kia': 2 }[(match[1] ?? '').toLowerCase()] ?? 0;
    add(match.index, match[0].length, today.plus({ days }));
  }
  for (const match of text.matchAll(
    /(?<!\p{L})(?:eod|(?:the )?end of (?:the )?day|(?:la )?fin de (?:la )?journée|cuối ngày(?: hôm nay)?)(?!\p{L})/giu,
  )) {
    add(match.index, match[0].length, today);
  }

  // chrono reads the rest in English and French. Its reference is a local-time noon on the author's
  // calendar day, so the process's own time zone never shifts the day.
  const reference = new Date(today.year, today.month - 1, today.day, 12);
  for (const parser of [chrono.en.casual, chrono.fr.casual]) {
    for (const result of parser.parse(text, reference, { forwardDate: true })) {
      // A match ending inside a word ("5 d" of "5 décembre" read as English) is not a date phrase.
      if (/\p{L}/u.test(text.charAt(result.index + result.text.length))) continue;
      const start = result.start;
      const relative = start.isCertain('year') && !start.isCertain('day');
      if (!start.isCertain('day') && !start.isCertain('weekday') && !relative) continue;
      const month = start.get('month') ?? today.month;
      const day = start.get('day') ?? today.day;
      const date =
        start.isCertain('day') && start.isCertain('month') && !start.isCertain('year')
          ? yearless(today, month, day)
          : calendarDate(start.get('year') ?? today.year, month, day);
      add(result.index, result.text.length, date);
    }
  }
  return found;
}

function calendarDate(year: number, month: number, day: number): DateTime | 'invalid' {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });
  return date.isValid ? date : 'invalid';
}

/**
 * A day and month without a year: this year, unless that is more than six months ago (said in
 * December about January). A date a few days ago stays in this year so it is reported as past.
 */
function yearless(today: DateTime, month: number, day: number): DateTime | 'invalid' {
  const thisYear = calendarDate(today.year, month, day);
  if (thisYear === 'invalid') return calendarDate(today.year + 1, month, day);
  return thisYear < today.minus({ months: 6 }) ? calendarDate(today.year + 1, month, day) : thisYear;
}
