import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { startJobs } from '../../src/jobs/boss.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const testDb = useMigratedDatabase();

describe('startJobs', () => {
  it('runs a handler from its queue, schedules it every minute, and stops gracefully', async () => {
    const { db, url } = testDb();
    const ctx: AppContext = testContext(db, url ? { DATABASE_URL: url } : {});
    let runs = 0;
    let ran!: () => void;
    const done = new Promise<void>((resolve) => {
      ran = resolve;
    });
    const jobs = await startJobs(ctx, {
      'test-tick': async () => {
        runs += 1;
        ran();
      },
      'test-daily': { cron: '17 3 * * *', run: async () => undefined },
    });
    try {
      const schedules = await jobs.boss.getSchedules('test-tick');
      expect(schedules.map((schedule) => schedule.cron)).toEqual(['* * * * *']);
      const daily = await jobs.boss.getSchedules('test-daily');
      expect(daily.map((schedule) => schedule.cron)).toEqual(['17 3 * * *']);
      // The cron would wait for the next minute; send a job to the queue directly.
      await jobs.boss.send('test-tick', {});
      await done;
      expect(runs).toBe(1);
    } finally {
      await jobs.stop();
    }
    // The database is still usable by the app after pg-boss stopped.
    const { rows } = await db.pool.query<{ one: number }>('SELECT 1 AS one');
    expect(rows[0]!.one).toBe(1);
  });
});
