import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { recordFeedback } from '../../../answer/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { ANSWER_ACTIONS } from '../../presenters/answer.ts';

/** 👍 / 👎 under an answer: stored on the question, acknowledged only to the clicker. */
export function register(app: App, deps: SlackDeps) {
  for (const [actionId, value] of [
    [ANSWER_ACTIONS.helpful, 1],
    [ANSWER_ACTIONS.unhelpful, -1],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const questionId = Number(action.value);
      if (!Number.isInteger(questionId)) return;
      await recordFeedback(deps.ctx.db.pool, questionId, body.user.id, value);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text:
          value === 1
            ? 'Thanks, glad it helped.'
            : 'Thanks: this answer is flagged for the secretariat to review.',
      });
    });
  }
}
