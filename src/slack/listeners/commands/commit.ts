import type { App } from '@slack/bolt';
import { commitUsage, parseCommitment } from '../../../commitments/parse.ts';
import { createCommitment } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { commitmentMessage } from '../../presenters/commitments.ts';
import { usageMessage } from '../../presenters/usage.ts';

/** `/commit @owner do X by Friday`: parsed in the author's time zone, confirmed to the channel. */
export function register(app: App, deps: SlackDeps) {
  app.command('/commit', async ({ command, ack, respond, client }) => {
    const tz = await deps.userTimeZone(client, command.user_id);
    const now = deps.now();
    const parsed = parseCommitment(command.text, {
      author: command.user_id,
      now,
      timeZone: tz,
      dateOrder: deps.ctx.config.DATE_ORDER,
    });
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', ...usageMessage(parsed.error.message, commitUsage('slack')) });
      return;
    }
    await ack();
    const { commitment } = await createCommitment(deps.ctx.db.pool, {
      parsed: parsed.value,
      createdBy: command.user_id,
      channelId: command.channel_id,
      // Slack retries a slow command with the same trigger id: one request, one commitment.
      idempotencyKey: `slack:${command.trigger_id}`,
    });
    await respond({
      response_type: 'in_channel',
      ...commitmentMessage(commitment, todayIn(tz, now), `Logged by <@${command.user_id}>`),
    });
  });
}
