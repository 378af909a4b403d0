import { fromPglite, PgBoss } from 'pg-boss';
import type { AppContext } from '../context.ts';
import { reportQueueDepthWith } from '../metrics.ts';

export interface StartJobsOptions {
  /** Cron of the handlers given without their own; once a minute by default. */
  cron?: string;
}

/** A job: a function run on the default schedule, or with its own cron (UTC). */
export type JobHandler = (() => Promise<void>) | { run: () => Promise<void>; cron: string };

/**
 * Runs each handler as a pg-boss queue on Minutebook's own database (its tables live in the pgboss
 * schema): a cron schedule sends one job per tick across all replicas, and one worker runs it.
 * Handlers must be safe to run concurrently on two replicas anyway (digests claim their rows).
 */
export async function startJobs(
  ctx: AppContext,
  handlers: Record<string, JobHandler>,
  options: StartJobsOptions = {},
): Promise<{ stop(): Promise<void>; boss: PgBoss }> {
  const cron = options.cron ?? '* * * * *';
  let boss: PgBoss;
  if (ctx.db.backend === 'pglite') {
    if (!ctx.db.pglite) throw new Error('embedded database without its PGlite instance');
    boss = new PgBoss({ db: fromPglite(ctx.db.pglite), backend: 'pglite' });
  } else {
    if (!ctx.config.DATABASE_URL) throw new Error('native database without DATABASE_URL');
    boss = new PgBoss({ connectionString: ctx.config.DATABASE_URL, max: 4 });
  }
  boss.on('error', (error: unknown) => ctx.logger.error({ err: error }, 'pg-boss error'));
  await boss.start();
  for (const [name, job] of Object.entries(handlers)) {
    const handler = typeof job === 'function' ? job : job.run;
    // A singleton queue keeps one tick of each job active at a time, even with a slow handler.
    await boss.createQueue(name, { policy: 'singleton', retryLimit: 0, expireInSeconds: 300 });
    await boss.schedule(name, typeof job === 'function' ? cron : job.cron, null, { tz: 'UTC' });
    await boss.work(name, async () => {
      const started = Date.now();
      try {
        await handler();
      } catch (error) {
        ctx.logger.error({ err: error, job: name }, 'job failed');
        throw error;
      }
      ctx.logger.debug({ job: name, ms: Date.now() - started }, 'job done');
    });
  }
  const names = Object.keys(handlers);
  reportQueueDepthWith(async () =>
    Object.fromEntries((await boss.getQueues(names)).map((queue) => [queue.name, queue.queuedCount])),
  );
  return {
    boss,
    async stop() {
      reportQueueDepthWith(undefined);
      await boss.stop({ graceful: true, timeout: 30_000, close: true });
    },
  };
}
