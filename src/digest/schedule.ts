import { DateTime, IANAZone } from 'luxon';

/** When a channel's weekly digest is posted: an ISO weekday and a wall-clock time in an IANA zone. */
export interface DigestSchedule {
  channelId: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Wall-clock time, HH:MM (24 h). */
  localTime: string;
  tz: string;
  enabled: boolean;
  /** When the schedule was last set: runs before it are never posted. */
  updatedAt?: Date;
}

export type ScheduleTiming = Pick<DigestSchedule, 'weekday' | 'localTime' | 'tz'>;

export interface Period {
  start: Date;
  end: Date;
}

export type ParsedSchedule = { ok: true; value: ScheduleTiming } | { ok: false; message: string };

const EXAMPLE = 'Example: monday 09:00 Asia/Ho_Chi_Minh (or: mon 9:00, lundi 9h30, thứ hai 08:00).';

// English, French and Vietnamese names; Vietnamese "thứ hai" is matched after joining the two words.
const WEEKDAYS: Record<string, number> = {
  monday: 1,
  mon: 1,
  lundi: 1,
  lun: 1,
  'thứ hai': 1,
  'thu hai': 1,
  t2: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  mardi: 2,
  mar: 2,
  'thứ ba': 2,
  'thu ba': 2,
  t3: 2,
  wednesday: 3,
  wed: 3,
  mercredi: 3,
  mer: 3,
  'thứ tư': 3,
  'thu tu': 3,
  t4: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  jeudi: 4,
  jeu: 4,
  'thứ năm': 4,
  'thu nam': 4,
  t5: 4,
  friday: 5,
  fri: 5,
  vendredi: 5,
  ven: 5,
  'thứ sáu': 5,
  'thu sau': 5,
  t6: 5,
  saturday: 6,
  sat: 6,
  samedi: 6,
  sam: 6,
  'thứ bảy': 6,
  'thu bay': 6,
  t7: 6,
  sunday: 7,
  sun: 7,
  dimanche: 7,
  dim: 7,
  'chủ nhật': 7,
  'chu nhat': 7,
  cn: 7,
};

const TIME = /^(\d{1,2})(?::(\d{2})|h(\d{2})?)$/;

/**
 * Reads "monday 09:00 Asia/Ho_Chi_Minh", "mon 9:00", "lundi 9h30" or "thứ hai 08:00" in any order;
 * missing parts default to Monday, 09:00 and defaultTz.
 */
export function parseScheduleArgs(text: string, defaultTz: string): ParsedSchedule {
  const tokens = text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const original = text.trim().split(/\s+/).filter(Boolean);
  let weekday: number | undefined;
  let localTime: string | undefined;
  let tz: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/,$/, '');
    const pair = i + 1 < tokens.length ? `${token} ${tokens[i + 1]}` : undefined;
    if (pair && WEEKDAYS[pair] !== undefined) {
      if (weekday !== undefined) return fail(`two weekdays given ('${pair}')`);
      weekday = WEEKDAYS[pair];
      i++;
      continue;
    }
    if (WEEKDAYS[token] !== undefined) {
      if (weekday !== undefined) return fail(`two weekdays given ('${token}')`);
      weekday = WEEKDAYS[token];
      continue;
    }
    const time = TIME.exec(token);
    if (time) {
      const hour = Number(time[1]);
      const minute = Number(time[2] ?? time[3] ?? 0);
      if (hour > 23 || minute > 59) return fail(`'${token}' is not a time of day (00:00 to 23:59)`);
      if (localTime !== undefined) return fail(`two times given ('${token}')`);
      localTime = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
      continue;
    }
    if (token.includes('/') || token === 'utc') {
      const zone = original[i]!;
      if (!IANAZone.isValidZone(zone)) return fail(`'${zone}' is not an IANA time zone`);
      tz = zone;
      continue;
    }
    return fail(`'${original[i]}' is not a weekday, a time (HH:MM) or a time zone (Area/City)`);
  }
  const zone = tz ?? defaultTz;
  if (!IANAZone.isValidZone(zone)) return fail(`'${zone}' is not an IANA time zone`);
  return { ok: true, value: { weekday: weekday ?? 1, localTime: localTime ?? '09:00', tz: zone } };
}

function fail(problem: string): ParsedSchedule {
  return { ok: false, message: `${problem}. ${EXAMPLE}` };
}

/**
 * The scheduled instant in the schedule's zone on a given local date. A time that does not exist
 * (spring-forward gap) moves forward by the gap, as luxon does; a repeated time (fall-back) is the
 * second of the two instants (standard time). Either way there is exactly one run that day.
 */
function runOn(schedule: ScheduleTiming, day: DateTime): DateTime {
  const [hour, minute] = schedule.localTime.split(':').map(Number) as [number, number];
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: schedule.tz },
  );
}

function localDay(schedule: ScheduleTiming, instant: Date): DateTime {
  const local = DateTime.fromJSDate(instant, { zone: schedule.tz });
  if (!local.isValid) throw new RangeError(`invalid time zone '${schedule.tz}'`);
  return local.startOf('day');
}

/** The first scheduled run strictly after instant. */
export function nextRunAfter(schedule: ScheduleTiming, instant: Date): Date {
  const today = localDay(schedule, instant);
  for (let offset = 0; offset <= 8; offset++) {
    const day = today.plus({ days: offset });
    if (day.weekday !== schedule.weekday) continue;
    const run = runOn(schedule, day);
    if (run.toMillis() > instant.getTime()) return run.toJSDate();
  }
  throw new RangeError('no run found within eight days');
}

/** The latest scheduled run at or before instant. */
export function lastRunAtOrBefore(schedule: ScheduleTiming, instant: Date): Date {
  const today = localDay(schedule, instant);
  for (let offset = 0; offset <= 8; offset++) {
    const day = today.minus({ days: offset });
    if (day.weekday !== schedule.weekday) continue;
    const run = runOn(schedule, day);
    if (run.toMillis() <= instant.getTime()) return run.toJSDate();
  }
  throw new RangeError('no run found within eight days');
}

/** The week the digest posted at the latest run ≤ instant covers: from the run before it to that run. */
export function periodFor(schedule: ScheduleTiming, instant: Date): Period {
  const end = lastRunAtOrBefore(schedule, instant);
  return { start: lastRunAtOrBefore(schedule, new Date(end.getTime() - 1)), end };
}

/** The period in progress, for previews: from the latest run ≤ instant up to instant. */
export function currentPeriodSoFar(schedule: ScheduleTiming, instant: Date): Period {
  return { start: lastRunAtOrBefore(schedule, instant), end: instant };
}
