import type { App } from '@slack/bolt';
import { parseCommitment } from '../../../commitments/parse.ts';
import { createCommitment } from '../../../commitments/service.ts';
import { todayIn } from '../../../dates.ts';
import type { SlackDeps } from '../../deps.ts';
import { COMMITMENT_MODAL, commitmentMessage, loggedNote } from '../../presenters/commitments.ts';

type Values = Record<string, Record<string, { value?: string | null; selected_users?: string[] }>>;

/**
 * How long the modal waits for the author's time zone. Parse errors must go back in the ack (shown in
 * the form) and Slack drops an ack after 3 s, so a slower users.info means the default zone, said so.
 */
const TIME_ZONE_WAIT_MS = 1_500;

/** Saves the "Log as commitment" modal: parsed like /commit, linked to the source message. */
export function register(app: App, deps: SlackDeps) {
  app.view(COMMITMENT_MODAL.log, async ({ ack, view, body, client }) => {
    const values = view.state.values as Values;
    const text = values[COMMITMENT_MODAL.blocks.text]?.value?.value ?? '';
    const extraOwners = values[COMMITMENT_MODAL.blocks.owners]?.value?.selected_users ?? [];
    const metadata = JSON.parse(view.private_metadata || '{}') as {
      channelId?: string;
      permalink?: string | null;
      message?: string;
    };
    const zone = await deps.resolveTimeZone(client, body.user.id, { waitMs: TIME_ZONE_WAIT_MS });
    const now = deps.now();
    // Owners picked in the form count as mentions in the text.
    const withOwners = `${extraOwners.map((user) => `<@${user}>`).join(' ')} ${text}`.trim();
    const parsed = parseCommitment(withOwners, {
      author: body.user.id,
      now,
      timeZone: zone.tz,
      dateOrder: deps.ctx.config.DATE_ORDER,
    });
    if (!parsed.ok) {
      await ack({
        response_action: 'errors',
        errors: { [COMMITMENT_MODAL.blocks.text]: parsed.error.message },
      });
      return;
    }
    await ack();
    const { commitment, created } = await createCommitment(deps.ctx, {
      parsed: parsed.value,
      createdBy: body.user.id,
      channelId: metadata.channelId ?? null,
      visibility: metadata.channelId
        ? await deps.conversationVisibility(client, metadata.channelId)
        : 'private',
      sourcePermalink: metadata.permalink ?? null,
      sourceText: metadata.message || text,
      idempotencyKey: `slack-view:${view.id}`,
    });
    // A resubmitted modal (same view id) finds the commitment already stored and confirmed.
    if (!created) return;
    const message = commitmentMessage(
      commitment,
      todayIn(zone.tz, now),
      loggedNote(body.user.id, zone, 'from a message'),
    );
    try {
      await client.chat.postMessage({ channel: metadata.channelId ?? body.user.id, ...message });
    } catch (error) {
      // The bot may not be in that channel: tell the author directly instead.
      deps.ctx.logger.warn(
        { err: error, channel: metadata.channelId },
        'could not post to the source channel',
      );
      await client.chat.postMessage({ channel: body.user.id, ...message });
    }
  });
}
