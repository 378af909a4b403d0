import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ParsedCommitment } from '../../src/commitments/parse.ts';
import { type Reminder, sendDueReminders } from '../../src/commitments/reminders.ts';
import { completeCommitment, createCommitment } from '../../src/commitments/service.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/pool.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();

function parsed(overrides: Partial<ParsedCommitment>): ParsedCommitment {
  return {
    title: 'prepare the border meeting',
    owners: ['U1'],
    dueOn: null,
    tz: 'UTC',
    dueText: null,
    ...overrides,
  };
}

function recorder() {
  const sent: Reminder[] = [];
  const errors: unknown[] = [];
  return {
    sent,
    errors,
    /** A context on the database whose logger keeps the error lines (REMINDER_HOUR 9 by default). */
    context: (db: Database, env: Record<string, string> = {}): AppContext => ({
      ...testContext(db, env),
      logger: pino({ level: 'error' }, { write: (line: string) => errors.push(line) }),
    }),
    send: async (reminder: Reminder) => {
      sent.push(reminder);
    },
  };
}

async function tick(now: string, record: ReturnType<typeof recorder>, send = record.send) {
  return sendDueReminders(record.context(database().db), { now: new Date(now), send });
}

describe('sendDueReminders', () => {
  it('reminds each owner at 09:00 local on the Friday before a Monday, and once on the first day overdue', async () => {
    const ctx = testContext(database().db);
    // Monday 30 November 2026, Hanoi (UTC+7): 09:00 there is 02:00 UTC.
    const { commitment } = await createCommitment(ctx, {
      parsed: parsed({ owners: ['U1', 'subteam:S1'], dueOn: '2026-11-30', tz: 'Asia/Ho_Chi_Minh' }),
      createdBy: 'U0',
    });
    const record = recorder();
    const kinds = () => record.sent.map((each) => `${each.commitment.id}:${each.owner}:${each.kind}`);
    expect(await tick('2026-11-26T02:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-11-27T01:59:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-11-27T02:00:00Z', record)).toEqual({ sent: 2, failed: 0 });
    expect(await tick('2026-11-27T05:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-11-28T02:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-11-30T10:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-12-01T01:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2026-12-01T02:00:00Z', record)).toEqual({ sent: 2, failed: 0 });
    expect(await tick('2026-12-01T16:00:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(kinds()).toEqual([
      `${commitment.id}:U1:due_soon`,
      `${commitment.id}:subteam:S1:due_soon`,
      `${commitment.id}:U1:overdue`,
      `${commitment.id}:subteam:S1:overdue`,
    ]);
    expect(record.errors).toEqual([]);
  });

  it('uses the local hour across the Paris DST change and skips done commitments', async () => {
    const ctx = testContext(database().db);
    // Paris leaves summer time on Sunday 31 October 2027; due Tuesday 2 November, reminded Monday 1 November.
    const paris = await createCommitment(ctx, {
      parsed: parsed({ owners: ['UP'], dueOn: '2027-11-02', tz: 'Europe/Paris' }),
      createdBy: 'U0',
    });
    const finished = await createCommitment(ctx, {
      parsed: parsed({ owners: ['UD'], dueOn: '2027-11-02', tz: 'Europe/Paris' }),
      createdBy: 'U0',
    });
    await completeCommitment(ctx, finished.commitment.id, 'UD');
    const record = recorder();
    // 09:00 in Paris on Monday 1 November (UTC+1 after the change) is 08:00 UTC.
    expect(await tick('2027-11-01T07:59:00Z', record)).toEqual({ sent: 0, failed: 0 });
    expect(await tick('2027-11-01T08:00:00Z', record)).toEqual({ sent: 1, failed: 0 });
    expect(record.sent[0]).toMatchObject({
      owner: 'UP',
      kind: 'due_soon',
      commitment: { id: paris.commitment.id },
    });
  });

  it('gives a failed send back, logs it, and retries it on the next tick', async () => {
    const ctx = testContext(database().db);
    await createCommitment(ctx, {
      parsed: parsed({ owners: ['UOK', 'UFAIL'], dueOn: '2028-03-01', tz: 'UTC' }),
      createdBy: 'U0',
    });
    const record = recorder();
    const flaky = async (reminder: Reminder) => {
      if (reminder.owner === 'UFAIL') throw new Error('slack is down');
      await record.send(reminder);
    };
    expect(await tick('2028-03-02T09:00:00Z', record, flaky)).toEqual({ sent: 1, failed: 1 });
    expect(record.errors).toHaveLength(1);
    expect(JSON.stringify(record.errors[0])).toContain('UFAIL');
    expect(await tick('2028-03-02T10:00:00Z', record)).toEqual({ sent: 1, failed: 0 });
    expect(record.sent.map((each) => each.owner)).toEqual(['UOK', 'UFAIL']);
  });

  it('sends each reminder exactly once with two workers ticking at the same time', async () => {
    const testDb = database();
    const owners = ['UA', 'UB', 'UC'];
    for (let i = 0; i < 20; i++) {
      await createCommitment(testContext(testDb.db), {
        parsed: parsed({ title: `race ${i}`, owners, dueOn: '2029-05-15', tz: 'UTC' }),
        createdBy: 'U0',
      });
    }
    const other = testDb.backend === 'postgres' ? await testDb.openAnother() : testDb.db;
    const record = recorder();
    const slowSend = async (reminder: Reminder) => {
      await sleep(2);
      await record.send(reminder);
    };
    const now = new Date('2029-05-14T09:30:00Z');
    const run = (db: Database) =>
      sendDueReminders(record.context(db, { DEFAULT_TIMEZONE: 'UTC' }), { now, send: slowSend });
    const results = await Promise.all([run(testDb.db), run(other), run(testDb.db), run(other)]);
    expect(results.reduce((total, result) => total + result.sent, 0)).toBe(60);
    const keys = record.sent.map((each) => `${each.commitment.id}:${each.owner}:${each.kind}`);
    expect(keys).toHaveLength(60);
    expect(new Set(keys).size).toBe(60);
    const { rows } = await testDb.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM commitment_reminders WHERE due_on = '2029-05-15'",
    );
    expect(rows[0]?.n).toBe(60);
  });
});
