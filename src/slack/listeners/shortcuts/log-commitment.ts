import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../deps.ts';
import { logCommitmentModal } from '../../presenters/commitments.ts';

export const LOG_COMMITMENT_SHORTCUT = 'log_commitment';

/** Message shortcut "Log as commitment": a modal prefilled with the message and its permalink. */
export function register(app: App, deps: SlackDeps) {
  app.shortcut<MessageShortcut>(LOG_COMMITMENT_SHORTCUT, async ({ ack, shortcut, client }) => {
    await ack();
    let permalink: string | null = null;
    try {
      const link = await client.chat.getPermalink({
        channel: shortcut.channel.id,
        message_ts: shortcut.message.ts,
      });
      permalink = link.permalink ?? null;
    } catch (error) {
      deps.ctx.logger.warn(
        { err: error, channel: shortcut.channel.id },
        'no permalink for the shortcut message',
      );
    }
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: logCommitmentModal(shortcut.message.text ?? '', { channelId: shortcut.channel.id, permalink }),
    });
  });
}
