import type { App } from '@slack/bolt';
import {
  CommitmentNotFoundError,
  editCommitment,
  getCommitment,
  StaleCommitmentError,
} from '../../../commitments/service.ts';
import type { SlackDeps } from '../../deps.ts';
import { COMMITMENT_MODAL, parseCommitmentRef } from '../../presenters/commitments.ts';
import { isSlackUserId } from '../../presenters/text.ts';

type Values = Record<
  string,
  Record<string, { value?: string | null; selected_users?: string[]; selected_date?: string | null }>
>;

/** Saves the Edit modal; a stale version (someone changed it meanwhile) is shown as a form error. */
export function register(app: App, deps: SlackDeps) {
  app.view(COMMITMENT_MODAL.edit, async ({ ack, view, body }) => {
    const ref = parseCommitmentRef(view.private_metadata);
    const values = view.state.values as Values;
    const title = values[COMMITMENT_MODAL.blocks.title]?.value?.value?.trim() ?? '';
    const owners = values[COMMITMENT_MODAL.blocks.owners]?.value?.selected_users ?? [];
    const dueOn = values[COMMITMENT_MODAL.blocks.due]?.value?.selected_date ?? null;
    if (!ref) {
      await ack();
      return;
    }
    if (!title) {
      await ack({
        response_action: 'errors',
        errors: { [COMMITMENT_MODAL.blocks.title]: 'Say what has to be done.' },
      });
      return;
    }
    const current = await getCommitment(deps.ctx.db.pool, ref.id);
    // The user picker shows Slack users only: group and named owners are kept as they were.
    const kept = (current?.owners ?? []).filter((owner) => !isSlackUserId(owner));
    if (owners.length + kept.length === 0) {
      await ack({
        response_action: 'errors',
        errors: { [COMMITMENT_MODAL.blocks.owners]: 'Pick at least one owner.' },
      });
      return;
    }
    try {
      await editCommitment(
        deps.ctx.db.pool,
        ref.id,
        body.user.id,
        { title, owners: [...owners, ...kept], dueOn },
        ref.version,
      );
      await ack();
    } catch (error) {
      if (error instanceof StaleCommitmentError || error instanceof CommitmentNotFoundError) {
        await ack({ response_action: 'errors', errors: { [COMMITMENT_MODAL.blocks.title]: error.message } });
        return;
      }
      throw error;
    }
  });
}
