import type { Brief } from '../../brief/service.ts';
import { context, escapeSlack, formatOwner, SLACK_LIMITS, section, splitText, truncate } from './text.ts';

const QUOTE_CHARS = 300;
const LINE_CHARS = 700;
// Room left in each message for nothing else than the brief's own blocks.
const BLOCKS_PER_MESSAGE = SLACK_LIMITS.blocksPerMessage - 2;

export interface SlackMessage {
  text: string;
  blocks: object[];
}

/**
 * A brief as Slack messages: a header per section, its lines (each with its [n] or #id), then the
 * sources with their quotes. Split across several messages when it passes 50 blocks; each section
 * text stays under 3,000 characters. Every document and user text is escaped.
 */
export function briefMessages(brief: Brief): SlackMessage[] {
  const blocks: object[] = [header(brief.title)];
  if (brief.empty)
    return [{ text: escapeSlack(brief.empty), blocks: [...blocks, section(escapeSlack(brief.empty))] }];
  for (const briefSection of brief.sections) {
    blocks.push(header(briefSection.heading));
    const lines = briefSection.lines.map((line) => {
      const marks = line.citations.map((n) => `[${n}]`).join('');
      // Owners become mentions built from ids; everything else is escaped text.
      const parts = [escapeSlack(truncate(line.text.replace(/\s+/g, ' ').trim(), LINE_CHARS))];
      if (line.owners) parts.push(line.owners.map(formatOwner).join(', '));
      if (line.due) parts.push(escapeSlack(line.due));
      const text = parts.join(' · ');
      return `• ${text}${marks ? ` *${marks}*` : ''}`;
    });
    for (const piece of splitText(lines.join('\n'), SLACK_LIMITS.sectionText)) blocks.push(section(piece));
  }
  if (brief.citations.length > 0) {
    blocks.push({ type: 'divider' });
    for (const citation of brief.citations) {
      const title = escapeSlack(truncate(citation.title || 'Untitled', 200));
      const linked = /^https?:\/\//.test(citation.sourceUri)
        ? `<${citation.sourceUri}|${title}>`
        : `*${title}*`;
      const where = [citation.publishedOn, citation.language].filter(Boolean).join(' · ');
      const quote = truncate(citation.quote.replace(/\s+/g, ' ').trim(), QUOTE_CHARS);
      blocks.push(
        context(`*[${citation.n}]* ${linked}${where ? ` · ${where}` : ''}\n> ${escapeSlack(quote)}`),
      );
    }
  }
  const messages: SlackMessage[] = [];
  for (let at = 0; at < blocks.length; at += BLOCKS_PER_MESSAGE) {
    const part = blocks.slice(at, at + BLOCKS_PER_MESSAGE);
    const suffix = at === 0 ? '' : ` (${messages.length + 1})`;
    messages.push({ text: `${escapeSlack(brief.title)}${suffix}`, blocks: part });
  }
  return messages;
}

function header(text: string) {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } };
}
