import type { App } from '@slack/bolt';
import { questionFromText } from '../../answer-flow.ts';
import { BRIEF_USAGE, briefForSlack } from '../../brief-flow.ts';
import type { SlackDeps } from '../../deps.ts';
import { busyMessage, notAnsweredMessage } from '../../presenters/answer.ts';
import { usageMessage } from '../../presenters/usage.ts';

/** `/brief <counterpart or topic>`: a cited meeting dossier, private to the asker, in one or more messages. */
export function register(app: App, deps: SlackDeps) {
  app.command('/brief', async ({ command, ack, respond, client }) => {
    const subject = questionFromText(command.text);
    if (!subject) {
      await ack({
        response_type: 'ephemeral',
        ...usageMessage('Please name a counterpart or a topic.', BRIEF_USAGE),
      });
      return;
    }
    const ticket = deps.answerQueue.reserve();
    if (!ticket) {
      await ack({ response_type: 'ephemeral', ...busyMessage(deps.answerQueue.waiting) });
      return;
    }
    const queued = ticket.position > 0 ? ` (many requests at once: number ${ticket.position} in line)` : '';
    try {
      await ack({
        response_type: 'ephemeral',
        text: `Preparing the brief on ${subject.replace(/[<>&]/g, '')}…${queued}`,
      });
    } catch (error) {
      ticket.release();
      throw error;
    }
    await ticket.run(
      async () => {
        const messages = await briefForSlack(deps, client, {
          subject,
          text: subject,
          userId: command.user_id,
          channelId: command.channel_id,
        });
        for (const [index, message] of messages.entries()) {
          await respond({ response_type: 'ephemeral', replace_original: index === 0, ...message });
        }
      },
      async () => {
        await respond({ response_type: 'ephemeral', replace_original: true, ...notAnsweredMessage() });
      },
    );
  });
}
