import { DateTime, IANAZone } from 'luxon';
import type { AppContext } from '../context.ts';
import {
  claimReminder,
  type ReminderKind,
  releaseReminder,
  selectOpenCommitmentsDueBetween,
} from '../db/commitments.ts';
import { remindersSentTotal } from '../metrics.ts';
import type { Commitment } from './service.ts';

export interface Reminder {
  commitment: Commitment;
  /** A Slack user id, or 'subteam:S…' for a user group. */
  owner: string;
  kind: ReminderKind;
}

export interface SendDueRemindersOptions {
  /** The tick's instant. */
  now: Date;
  send: (reminder: Reminder) => Promise<void>;
}

/**
 * Sends the reminders due at `now`: one per owner from the reminder hour of the working day before
 * the due date until the due date, and one on the first day overdue. Each is claimed in
 * commitment_reminders before sending, so concurrent workers never send one twice; a failed send
 * gives its claim back for the next tick. The reminder hour is REMINDER_HOUR, local to each commitment;
 * a stored time zone that is not a valid IANA zone counts as DEFAULT_TIMEZONE.
 */
export async function sendDueReminders(
  ctx: AppContext,
  options: SendDueRemindersOptions,
): Promise<{ sent: number; failed: number }> {
  const pool = ctx.db.pool;
  const timing = {
    now: options.now,
    reminderHour: ctx.config.REMINDER_HOUR,
    defaultTimeZone: ctx.config.DEFAULT_TIMEZONE,
  };
  const utcToday = DateTime.fromJSDate(options.now, { zone: 'UTC' }).startOf('day');
  // Wide enough for any zone's "today" and a Friday reminder about a Monday.
  const candidates = await selectOpenCommitmentsDueBetween(
    pool,
    utcToday.minus({ days: 2 }).toISODate() ?? '',
    utcToday.plus({ days: 5 }).toISODate() ?? '',
  );
  let sent = 0;
  let failed = 0;
  for (const commitment of candidates) {
    const kind = reminderKind(commitment, timing);
    if (!kind || !commitment.dueOn) continue;
    for (const owner of commitment.owners) {
      const claim = { commitmentId: commitment.id, owner, kind, dueOn: commitment.dueOn };
      if (!(await claimReminder(pool, claim))) continue;
      try {
        await options.send({ commitment, owner, kind });
        sent += 1;
        remindersSentTotal.inc({ outcome: 'sent' });
      } catch (error) {
        failed += 1;
        remindersSentTotal.inc({ outcome: 'failed' });
        ctx.logger.error(
          { err: error, commitmentId: commitment.id, owner, kind },
          'reminder not sent; it will be retried on the next tick',
        );
        await releaseReminder(pool, claim);
      }
    }
  }
  if (sent + failed > 0) ctx.logger.info({ sent, failed }, 'commitment reminders');
  return { sent, failed };
}

function reminderKind(
  commitment: Commitment,
  options: { now: Date; reminderHour: number; defaultTimeZone: string },
): ReminderKind | null {
  if (!commitment.dueOn) return null;
  const zone = IANAZone.isValidZone(commitment.tz) ? commitment.tz : options.defaultTimeZone;
  const now = DateTime.fromJSDate(options.now, { zone });
  const due = DateTime.fromISO(commitment.dueOn, { zone });
  const atReminderHour = (day: DateTime) => day.set({ hour: options.reminderHour, minute: 0, second: 0 });
  const firstOverdueDay = due.plus({ days: 1 });
  if (now >= atReminderHour(firstOverdueDay) && now < firstOverdueDay.plus({ days: 1 })) return 'overdue';
  if (now >= atReminderHour(workingDayBefore(due)) && now < due) return 'due_soon';
  return null;
}

/** Friday for a Saturday, Sunday or Monday due date; otherwise the day before. */
function workingDayBefore(day: DateTime): DateTime {
  let previous = day.minus({ days: 1 });
  while (previous.weekday > 5) previous = previous.minus({ days: 1 });
  return previous;
}
