import { DateTime } from 'luxon';
import type { DigestCommandResult } from '../../digest/command.ts';
import type { Digest, DigestSection } from '../../digest/compose.ts';
import { escapeSlack, formatOwner, SLACK_LIMITS, truncate } from './text.ts';

const MAX_BLOCKS = SLACK_LIMITS.blocksPerMessage;
const MAX_SECTION_CHARS = SLACK_LIMITS.sectionText;
const MAX_TEXT_CHARS = SLACK_LIMITS.messageText;
const MAX_HEADER_CHARS = 150;
// One item can never fill a whole section; longer ones are cut.
const MAX_ITEM_CHARS = 1000;

export interface SlackMessage {
  text: string;
  blocks: object[];
}

function itemLines(section: DigestSection): string[] {
  switch (section.kind) {
    case 'documents':
      return section.items.map(
        (item) =>
          `• *${escapeSlack(item.title)}* (${item.date}, ${escapeSlack(item.language)})\n   ${escapeSlack(item.summary)}`,
      );
    case 'most-asked':
    case 'unanswered':
      return section.items.map(
        (item) => `• ${escapeSlack(item.question)}${item.count > 1 ? ` _(asked ${item.count}×)_` : ''}`,
      );
    default:
      return section.items.map((item) => {
        const due = item.dueOn ? ` · due ${item.dueOn}` : '';
        return `• ${escapeSlack(item.title)} — ${item.owners.map(formatOwner).join(', ')}${due} _(#${item.id})_`;
      });
  }
}

function section(text: string): object {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** One section's blocks: a bold heading, then items packed into sections of at most 3000 characters. */
function sectionBlocks(digestSection: DigestSection): object[] {
  const blocks: object[] = [];
  let current = `*${escapeSlack(digestSection.title)}* (${digestSection.items.length})`;
  for (const raw of itemLines(digestSection)) {
    const line = truncate(raw, MAX_ITEM_CHARS);
    if (current.length + 1 + line.length > MAX_SECTION_CHARS) {
      blocks.push(section(current));
      current = line;
    } else {
      current = `${current}\n${line}`;
    }
  }
  blocks.push(section(current));
  return blocks;
}

/**
 * The digest as Block Kit messages within Slack's limits: the first starts with a header; when the
 * blocks do not fit in one message the rest follow in further messages (posted in its thread).
 */
export function digestMessages(digest: Digest): SlackMessage[] {
  const title = truncate(digest.title, MAX_HEADER_CHARS);
  const header = { type: 'header', text: { type: 'plain_text', text: title, emoji: true } };
  const body: object[] = digest.quiet
    ? [section(escapeSlack(digest.quietLine ?? ''))]
    : digest.sections.flatMap((each, index) => [
        ...(index > 0 ? [{ type: 'divider' }] : []),
        ...sectionBlocks(each),
      ]);
  const pages: object[][] = [[header]];
  for (const block of body) {
    const page = pages[pages.length - 1]!;
    if (page.length >= MAX_BLOCKS) pages.push([block]);
    else page.push(block);
  }
  const summary = digest.quiet
    ? `${title}: ${digest.quietLine ?? ''}`
    : `${title}: ${digest.sections.map((each) => `${each.title} (${each.items.length})`).join(', ')}`;
  return pages.map((blocks, index) => ({
    text: truncate(
      escapeSlack(pages.length > 1 ? `${summary} — part ${index + 1} of ${pages.length}` : summary),
      MAX_TEXT_CHARS,
    ),
    blocks,
  }));
}

const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The ephemeral reply to `/digest`: a preview fits in one message (the rest is summarised). */
export function digestCommandReply(result: DigestCommandResult): SlackMessage {
  switch (result.kind) {
    case 'preview': {
      const [first, ...rest] = digestMessages(result.digest);
      if (rest.length === 0) return first!;
      const note = {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Preview cut: ${rest.length} more part(s) appear in the posted digest.` },
        ],
      };
      return { text: first!.text, blocks: [...first!.blocks.slice(0, MAX_BLOCKS - 1), note] };
    }
    case 'scheduled': {
      const { schedule } = result;
      const next = DateTime.fromJSDate(result.nextRun, { zone: schedule.tz }).toFormat(
        'ccc d LLL yyyy HH:mm',
      );
      const text = `Weekly digest for this channel: every ${WEEKDAYS[schedule.weekday]} at ${schedule.localTime} (${schedule.tz}). Next: ${next}.`;
      return { text: escapeSlack(text), blocks: [section(escapeSlack(text))] };
    }
    case 'off': {
      const text = result.turnedOff
        ? 'Weekly digest turned off for this channel.'
        : 'This channel had no weekly digest scheduled.';
      return { text, blocks: [section(text)] };
    }
    case 'usage':
      return {
        text: escapeSlack(result.message),
        blocks: [section(`:warning: ${escapeSlack(result.message)}`)],
      };
  }
}
