import { ingestSamplesIfEmpty } from '../ingest/index.ts';
import type { CliCommand } from './types.ts';

/** Resolves on the first SIGINT or SIGTERM. */
function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const onSignal = (signal: string) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  usage: 'minutebook serve',
  options: {},
  async run({ io, context }) {
    const ctx = await context();
    const consoleMode = !ctx.config.SLACK_BOT_TOKEN;
    // In the terminal chat, routine info lines would interleave with answers: show warnings and errors only.
    if (consoleMode && ctx.logger.level === 'info') ctx.logger.level = 'warn';
    const seeded = await ingestSamplesIfEmpty(ctx);
    if (seeded) {
      const ingested = seeded.filter((report) => report.status === 'ingested').length;
      ctx.logger.info({ ingested, dir: ctx.config.SAMPLES_DIR }, 'first start: sample documents ingested');
    }
    if (consoleMode) {
      // The console never loads Bolt, pg-boss or the Slack code (≈ 30 MB of heap and 0.5 s to import).
      const { runConsole } = await import('../console/index.ts');
      return runConsole(ctx, { input: process.stdin, output: process.stdout, seeded });
    }
    const [
      { startJobs },
      { scheduledJobs },
      { guardProcess },
      { createSlackApp },
      { slackDigestPoster },
      { slackReminderSender },
    ] = await Promise.all([
      import('../jobs/boss.ts'),
      import('../jobs/table.ts'),
      import('../process-guards.ts'),
      import('../slack/app.ts'),
      import('../slack/digest-poster.ts'),
      import('../slack/reminders.ts'),
    ]);
    const guards = guardProcess(ctx.logger);
    const slack = createSlackApp(ctx);
    const client = slack.app.client;
    const jobs = await startJobs(
      ctx,
      scheduledJobs(ctx, {
        postDigest: slackDigestPoster(client),
        sendReminder: slackReminderSender(client, ctx.logger),
      }),
    );
    const { port } = await slack.start();
    io.err(
      ctx.config.SLACK_APP_TOKEN
        ? 'Minutebook is connected to Slack (Socket Mode). Ctrl-C stops it.'
        : `Minutebook listens on port ${port}: /slack/events, /healthz, /readyz. Ctrl-C stops it.`,
    );
    const reason = await Promise.race([shutdownSignal(), guards.fatal]);
    const failed = reason instanceof Error;
    ctx.logger.info(
      { reason: failed ? 'uncaught exception' : reason },
      'shutting down: finishing in-flight work',
    );
    await slack.stop();
    await jobs.stop();
    guards.dispose();
    return failed ? 1 : 0;
  },
};
