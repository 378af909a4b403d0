import type { WebClient } from '@slack/web-api';
import type { Reminder } from '../commitments/reminders.ts';
import { todayIn } from '../dates.ts';
import type { Logger } from '../log.ts';
import { reminderMessage } from './presenters/commitments.ts';
import { isSlackUserId } from './presenters/text.ts';

/** Sends a commitment reminder as a DM (with Done / Snooze) to an owner who is a Slack user. */
export function slackReminderSender(client: WebClient, logger: Logger) {
  return async (reminder: Reminder): Promise<void> => {
    if (!isSlackUserId(reminder.owner)) {
      logger.info(
        { owner: reminder.owner, commitment: reminder.commitment.id },
        'reminder owner is not a Slack user: not sent',
      );
      return;
    }
    const today = todayIn(reminder.commitment.tz, new Date());
    await client.chat.postMessage({
      channel: reminder.owner,
      ...reminderMessage(reminder.commitment, reminder.kind, today),
    });
  };
}
