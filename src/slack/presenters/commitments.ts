import type { Commitment } from '../../commitments/service.ts';
import {
  button,
  context,
  escapeSlack,
  formatDate,
  formatOwner,
  isSlackUserId,
  SLACK_LIMITS,
  section,
  truncate,
} from './text.ts';

/** What the commitment presenters need of a commitment. */
export type CommitmentView = Pick<
  Commitment,
  'id' | 'title' | 'owners' | 'createdBy' | 'dueOn' | 'tz' | 'status' | 'sourcePermalink' | 'version'
>;

export const COMMITMENT_ACTIONS = {
  done: 'commitment_done',
  reopen: 'commitment_reopen',
  snooze: 'commitment_snooze',
  edit: 'commitment_edit',
} as const;

export const SNOOZE_OPTIONS = [
  { label: 'Tomorrow', days: 1 },
  { label: 'In 3 days', days: 3 },
  { label: 'Next week', days: 7 },
] as const;

/** Button values carry the id and the version the user saw, so a stale click is refused, not applied. */
export function commitmentRef(commitment: Pick<CommitmentView, 'id' | 'version'>): string {
  return `${commitment.id}:${commitment.version}`;
}

export function parseCommitmentRef(value: string): { id: number; version: number } | null {
  const match = /^(\d+):(\d+)(?::(\d+))?$/.exec(value);
  return match ? { id: Number(match[1]), version: Number(match[2]) } : null;
}

function statusLabel(commitment: CommitmentView, today: string): string {
  if (commitment.status === 'done') return ':white_check_mark: done';
  if (commitment.status === 'cancelled') return ':no_entry_sign: cancelled';
  if (commitment.status === 'proposed') return ':grey_question: proposed';
  if (commitment.dueOn && commitment.dueOn < today) return ':red_circle: overdue';
  return ':large_blue_circle: open';
}

function summary(commitment: CommitmentView, today: string): string {
  const owners = commitment.owners.map(formatOwner).join(', ');
  const due = commitment.dueOn ? `due ${formatDate(commitment.dueOn)}` : 'no due date';
  const source = commitment.sourcePermalink ? ` · <${commitment.sourcePermalink}|source>` : '';
  return `*#${commitment.id} ${escapeSlack(truncate(commitment.title, 500))}*\n${owners} · ${due} · ${statusLabel(commitment, today)}${source}`;
}

function actionsFor(commitment: CommitmentView) {
  const ref = commitmentRef(commitment);
  const open = commitment.status === 'open' || commitment.status === 'proposed';
  return {
    type: 'actions' as const,
    block_id: `commitment_${commitment.id}`,
    elements: open
      ? [
          button('Done', COMMITMENT_ACTIONS.done, ref, 'primary'),
          {
            type: 'overflow' as const,
            action_id: COMMITMENT_ACTIONS.snooze,
            options: SNOOZE_OPTIONS.map((option) => ({
              text: { type: 'plain_text' as const, text: `Snooze: ${option.label}` },
              value: `${ref}:${option.days}`,
            })),
          },
          button('Edit', COMMITMENT_ACTIONS.edit, ref),
        ]
      : [button('Reopen', COMMITMENT_ACTIONS.reopen, ref)],
  };
}

/** Who did what to a commitment, shown under it: "Logged by <@U1> from a message". */
export interface ChangeNote {
  /** Plain text before the person: "Logged by", "Snoozed by". */
  label: string;
  /** Slack user id (or stored owner) of the person. */
  by: string;
  /** Plain text after the person. */
  detail?: string;
}

/** "Logged by <@U>", and the zone dates were read in when Slack could not give the author's own. */
export function loggedNote(
  userId: string,
  zone: { tz: string; fromSlack: boolean },
  how?: string,
): ChangeNote {
  const zoneNote = zone.fromSlack
    ? null
    : `· your Slack time zone could not be read, so dates were read in ${zone.tz}`;
  const detail = [how, zoneNote].filter(Boolean).join(' ');
  return { label: 'Logged by', by: userId, ...(detail ? { detail } : {}) };
}

/**
 * The message confirming a new (or changed) commitment, with Done / Snooze / Edit. The text fallback
 * is what notifications show, so it is escaped like the blocks.
 */
export function commitmentMessage(commitment: CommitmentView, today: string, note?: ChangeNote) {
  const text = `Commitment #${commitment.id}: ${escapeSlack(commitment.title)}`;
  const blocks: object[] = [section(summary(commitment, today))];
  if (note) {
    const detail = note.detail ? ` ${escapeSlack(note.detail)}` : '';
    blocks.push(context(`${escapeSlack(note.label)} ${formatOwner(note.by)}${detail}`));
  }
  blocks.push(actionsFor(commitment));
  return { text: truncate(text, SLACK_LIMITS.messageText), blocks };
}

/**
 * An ephemeral list of commitments with their buttons; long lists end with a count of the rest.
 * `heading` is plain text; `owner` (a stored owner) is appended to it as a mention.
 */
export function commitmentListMessage(
  heading: string,
  commitments: CommitmentView[],
  today: string,
  owner?: string,
) {
  const title = `${escapeSlack(heading)}${owner ? ` ${formatOwner(owner)}` : ''}`;
  if (commitments.length === 0) {
    return {
      text: `${title}: nothing here.`,
      blocks: [section(`*${title}*\nNothing here. :tada:`)],
    };
  }
  // Each commitment takes two blocks; keep one for the heading and one for the "more" line.
  const max = Math.floor((SLACK_LIMITS.blocksPerMessage - 2) / 2);
  const shown = commitments.slice(0, max);
  const blocks: object[] = [section(`*${title}* (${commitments.length})`)];
  for (const commitment of shown) blocks.push(section(summary(commitment, today)), actionsFor(commitment));
  if (commitments.length > shown.length) {
    blocks.push(
      context(
        `…and ${commitments.length - shown.length} more. \`minutebook commitments export\` lists them all.`,
      ),
    );
  }
  return { text: `${title}: ${commitments.length}`, blocks };
}

/** A reminder DM to one owner. */
export function reminderMessage(commitment: CommitmentView, kind: 'due_soon' | 'overdue', today: string) {
  const lead =
    kind === 'due_soon'
      ? `:alarm_clock: Reminder: this is due ${commitment.dueOn ? formatDate(commitment.dueOn) : 'soon'}.`
      : ':red_circle: This commitment is now overdue.';
  return {
    text: `${kind === 'due_soon' ? 'Due soon' : 'Overdue'}: ${escapeSlack(commitment.title)}`,
    blocks: [section(lead), section(summary(commitment, today)), actionsFor(commitment)],
  };
}

export const COMMITMENT_MODAL = {
  edit: 'commitment_edit_modal',
  log: 'commitment_log_modal',
  blocks: { title: 'title', owners: 'owners', due: 'due', text: 'text' },
} as const;

/** Where the Edit modal was opened: saving refreshes that message (through its response_url) or the Home tab. */
export interface EditOrigin {
  responseUrl?: string;
  home?: boolean;
}

/** The commitment, version and origin an Edit modal carries in its private_metadata. */
export function parseEditMetadata(text: string): { id: number; version: number; origin: EditOrigin } | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    data = null;
  }
  if (typeof data !== 'object' || data === null) {
    // Modals opened before the origin was recorded carry only "id:version".
    const ref = parseCommitmentRef(text);
    return ref && { ...ref, origin: {} };
  }
  const { ref, responseUrl, home } = data as { ref?: unknown; responseUrl?: unknown; home?: unknown };
  const parsed = typeof ref === 'string' ? parseCommitmentRef(ref) : null;
  if (!parsed) return null;
  return {
    ...parsed,
    origin: {
      ...(typeof responseUrl === 'string' ? { responseUrl } : {}),
      ...(home === true ? { home: true } : {}),
    },
  };
}

/** Edit modal: title, owners and due date, with the version the user started from and where it was opened. */
export function editCommitmentModal(commitment: CommitmentView, origin: EditOrigin = {}) {
  const users = commitment.owners.filter(isSlackUserId);
  return {
    type: 'modal' as const,
    callback_id: COMMITMENT_MODAL.edit,
    private_metadata: JSON.stringify({ ref: commitmentRef(commitment), ...origin }),
    title: { type: 'plain_text' as const, text: `Edit #${commitment.id}` },
    submit: { type: 'plain_text' as const, text: 'Save' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: COMMITMENT_MODAL.blocks.title,
        label: { type: 'plain_text', text: 'What' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          initial_value: truncate(commitment.title, SLACK_LIMITS.plainTextInput),
          max_length: 1000,
        },
      },
      {
        type: 'input',
        block_id: COMMITMENT_MODAL.blocks.owners,
        label: { type: 'plain_text', text: 'Owners' },
        element: {
          type: 'multi_users_select',
          action_id: 'value',
          ...(users.length ? { initial_users: users } : {}),
        },
      },
      {
        type: 'input',
        block_id: COMMITMENT_MODAL.blocks.due,
        optional: true,
        label: { type: 'plain_text', text: 'Due date' },
        element: {
          type: 'datepicker',
          action_id: 'value',
          ...(commitment.dueOn ? { initial_date: commitment.dueOn } : {}),
        },
      },
    ],
  };
}

/** "Log as commitment" modal, prefilled with the message text; the permalink travels in metadata. */
/** Characters of the source message carried in the modal's private_metadata (3000 at most, JSON-escaped). */
const SOURCE_MESSAGE_CHARS = 1200;

export function logCommitmentModal(
  prefill: string,
  metadata: { channelId: string; permalink: string | null },
) {
  return {
    type: 'modal' as const,
    callback_id: COMMITMENT_MODAL.log,
    // The message itself goes along (private_metadata holds 3000 characters): answers match it too.
    private_metadata: JSON.stringify({ ...metadata, message: truncate(prefill, SOURCE_MESSAGE_CHARS) }),
    title: { type: 'plain_text' as const, text: 'Log a commitment' },
    submit: { type: 'plain_text' as const, text: 'Log it' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: COMMITMENT_MODAL.blocks.text,
        label: { type: 'plain_text', text: 'Who does what, by when' },
        hint: { type: 'plain_text', text: 'e.g. @Lan send the draft MoU to Guangxi FAO by Friday' },
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          initial_value: truncate(prefill, 1000),
          max_length: 1000,
        },
      },
      {
        type: 'input',
        block_id: COMMITMENT_MODAL.blocks.owners,
        optional: true,
        label: { type: 'plain_text', text: 'Owners (if not mentioned above)' },
        element: { type: 'multi_users_select', action_id: 'value' },
      },
    ],
  };
}
