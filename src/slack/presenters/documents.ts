import type { RemovalOutcome } from '../document-removal.ts';
import { escapeSlack, SLACK_LIMITS, section, truncate } from './text.ts';

export const DOCUMENT_ACTIONS = {
  remove: 'document_remove',
  removeFromHome: 'home_document_remove',
} as const;
export const REMOVE_DOCUMENT_SHORTCUT = 'remove_document';

// An actions block holds at most 25 elements; a receipt rarely lists more than a few files.
const MAX_REMOVE_BUTTONS = 25;

/** The confirm dialog before a removal: Slack shows it, nothing is sent unless the user confirms. */
function removalConfirm(title: string) {
  return {
    title: { type: 'plain_text', text: 'Remove this document?' },
    text: {
      type: 'mrkdwn',
      text: truncate(
        `“${escapeSlack(title)}” and its passages will no longer be searched or cited. Answers that cited it will show “source removed”. Only the person who shared it or a workspace admin can do this.`,
        300,
      ),
    },
    confirm: { type: 'plain_text', text: 'Remove' },
    deny: { type: 'plain_text', text: 'Keep' },
    style: 'danger',
  };
}

/** A document listed in the App Home: title, date, conversation, with a Remove button (confirmed first). */
export function homeDocumentBlock(document: {
  id: number;
  title: string;
  createdAt: Date;
  channelId: string | null;
  visibility: 'public' | 'private';
}) {
  const where = document.channelId ? ` · <#${document.channelId}>` : '';
  const scope = document.visibility === 'private' ? ' · private' : '';
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `*#${document.id}* ${escapeSlack(truncate(document.title, 200))} · ${document.createdAt.toISOString().slice(0, 10)}${where}${scope}`,
        SLACK_LIMITS.sectionText,
      ),
    },
    accessory: {
      type: 'button',
      text: { type: 'plain_text', text: 'Remove', emoji: true },
      action_id: `${DOCUMENT_ACTIONS.removeFromHome}_${document.id}`,
      value: String(document.id),
      style: 'danger',
      confirm: removalConfirm(document.title),
    },
  };
}

/** What a removal from the App Home did, as its notice (plain text: the Home view escapes it). */
export function removalNotice(outcomes: RemovalOutcome[]): string {
  return outcomes
    .map((outcome) =>
      outcome.ok
        ? `Removed “${outcome.result.document.title}”: ${outcome.result.removal.chunksRemoved} passages deleted. It is no longer searched or cited.`
        : `Not removed: ${outcome.reason}.`,
    )
    .join(' ');
}

/** The receipt of files shared in Slack, with a Remove button (confirmed first) per stored document. */
export function ingestReceiptMessage(
  lines: string[],
  scope: string,
  removable: { id: number; title: string }[],
) {
  const text = `Ingestion receipt:\n${lines.join('\n')}${scope}`;
  const blocks: object[] = [section(text)];
  if (removable.length > 0) {
    blocks.push({
      type: 'actions',
      elements: removable.slice(0, MAX_REMOVE_BUTTONS).map((document) => ({
        type: 'button',
        text: { type: 'plain_text', text: truncate(`Remove ${document.title}`, 75), emoji: true },
        action_id: `${DOCUMENT_ACTIONS.remove}_${document.id}`,
        value: String(document.id),
        style: 'danger',
        confirm: removalConfirm(document.title),
      })),
    });
  }
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks };
}

/** The private reply after a removal: what was removed (chunks counted) and what was refused, and why. */
export function removalOutcomeMessage(outcomes: RemovalOutcome[]) {
  if (outcomes.length === 0) {
    const text =
      'This message names no document I have: use the action on a shared file or on my ingestion receipt.';
    return { text, blocks: [section(text)] };
  }
  const lines = outcomes.map((outcome) =>
    outcome.ok
      ? `:wastebasket: Removed “${escapeSlack(outcome.result.document.title)}”: ${outcome.result.removal.chunksRemoved} passages deleted. It is no longer searched or cited.`
      : `:no_entry: ${escapeSlack(outcome.reason)}.`,
  );
  const text = lines.join('\n');
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks: [section(text)] };
}
