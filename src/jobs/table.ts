import { type Reminder, sendDueReminders } from '../commitments/reminders.ts';
import type { AppContext } from '../context.ts';
import { pruneSlackEvents } from '../db/slack-events.ts';
import { digestTick, type PostDigest } from '../digest/service.ts';
import type { JobHandler } from './boss.ts';

/**
 * The jobs of `minutebook serve`: digest posting and commitment reminders every minute, and a nightly
 * prune of the Slack event ids. The surface supplies how a digest is posted and a reminder sent.
 */
export function scheduledJobs(
  ctx: AppContext,
  deliver: { postDigest: PostDigest; sendReminder: (reminder: Reminder) => Promise<void> },
): Record<string, JobHandler> {
  return {
    'digest-tick': digestTick(ctx, { post: deliver.postDigest }),
    // Slack retries an event within minutes; a week of event ids is plenty to recognise retries.
    'prune-slack-events': {
      cron: '17 3 * * *',
      run: async () => {
        const pruned = await pruneSlackEvents(ctx.db.pool, 7);
        ctx.logger.info({ pruned }, 'old Slack event ids pruned');
      },
    },
    'reminders-tick': async () => {
      await sendDueReminders(ctx, { now: new Date(), send: deliver.sendReminder });
    },
  };
}
