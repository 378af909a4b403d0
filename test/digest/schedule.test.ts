import { describe, expect, it } from 'vitest';
import {
  currentPeriodSoFar,
  lastRunAtOrBefore,
  nextRunAfter,
  parseScheduleArgs,
  periodFor,
} from '../../src/digest/schedule.ts';

const iso = (date: Date) => date.toISOString();

describe('parseScheduleArgs', () => {
  it('reads weekday, time and zone in English, French and Vietnamese', () => {
    expect(parseScheduleArgs('monday 09:00 Asia/Ho_Chi_Minh', 'Europe/Paris')).toEqual({
      ok: true,
      value: { weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' },
    });
    expect(parseScheduleArgs('Fri 9:05', 'Europe/Paris')).toEqual({
      ok: true,
      value: { weekday: 5, localTime: '09:05', tz: 'Europe/Paris' },
    });
    expect(parseScheduleArgs('lundi 9h30', 'UTC')).toMatchObject({
      value: { weekday: 1, localTime: '09:30' },
    });
    expect(parseScheduleArgs('thứ sáu 17h', 'UTC')).toMatchObject({
      value: { weekday: 5, localTime: '17:00' },
    });
    expect(parseScheduleArgs('Chủ nhật 00:30', 'UTC')).toMatchObject({
      value: { weekday: 7, localTime: '00:30' },
    });
  });

  it('defaults to Monday 09:00 in the default zone', () => {
    expect(parseScheduleArgs('  ', 'Asia/Ho_Chi_Minh')).toEqual({
      ok: true,
      value: { weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' },
    });
  });

  it('rejects a bad day, time or zone with an example', () => {
    for (const bad of [
      'someday 09:00',
      'monday 25:00',
      'monday 9:75',
      'monday 09:00 Mars/Olympus',
      'mon tue',
    ]) {
      const result = parseScheduleArgs(bad, 'UTC');
      expect(result.ok, bad).toBe(false);
      if (!result.ok) expect(result.message).toContain('Example: monday 09:00 Asia/Ho_Chi_Minh');
    }
  });
});

describe('nextRunAfter and periodFor', () => {
  const paris = { weekday: 1, localTime: '09:00', tz: 'Europe/Paris' };

  it('follows Paris wall-clock time across the March 2026 change (CET → CEST)', () => {
    // Monday 23 March 09:00 CET = 08:00Z; Sunday 29 March clocks go forward; Monday 30 March 09:00 CEST = 07:00Z.
    expect(iso(nextRunAfter(paris, new Date('2026-03-23T08:00:00Z')))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextRunAfter(paris, new Date('2026-03-23T07:59:59Z')))).toBe('2026-03-23T08:00:00.000Z');
    const period = periodFor(paris, new Date('2026-03-30T07:00:00Z'));
    expect([iso(period.start), iso(period.end)]).toEqual([
      '2026-03-23T08:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);
    // The week across the change is one hour short in absolute time.
    expect(period.end.getTime() - period.start.getTime()).toBe((7 * 24 - 1) * 3_600_000);
  });

  it('follows Paris wall-clock time across the October 2026 change (CEST → CET)', () => {
    expect(iso(nextRunAfter(paris, new Date('2026-10-19T07:00:00Z')))).toBe('2026-10-26T08:00:00.000Z');
    const period = periodFor(paris, new Date('2026-10-26T08:30:00Z'));
    expect([iso(period.start), iso(period.end)]).toEqual([
      '2026-10-19T07:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
    // Just before the run it is still the previous period.
    expect(iso(periodFor(paris, new Date('2026-10-26T07:59:00Z')).end)).toBe('2026-10-19T07:00:00.000Z');
  });

  it('handles a run inside the changes: Sunday 02:30 does not exist in March and is doubled in October', () => {
    const sunday = { weekday: 7, localTime: '02:30', tz: 'Europe/Paris' };
    // 29 March 02:30 does not exist: it moves forward by the gap to 03:30 CEST = 01:30Z.
    expect(iso(nextRunAfter(sunday, new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:30:00.000Z');
    // 25 October 02:30 happens twice: it runs once, at the second (CET, 01:30Z).
    const first = nextRunAfter(sunday, new Date('2026-10-24T12:00:00Z'));
    expect(iso(first)).toBe('2026-10-25T01:30:00.000Z');
    expect(iso(nextRunAfter(sunday, first))).toBe('2026-11-01T01:30:00.000Z');
  });

  it('uses Ho Chi Minh City time (UTC+7, no DST)', () => {
    const hcm = { weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' };
    expect(iso(nextRunAfter(hcm, new Date('2026-11-24T04:00:00Z')))).toBe('2026-11-30T02:00:00.000Z');
    expect(iso(lastRunAtOrBefore(hcm, new Date('2026-11-24T04:00:00Z')))).toBe('2026-11-23T02:00:00.000Z');
    const period = periodFor(hcm, new Date('2026-11-23T02:00:00Z'));
    expect(iso(period.start)).toBe('2026-11-16T02:00:00.000Z');
  });

  it('puts a 00:30 run on the right local day even when it is the previous day in UTC', () => {
    const early = { weekday: 1, localTime: '00:30', tz: 'Asia/Ho_Chi_Minh' };
    // Monday 30 November 00:30 in Hanoi is Sunday 29 November 17:30Z.
    expect(iso(nextRunAfter(early, new Date('2026-11-24T04:00:00Z')))).toBe('2026-11-29T17:30:00.000Z');
    expect(iso(nextRunAfter(early, new Date('2026-11-29T17:30:00Z')))).toBe('2026-12-06T17:30:00.000Z');
    const soFar = currentPeriodSoFar(early, new Date('2026-11-29T17:29:00Z'));
    expect(iso(soFar.start)).toBe('2026-11-22T17:30:00.000Z');
    expect(iso(soFar.end)).toBe('2026-11-29T17:29:00.000Z');
  });
});
