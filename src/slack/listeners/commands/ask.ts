import type { App } from '@slack/bolt';
import { answerQuestion } from '../../../answer/index.ts';
import { answerFailure, questionFromText } from '../../answer-flow.ts';
import type { SlackDeps } from '../../deps.ts';
import { answerMessage, busyMessage, notAnsweredMessage, searchingMessage } from '../../presenters/answer.ts';
import { HOW_TO_ASK } from '../../presenters/home.ts';
import { usageMessage } from '../../presenters/usage.ts';

/**
 * `/ask <question>`: acknowledged at once with a placeholder (saying when the question is queued, or
 * that Minutebook is too busy), answered ephemerally with "Share in channel" in its turn.
 */
export function register(app: App, deps: SlackDeps) {
  app.command('/ask', async ({ command, ack, respond }) => {
    const question = questionFromText(command.text);
    if (!question) {
      await ack({
        response_type: 'ephemeral',
        ...usageMessage('Please add a question.', `Usage: /ask <question>\n${HOW_TO_ASK}`),
      });
      return;
    }
    const ticket = deps.answerQueue.reserve();
    if (!ticket) {
      await ack({ response_type: 'ephemeral', ...busyMessage(deps.answerQueue.waiting) });
      return;
    }
    try {
      await ack({ response_type: 'ephemeral', ...searchingMessage(ticket.position) });
    } catch (error) {
      ticket.release();
      throw error;
    }
    const reply = async (message: { text: string; blocks?: object[] }) => {
      await respond({ response_type: 'ephemeral', replace_original: true, ...message });
    };
    await ticket.run(
      async () => {
        try {
          const answer = await answerQuestion(deps.ctx, question, {
            channelId: command.channel_id,
            askedBy: command.user_id,
          });
          await reply(answerMessage(answer, { ephemeral: true }));
        } catch (error) {
          await reply(answerFailure(deps, error, { channel: command.channel_id, question }));
        }
      },
      () => reply(notAnsweredMessage()),
    );
  });
}
