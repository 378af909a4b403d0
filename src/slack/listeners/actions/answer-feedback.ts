import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { recordFeedback } from '../../../answer/index.ts';
import type { SlackDeps } from '../../deps.ts';
import { ANSWER_ACTIONS, feedbackThanks } from '../../presenters/answer.ts';

/** 👍 / 👎 under an answer: one vote per person (a new click replaces theirs), acknowledged only to them. */
export function register(app: App, deps: SlackDeps) {
  for (const [actionId, value] of [
    [ANSWER_ACTIONS.helpful, 1],
    [ANSWER_ACTIONS.unhelpful, -1],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const questionId = Number(action.value);
      if (!Number.isInteger(questionId)) return;
      const tally = await recordFeedback(deps.ctx.db.pool, questionId, body.user.id, value);
      await respond({ response_type: 'ephemeral', replace_original: false, ...feedbackThanks(value, tally) });
    });
  }
}
