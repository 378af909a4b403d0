import { DateTime } from 'luxon';

/** Slack limits that presenters must respect (Block Kit reference). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  messageText: 4000,
  contextElementText: 2000,
  buttonValue: 2000,
  plainTextInput: 3000,
} as const;

/**
 * Escapes the three characters Slack treats as control sequences, so user or document text can never
 * produce a mention, a broadcast (<!channel>) or a link the bot did not intend.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to at most `max` characters, on a word boundary when one is near, never inside an entity. */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - ellipsis.length);
  const entity = cut.lastIndexOf('&');
  if (entity !== -1 && entity > cut.length - 6 && !cut.slice(entity).includes(';'))
    cut = cut.slice(0, entity);
  const space = cut.lastIndexOf(' ');
  if (space > cut.length - 30 && space > 0) cut = cut.slice(0, space);
  return `${cut}${ellipsis}`;
}

/** Splits text into pieces of at most `max` characters, preferring paragraph, then line, then word breaks. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    if (at < max / 2) at = window.lastIndexOf(' ');
    if (at < max / 2) at = max;
    const entity = window.lastIndexOf('&', at);
    if (entity !== -1 && entity > at - 6 && !window.slice(entity, at).includes(';')) at = entity;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

export function isSlackUserId(owner: string): boolean {
  return /^[UW][A-Z0-9]+$/.test(owner);
}

/** Renders an owner stored on a commitment: a Slack user, a user group, or a plain (CLI) name. */
export function formatOwner(owner: string): string {
  if (isSlackUserId(owner)) return `<@${owner}>`;
  const group = /^subteam:(S[A-Z0-9]+)$/.exec(owner);
  if (group) return `<!subteam^${group[1]}>`;
  return escapeSlack(owner);
}

/** "Fri 28 Nov 2026" for a YYYY-MM-DD date. */
export function formatDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: 'UTC' }).toFormat('ccc d LLL yyyy');
}

export function section(markdown: string) {
  return {
    type: 'section' as const,
    text: { type: 'mrkdwn' as const, text: truncate(markdown, SLACK_LIMITS.sectionText) },
  };
}

export function context(...markdown: string[]) {
  return {
    type: 'context' as const,
    elements: markdown.map((text) => ({
      type: 'mrkdwn' as const,
      text: truncate(text, SLACK_LIMITS.contextElementText),
    })),
  };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger') {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text, emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}
