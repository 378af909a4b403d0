import type { App } from '@slack/bolt';
import { runDigestCommand } from '../../../digest/command.ts';
import type { SlackDeps } from '../../deps.ts';
import { digestCommandReply } from '../../presenters/digest.ts';

/** `/digest preview|schedule <day> <HH:MM> [zone]|off` for the current channel; replies only to the caller. */
export function register(app: App, deps: SlackDeps) {
  app.command('/digest', async ({ command, ack, respond }) => {
    await ack();
    const result = await runDigestCommand(deps.ctx, {
      channelId: command.channel_id,
      userId: command.user_id,
      text: command.text,
      now: deps.now(),
    });
    await respond({ response_type: 'ephemeral', ...digestCommandReply(result) });
  });
}
