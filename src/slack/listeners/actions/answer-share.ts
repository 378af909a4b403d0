import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { getQuestion, reopenedAnswer } from '../../../answer/questions.ts';
import { missingDocumentIds } from '../../../db/document-removals.ts';
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
      // A document removed since the answer was given is named as removed, its quote no longer shown.
      const citations = question.citations as (AnswerSource & { document_id?: number })[];
      const removed = await missingDocumentIds(
        deps.ctx.db.pool,
        citations.flatMap((citation) =>
          typeof citation.document_id === 'number' ? [citation.document_id] : [],
        ),
      );
      // A cited commitment shows its status now: done or cancelled since the answer, it says so.
      const now = await reopenedAnswer(deps.ctx, question);
      const message = answerMessage(
        {
          answer: `*${question.question}*\n${now.answer}`,
          abstained: question.abstained,
          citations: citations.map((citation) => ({
            ...citation,
            removed: citation.document_id !== undefined && removed.has(citation.document_id),
          })),
          commitments: now.commitments,
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
