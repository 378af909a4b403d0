import type { App, BlockAction, ButtonAction, OverflowAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import {
  type Commitment,
  CommitmentError,
  CommitmentNotFoundError,
  completeCommitment,
  getCommitment,
  reopenCommitment,
  snoozeCommitment,
} from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';
import {
  type ChangeNote,
  COMMITMENT_ACTIONS,
  commitmentMessage,
  editCommitmentModal,
  parseCommitmentRef,
} from '../../presenters/commitments.ts';
import { formatDate } from '../../presenters/text.ts';

/**
 * Where a button was clicked: a message (channel, DM or ephemeral list), answered through its
 * response_url, or the App Home, which has no response_url and is republished instead.
 */
type Surface = { kind: 'message'; respond: RespondFn } | { kind: 'home' };

function surfaceOf(body: BlockAction, respond: RespondFn | undefined): Surface | null {
  if (body.container?.type === 'view' && body.view?.type === 'home') return { kind: 'home' };
  return respond ? { kind: 'message', respond } : null;
}

interface Outcome {
  /** The commitment's state to show in place of the clicked message (or in the Home tab). */
  commitment?: Commitment | null;
  /** Context line under the refreshed message. */
  note?: ChangeNote;
  /** Said to the clicker only: an ephemeral reply, or the top line of the Home tab. */
  notice?: string;
}

interface Transition {
  actionId: string;
  /** Applies the change to the current version; returns it unchanged when there was nothing to do. */
  apply(current: Commitment, userId: string): Promise<Commitment>;
  done(commitment: Commitment, userId: string): { note: ChangeNote; homeNotice: string };
  already(commitment: Commitment): string;
}

/**
 * Done / Reopen / Snooze / Edit on a commitment, from a message or the App Home. A button applies to
 * the commitment as it is now, not to the version the (possibly old) message showed: an edit or snooze
 * made meanwhile is no conflict. A click that no longer makes sense (already done, cancelled) is
 * refused with the reason, and the clicked surface is refreshed to the current state either way.
 */
export function register(app: App, deps: SlackDeps) {
  const show = async (surface: Surface, client: WebClient, userId: string, outcome: Outcome) => {
    if (surface.kind === 'home') {
      await publishHome(deps, client, userId, outcome.notice);
      return;
    }
    if (outcome.commitment) {
      const today = todayIn(await deps.userTimeZone(client, userId), deps.now());
      await surface.respond({
        replace_original: true,
        ...commitmentMessage(outcome.commitment, today, outcome.note),
      });
    }
    if (outcome.notice) {
      await surface.respond({ response_type: 'ephemeral', replace_original: false, text: outcome.notice });
    }
  };

  const run = async (
    transition: Transition,
    surface: Surface,
    client: WebClient,
    userId: string,
    id: number,
  ) => {
    let outcome: Outcome;
    try {
      const current = await getCommitment(deps.ctx, id);
      if (!current) throw new CommitmentNotFoundError(id);
      const changed = await transition.apply(current, userId);
      if (changed.version === current.version) {
        outcome = { commitment: changed, notice: transition.already(changed) };
      } else {
        const { note, homeNotice } = transition.done(changed, userId);
        outcome = { commitment: changed, note, ...(surface.kind === 'home' ? { notice: homeNotice } : {}) };
      }
    } catch (error) {
      if (error instanceof CommitmentError) {
        outcome = { commitment: await getCommitment(deps.ctx, id), notice: error.message };
      } else {
        deps.ctx.logger.error({ err: error, userId, commitmentId: id }, 'commitment action failed');
        outcome = { notice: 'Sorry, that did not work. Please try again.' };
      }
    }
    await show(surface, client, userId, outcome);
  };

  // Each change passes the version just read: a change landing in between is refused, not overwritten.
  const transitions: Transition[] = [
    {
      actionId: COMMITMENT_ACTIONS.done,
      apply: (current, userId) => completeCommitment(deps.ctx, current.id, userId, current.version),
      done: (commitment, userId) => ({
        note: { label: 'Done: marked by', by: userId },
        homeNotice: `:white_check_mark: #${commitment.id} marked done.`,
      }),
      already: (commitment) => `Commitment #${commitment.id} is already done.`,
    },
    {
      actionId: COMMITMENT_ACTIONS.reopen,
      apply: (current, userId) => reopenCommitment(deps.ctx, current.id, userId, current.version),
      done: (commitment, userId) => ({
        note: { label: 'Reopened by', by: userId },
        homeNotice: `#${commitment.id} reopened.`,
      }),
      already: (commitment) => `Commitment #${commitment.id} is already open.`,
    },
  ];
  for (const transition of transitions) {
    app.action<BlockAction<ButtonAction>>(
      transition.actionId,
      async ({ ack, action, body, respond, client }) => {
        await ack();
        const ref = parseCommitmentRef(action.value ?? '');
        const surface = surfaceOf(body, respond);
        if (!ref || !surface) return;
        await run(transition, surface, client, body.user.id, ref.id);
      },
    );
  }

  app.action<BlockAction<OverflowAction>>(
    COMMITMENT_ACTIONS.snooze,
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const value = action.selected_option.value;
      const ref = parseCommitmentRef(value);
      const days = Number(value.split(':')[2]);
      const surface = surfaceOf(body, respond);
      if (!ref || !Number.isInteger(days) || !surface) return;
      await run(
        {
          actionId: COMMITMENT_ACTIONS.snooze,
          apply: (current, userId) =>
            snoozeCommitment(deps.ctx, current.id, userId, { days }, current.version, deps.now()),
          done: (commitment, userId) => ({
            note: { label: 'Snoozed by', by: userId },
            homeNotice: `:zzz: #${commitment.id} snoozed to ${formatDate(commitment.dueOn!)}.`,
          }),
          already: (commitment) =>
            `Commitment #${commitment.id} is already due ${formatDate(commitment.dueOn!)}.`,
        },
        surface,
        client,
        body.user.id,
        ref.id,
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    COMMITMENT_ACTIONS.edit,
    async ({ ack, action, body, client, respond }) => {
      await ack();
      const ref = parseCommitmentRef(action.value ?? '');
      const surface = surfaceOf(body, respond);
      if (!ref || !surface) return;
      // The modal starts from the current version, whatever the clicked message showed.
      const commitment = await getCommitment(deps.ctx, ref.id);
      if (!commitment) {
        await show(surface, client, body.user.id, { notice: `Commitment #${ref.id} no longer exists.` });
        return;
      }
      const origin = surface.kind === 'home' ? { home: true } : { responseUrl: body.response_url };
      await client.views.open({ trigger_id: body.trigger_id, view: editCommitmentModal(commitment, origin) });
    },
  );
}
