import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { AnswerUnavailableError, answerQuestion } from '../answer/index.ts';
import { threadTurns } from '../db/questions.ts';
import { currentRequestId } from '../log.ts';
import type { SlackDeps } from './deps.ts';
import { answerFailedMessage, answerMessage, searchingMessage } from './presenters/answer.ts';

export interface ThreadQuestion {
  channel: string;
  /** The thread to answer in (the question's own ts when it starts a thread). */
  threadTs: string;
  messageTs: string;
  question: string;
  userId: string;
}

/**
 * Posts a placeholder in the thread at once, then replaces it with the cited answer. Earlier
 * questions answered in the same thread are passed as prior turns, so follow-ups need no context.
 * A failure replaces the placeholder with a short apology and a request id, never leaves it hanging.
 */
export async function answerInThread(
  deps: SlackDeps,
  client: WebClient,
  question: ThreadQuestion,
): Promise<void> {
  const { ctx } = deps;
  const placeholder = await client.chat.postMessage({
    channel: question.channel,
    thread_ts: question.threadTs,
    ...searchingMessage(),
  });
  const ts = placeholder.ts as string;
  try {
    const priorTurns = await threadTurns(ctx.db.pool, question.channel, question.threadTs);
    const answer = await answerQuestion(ctx, question.question, {
      priorTurns,
      channelId: question.channel,
      askedBy: question.userId,
      threadTs: question.threadTs,
      messageTs: ts,
    });
    await client.chat.update({ channel: question.channel, ts, ...answerMessage(answer) });
  } catch (error) {
    const failed = answerFailure(deps, error, { channel: question.channel, question: question.question });
    await client.chat.update({ channel: question.channel, ts, ...failed });
  }
}

/**
 * Logs a failed answer with a short request id and returns the apology that replaces the placeholder:
 * the model's own short reason when it was unavailable, a generic one otherwise.
 */
export function answerFailure(deps: SlackDeps, error: unknown, where: { channel: string; question: string }) {
  const requestId = currentRequestId() ?? randomUUID().slice(0, 8);
  deps.ctx.logger.error({ err: error, requestId, ...where }, 'answer failed');
  const reason = error instanceof AnswerUnavailableError ? error.message : 'something went wrong on our side';
  return answerFailedMessage(reason, requestId);
}

/** Removes mentions of the bot (and any user) from a message, leaving the question. */
export function questionFromText(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
