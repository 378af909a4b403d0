import type { App } from '@slack/bolt';
import { commitUsage, parseCommitment } from '../../../commitments/parse.ts';
import { createCommitment } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { commitmentMessage, loggedNote } from '../../presenters/commitments.ts';
import { usageMessage } from '../../presenters/usage.ts';

/** `/commit @owner do X by Friday`: parsed in the author's time zone, confirmed to the channel. */
export function register(app: App, deps: SlackDeps) {
  app.command('/commit', async ({ command, ack, respond, client }) => {
    // Ack before anything slow: users.info can take longer than the 3 s Slack waits for the ack.
    await ack();
    const zone = await deps.resolveTimeZone(client, command.user_id);
    const now = deps.now();
    const parsed = parseCommitment(command.text, {
      author: command.user_id,
      now,
      timeZone: zone.tz,
      dateOrder: deps.ctx.config.DATE_ORDER,
    });
    if (!parsed.ok) {
      await respond({
        response_type: 'ephemeral',
        ...usageMessage(parsed.error.message, commitUsage('slack')),
      });
      return;
    }
    const { commitment, created } = await createCommitment(deps.ctx, {
      parsed: parsed.value,
      createdBy: command.user_id,
      channelId: command.channel_id,
      sourceText: command.text,
      visibility: await deps.conversationVisibility(client, command.channel_id),
      // Slack retries a slow command with the same trigger id: one request, one commitment, one confirmation.
      idempotencyKey: `slack:${command.trigger_id}`,
    });
    // The first request already confirmed it to the channel: a repeat must not post it again.
    if (!created) {
      deps.ctx.logger.debug({ trigger: command.trigger_id, id: commitment.id }, 'repeated /commit ignored');
      return;
    }
    await respond({
      response_type: 'in_channel',
      ...commitmentMessage(commitment, todayIn(zone.tz, now), loggedNote(command.user_id, zone)),
    });
  });
}
