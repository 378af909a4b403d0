import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import {
  acceptCommitment,
  CommitmentChangeError,
  cancelCommitment,
  getCommitment,
  StaleCommitmentError,
} from '../../../commitments/service.ts';
import type { SlackDeps } from '../../deps.ts';
import { parseCommitmentRef } from '../../presenters/commitments.ts';
import { PROPOSAL_ACTIONS } from '../../presenters/proposals.ts';
import { escapeSlack } from '../../presenters/text.ts';

/** Accept / Dismiss on a commitment proposed from shared minutes (Edit is the commitments' own Edit button). */
export function register(app: App, deps: SlackDeps) {
  for (const [actionId, apply, done] of [
    [PROPOSAL_ACTIONS.accept, acceptCommitment, 'Accepted: now an open commitment'],
    [PROPOSAL_ACTIONS.dismiss, cancelCommitment, 'Dismissed: not tracked'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond }) => {
      await ack();
      const reply = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
      const ref = parseCommitmentRef(action.value ?? '');
      const proposal = ref && (await getCommitment(deps.ctx, ref.id));
      if (!ref || !proposal) {
        await reply('This proposal no longer exists.');
        return;
      }
      // The proposal was offered to the person who shared the minutes; only they decide on it here.
      if (proposal.createdBy !== body.user.id) {
        await reply(
          `Only <@${proposal.createdBy}>, who shared the minutes, can accept or dismiss #${proposal.id} here.`,
        );
        return;
      }
      try {
        // Applies to the proposal as it is now (an Edit in between changed its version, not the decision).
        const changed = await apply(deps.ctx, ref.id, body.user.id);
        await reply(`${done} — #${changed.id} ${escapeSlack(changed.title)}`);
      } catch (error) {
        if (!(error instanceof CommitmentChangeError || error instanceof StaleCommitmentError)) throw error;
        await reply(escapeSlack(error.message));
      }
    });
  }
}
