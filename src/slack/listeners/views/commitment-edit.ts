import type { App } from '@slack/bolt';
import { CommitmentError, editCommitment, getCommitment } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { publishHome } from '../../home.ts';
import { COMMITMENT_MODAL, commitmentMessage, parseEditMetadata } from '../../presenters/commitments.ts';
import { isSlackUserId } from '../../presenters/text.ts';
import { replaceMessage } from '../../response-url.ts';

type Values = Record<
  string,
  Record<string, { value?: string | null; selected_users?: string[]; selected_date?: string | null }>
>;

/**
 * Saves the Edit modal; a stale version (someone changed it meanwhile) is shown as a form error. After
 * saving, the message or Home tab the modal was opened from is refreshed, so its buttons are current.
 */
export function register(app: App, deps: SlackDeps) {
  app.view(COMMITMENT_MODAL.edit, async ({ ack, view, body, client }) => {
    const ref = parseEditMetadata(view.private_metadata);
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
    const current = await getCommitment(deps.ctx, ref.id);
    // The user picker shows Slack users only: group and named owners are kept as they were.
    const kept = (current?.owners ?? []).filter((owner) => !isSlackUserId(owner));
    if (owners.length + kept.length === 0) {
      await ack({
        response_action: 'errors',
        errors: { [COMMITMENT_MODAL.blocks.owners]: 'Pick at least one owner.' },
      });
      return;
    }
    let edited: Awaited<ReturnType<typeof editCommitment>>;
    try {
      edited = await editCommitment(
        deps.ctx,
        ref.id,
        body.user.id,
        { title, owners: [...owners, ...kept], dueOn },
        ref.version,
      );
    } catch (error) {
      if (error instanceof CommitmentError) {
        await ack({ response_action: 'errors', errors: { [COMMITMENT_MODAL.blocks.title]: error.message } });
        return;
      }
      throw error;
    }
    await ack();
    if (ref.origin.home) {
      await publishHome(deps, client, body.user.id, `#${edited.id} saved.`);
    } else if (ref.origin.responseUrl) {
      const today = todayIn(await deps.userTimeZone(client, body.user.id), deps.now());
      const message = commitmentMessage(edited, today, { label: 'Edited by', by: body.user.id });
      try {
        await replaceMessage(ref.origin.responseUrl, message, deps.ctx.config.SLACK_API_URL);
      } catch (error) {
        // The change is saved; the old message keeps working since buttons apply to the current version.
        deps.ctx.logger.warn({ err: error, commitmentId: edited.id }, 'could not refresh the edited message');
      }
    }
  });
}
