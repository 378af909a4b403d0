import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { getQuestion } from '../../../answer/questions.ts';
import type { SlackDeps } from '../../deps.ts';
import { ANSWER_ACTIONS, type AnswerSource, answerMessage } from '../../presenters/answer.ts';

/** "Share in channel" under an ephemeral /ask answer: posts the stored answer for everyone. */
export function register(app: App, deps: SlackDeps) {
  app.action<BlockAction<ButtonAction>>(
    ANSWER_ACTIONS.share,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const question = await getQuestion(deps.ctx, Number(action.value));
      const channel = body.channel?.id;
      if (!question?.answer || !channel) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: 'This answer is no longer available.',
        });
        return;
      }
      const message = answerMessage(
        {
          answer: `*${question.question}*\n${question.answer}`,
          abstained: question.abstained,
          citations: question.citations as AnswerSource[],
          nearest: [],
          notice: null,
          questionId: question.id,
        },
        { sharedBy: body.user.id },
      );
      await client.chat.postMessage({ channel, ...message });
      await respond({ delete_original: true });
    },
  );
}
