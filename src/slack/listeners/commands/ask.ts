import type { App } from '@slack/bolt';
import { answerQuestion } from '../../../answer/index.ts';
import { answerFailure, questionFromText } from '../../answer-flow.ts';
import type { SlackDeps } from '../../deps.ts';
import { answerMessage, searchingMessage } from '../../presenters/answer.ts';
import { HOW_TO_ASK } from '../../presenters/home.ts';
import { usageMessage } from '../../presenters/usage.ts';

/** `/ask <question>`: acknowledged at once with a placeholder, answered ephemerally with "Share in channel". */
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
    await ack({ response_type: 'ephemeral', ...searchingMessage() });
    try {
      const answer = await answerQuestion(deps.ctx, question, {
        channelId: command.channel_id,
        askedBy: command.user_id,
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: true,
        ...answerMessage(answer, { ephemeral: true }),
      });
    } catch (error) {
      const failed = answerFailure(deps, error, { channel: command.channel_id, question });
      await respond({ response_type: 'ephemeral', replace_original: true, ...failed });
    }
  });
}
