import type { AnswerCommitmentCitation } from '../../answer/commitment-sources.ts';
import {
  button,
  context,
  escapeSlack,
  formatOwner,
  SLACK_LIMITS,
  section,
  splitText,
  truncate,
} from './text.ts';

export interface AnswerSource {
  n: number;
  title: string;
  source_uri: string;
  quote: string;
  language: string;
  published_on: string | null;
  /** The document was removed after the answer: its title stays, its quote is no longer shown. */
  removed?: boolean;
}

/** A commitment cited as [C12], with its status (the current one when an answer is reopened). */
export type AnswerCommitmentSource = AnswerCommitmentCitation;

/** What the answer presenter needs of an answer (a subset of the answer service's result). */
export interface AnswerView {
  answer: string;
  abstained: boolean;
  citations: AnswerSource[];
  /** Commitments cited as [C12]: shown apart from the documents. */
  commitments?: AnswerCommitmentSource[];
  nearest: Omit<AnswerSource, 'n' | 'quote'>[];
  notice: string | null;
  questionId: number;
}

export interface AnswerPresentation {
  /** Ephemeral /ask answers get a "Share in channel" button. */
  ephemeral?: boolean;
  /** Shown under a shared answer: who shared it. */
  sharedBy?: string;
}

const QUOTE_CHARS = 300;

export const ANSWER_ACTIONS = {
  helpful: 'answer_feedback_up',
  unhelpful: 'answer_feedback_down',
  share: 'answer_share',
} as const;

function sourceLine(source: Omit<AnswerSource, 'n' | 'quote'>, n?: number): string {
  const title = escapeSlack(source.title || 'Untitled');
  const linked = /^https?:\/\//.test(source.source_uri) ? `<${source.source_uri}|${title}>` : `*${title}*`;
  const parts = [n === undefined ? linked : `*[${n}]* ${linked}`];
  if (source.published_on) parts.push(source.published_on);
  if (source.language) parts.push(source.language);
  return parts.join(' · ');
}

/** "*C12* · open · owner @x · due Fri 4 Dec 2026", or "done 2026-11-20", or "cancelled". */
export function commitmentSourceLine(commitment: AnswerCommitmentSource): string {
  const status =
    commitment.status === 'done' && commitment.completed_on
      ? `done ${commitment.completed_on}`
      : commitment.status;
  const owners = `${commitment.owners.length > 1 ? 'owners' : 'owner'} ${commitment.owners.map(formatOwner).join(', ')}`;
  const parts = [`:pushpin: *C${commitment.id}*`, status, owners];
  if (commitment.status === 'open' && commitment.due_on) parts.push(`due ${commitment.due_on}`);
  if (commitment.source_permalink && /^https:\/\//.test(commitment.source_permalink)) {
    parts.push(`<${commitment.source_permalink}|logged from>`);
  }
  return parts.join(' · ');
}

/** Block Kit for an answer: text, sources with quoted passages, feedback buttons; within Slack limits. */
export function answerMessage(answer: AnswerView, presentation: AnswerPresentation = {}) {
  const blocks: object[] = splitText(escapeSlack(answer.answer), SLACK_LIMITS.sectionText).map(section);
  if (answer.notice) blocks.push(context(`_${escapeSlack(answer.notice)}_`));
  const sources = answer.abstained ? [] : answer.citations;
  const closest = answer.abstained ? answer.nearest.slice(0, 3) : [];
  // Reserve room for the divider, the closest-sources header, feedback actions and the shared-by line.
  const room = SLACK_LIMITS.blocksPerMessage - blocks.length - 4;
  const shownSources = sources.slice(0, Math.max(0, Math.floor(room / 2)));
  if (shownSources.length > 0 || closest.length > 0) blocks.push({ type: 'divider' });
  for (const source of shownSources) {
    if (source.removed) {
      blocks.push(context(`*[${source.n}]* ${escapeSlack(source.title || 'Untitled')} · _source removed_`));
      continue;
    }
    blocks.push(context(sourceLine(source, source.n)));
    const quote = truncate(source.quote.replace(/\s+/g, ' ').trim(), QUOTE_CHARS);
    blocks.push(section(`> ${escapeSlack(quote)}`));
  }
  if (sources.length > shownSources.length) {
    blocks.push(context(`…and ${sources.length - shownSources.length} more sources`));
  }
  const commitments = answer.abstained ? [] : (answer.commitments ?? []);
  const commitmentRoom = Math.max(0, SLACK_LIMITS.blocksPerMessage - blocks.length - 5);
  if (commitments.length > 0 && shownSources.length === 0) blocks.push({ type: 'divider' });
  for (const commitment of commitments.slice(0, Math.floor(commitmentRoom / 2))) {
    blocks.push(context(commitmentSourceLine(commitment)));
    blocks.push(section(`> ${escapeSlack(truncate(commitment.title, QUOTE_CHARS))}`));
  }
  if (closest.length > 0) {
    blocks.push(context(['*Closest sources:*', ...closest.map((source) => sourceLine(source))].join('\n')));
  }
  if (presentation.sharedBy) blocks.push(context(`Shared by <@${presentation.sharedBy}>`));
  const value = String(answer.questionId);
  blocks.push({
    type: 'actions',
    elements: [
      button('👍 Helpful', ANSWER_ACTIONS.helpful, value),
      button('👎 Not helpful', ANSWER_ACTIONS.unhelpful, value),
      ...(presentation.ephemeral ? [button('Share in channel', ANSWER_ACTIONS.share, value, 'primary')] : []),
    ],
  });
  return { text: truncate(escapeSlack(answer.answer), SLACK_LIMITS.messageText), blocks };
}

/**
 * The placeholder posted at once while the answer is computed; when other questions came first, it
 * says the question is queued and where (the place is when it was asked).
 */
export function searchingMessage(position = 0) {
  if (position > 0) {
    const text = `Many questions at once: yours is queued (number ${position} in line) and will be answered here.`;
    return { text, blocks: [context(`:hourglass_flowing_sand: ${text}`)] };
  }
  return { text: 'Searching the minutes…', blocks: [context(':mag: Searching the minutes…')] };
}

/** The reply when too many questions already wait: nothing will be answered, the asker should retry. */
export function busyMessage(waiting: number) {
  const text = `Sorry, Minutebook is busy: ${waiting} questions are already waiting. Please ask again in a few minutes.`;
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/** Replaces the placeholder of a question still queued when the app stopped (a restart or deploy). */
export function notAnsweredMessage() {
  const text = 'Sorry, Minutebook was restarting and did not get to this question. Please ask again.';
  return { text, blocks: [section(`:warning: ${text}`)] };
}

/** The private reply to a 👍/👎 click, with how everyone voted on that answer so far. */
export function feedbackThanks(value: 1 | -1, tally: { up: number; down: number }) {
  const thanks =
    value === 1 ? 'Thanks, glad it helped.' : 'Thanks: this answer is flagged for the secretariat to review.';
  return { text: `${thanks} Votes on this answer: ${tally.up} 👍 · ${tally.down} 👎 (one per person).` };
}

/** Replaces the placeholder when the answer service failed: short, with an id to quote to support. */
export function answerFailedMessage(reason: string, requestId: string) {
  const text = `Sorry, I couldn't answer this time: ${reason} (request id ${requestId}). Please try again in a moment.`;
  return { text, blocks: [section(`:warning: ${escapeSlack(text)}`)] };
}
