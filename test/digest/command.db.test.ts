import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { runDigestCommand } from '../../src/digest/command.ts';
import { getSchedule } from '../../src/digest/service.ts';
import { digestCommandReply } from '../../src/slack/presenters/digest.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const testDb = useMigratedDatabase();
const context = (): AppContext => testContext(testDb().db, { DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh' });
const now = new Date('2026-11-24T04:00:00Z');
const run = (text: string) => runDigestCommand(context(), { channelId: 'C0CMD', userId: 'U0ME', text, now });

describe('/digest', () => {
  it('schedules, previews and turns off the channel digest', async () => {
    const scheduled = await run('schedule thứ sáu 17:00');
    expect(scheduled).toMatchObject({
      kind: 'scheduled',
      schedule: { weekday: 5, localTime: '17:00', tz: 'Asia/Ho_Chi_Minh' },
    });
    expect(await getSchedule(testContext(testDb().db), 'C0CMD')).toMatchObject({ weekday: 5, enabled: true });
    expect(digestCommandReply(scheduled).text).toBe(
      'Weekly digest for this channel: every Friday at 17:00 (Asia/Ho_Chi_Minh). Next: Fri 27 Nov 2026 17:00.',
    );

    const preview = await run('');
    if (preview.kind !== 'preview') throw new Error(`expected a preview, got ${preview.kind}`);
    // The preview covers the week since the last Friday 17:00 in Hanoi.
    expect(preview.digest.period.start.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    expect(preview.digest.quiet).toBe(true);

    expect(await run('off')).toEqual({ kind: 'off', turnedOff: true });
    expect(await run('OFF')).toEqual({ kind: 'off', turnedOff: false });
  });

  it('answers bad input with an example and changes nothing', async () => {
    const bad = await run('schedule someday 09:00');
    expect(bad.kind).toBe('usage');
    expect(digestCommandReply(bad).text).toContain('Example: monday 09:00 Asia/Ho_Chi_Minh');
    expect((await run('frobnicate')).kind).toBe('usage');
    expect(await getSchedule(testContext(testDb().db), 'C0CMD')).toMatchObject({
      weekday: 5,
      enabled: false,
    });
  });
});
