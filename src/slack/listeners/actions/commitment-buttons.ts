import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import {
  type Commitment,
  CommitmentNotFoundError,
  completeCommitment,
  getCommitment,
  reopenCommitment,
  StaleCommitmentError,
  snoozeCommitment,
} from '../../../commitments/service.ts';
import { addDays, todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import {
  type ChangeNote,
  COMMITMENT_ACTIONS,
  commitmentMessage,
  editCommitmentModal,
  parseCommitmentRef,
} from '../../presenters/commitments.ts';

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/**
 * Done / Reopen / Snooze / Edit on a commitment message. Each button carries the version the user saw:
 * a click on a stale message is refused with the current state instead of overwriting someone's change.
 */
export function register(app: App, deps: SlackDeps) {
  const pool = deps.ctx.db.pool;
  const update = async (
    respond: Respond,
    userId: string,
    tz: string,
    change: () => Promise<Commitment>,
    note: ChangeNote,
  ) => {
    const today = todayIn(tz, deps.now());
    try {
      const commitment = await change();
      await respond({ replace_original: true, ...commitmentMessage(commitment, today, note) });
    } catch (error) {
      if (error instanceof StaleCommitmentError || error instanceof CommitmentNotFoundError) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: error.message });
        return;
      }
      deps.ctx.logger.error({ err: error, userId }, 'commitment action failed');
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: 'Sorry, that did not work. Please try again.',
      });
    }
  };

  const transitions = [
    { actionId: COMMITMENT_ACTIONS.done, apply: completeCommitment, note: 'Done: marked by' },
    { actionId: COMMITMENT_ACTIONS.reopen, apply: reopenCommitment, note: 'Reopened by' },
  ];
  for (const { actionId, apply, note } of transitions) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, action, body, respond, client }) => {
      await ack();
      const ref = parseCommitmentRef(action.value ?? '');
      if (!ref) return;
      const tz = await deps.userTimeZone(client, body.user.id);
      await update(respond, body.user.id, tz, () => apply(pool, ref.id, body.user.id, ref.version), {
        label: note,
        by: body.user.id,
      });
    });
  }

  app.action<BlockAction<OverflowAction>>(
    COMMITMENT_ACTIONS.snooze,
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const value = action.selected_option.value;
      const ref = parseCommitmentRef(value);
      const days = Number(value.split(':')[2]);
      if (!ref || !Number.isInteger(days)) return;
      const tz = await deps.userTimeZone(client, body.user.id);
      const today = todayIn(tz, deps.now());
      await update(
        respond,
        body.user.id,
        tz,
        async () => {
          const current = await getCommitment(pool, ref.id);
          // Snoozing moves the due date forward from whichever is later: today or the current due date.
          const base = current?.dueOn && current.dueOn > today ? current.dueOn : today;
          return snoozeCommitment(pool, ref.id, body.user.id, addDays(base, days), ref.version);
        },
        { label: 'Snoozed by', by: body.user.id },
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    COMMITMENT_ACTIONS.edit,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const ref = parseCommitmentRef(action.value ?? '');
      if (!ref) return;
      const commitment = await getCommitment(pool, ref.id);
      if (!commitment) {
        await respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: `Commitment #${ref.id} no longer exists.`,
        });
        return;
      }
      await client.views.open({ trigger_id: body.trigger_id, view: editCommitmentModal(commitment) });
    },
  );
}
