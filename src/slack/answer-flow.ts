import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { AnswerUnavailableError, answerQuestion } from '../answer/index.ts';
import { threadTurns } from '../answer/questions.ts';
import { currentRequestId } from '../log.ts';
import type { SlackDeps } from './deps.ts';
import {
  answerFailedMessage,
  answerMessage,
  busyMessage,
  notAnsweredMessage,
  searchingMessage,
} from './presenters/answer.ts';

export interface ThreadQuestion {
  channel: string;
  /** The thread to answer in (the question's own ts when it starts a thread). */
  threadTs: string;
  messageTs: string;
  question: string;
  userId: string;
}

/**
 * Posts a placeholder in the thread at once, then replaces it with the cited answer once the question's
 * turn in the answer queue came (the placeholder says when it waits behind others; a full queue gets a
 * "busy, ask again" reply instead). Earlier questions answered in the same thread are passed as prior
 * turns, so follow-ups need no context. A failure replaces the placeholder with a short apology and a
 * request id, never leaves it hanging: when the placeholder cannot be updated, the answer (or the
 * apology) is posted in the thread instead.
 */
export async function answerInThread(
  deps: SlackDeps,
  client: WebClient,
  question: ThreadQuestion,
): Promise<void> {
  const { ctx, answerQueue } = deps;
  const ticket = answerQueue.reserve();
  if (!ticket) {
    ctx.logger.warn({ channel: question.channel, waiting: answerQueue.waiting }, 'answer queue full');
    await client.chat.postMessage({
      channel: question.channel,
      thread_ts: question.threadTs,
      ...busyMessage(answerQueue.waiting),
    });
    return;
  }
  let ts: string;
  try {
    const placeholder = await client.chat.postMessage({
      channel: question.channel,
      thread_ts: question.threadTs,
      ...searchingMessage(ticket.position),
    });
    ts = placeholder.ts as string;
  } catch (error) {
    ticket.release();
    throw error;
  }
  await ticket.run(
    () => answerAndDeliver(deps, client, question, ts),
    async () => {
      await deliver(deps, client, question, ts, notAnsweredMessage());
    },
  );
}

async function answerAndDeliver(
  deps: SlackDeps,
  client: WebClient,
  question: ThreadQuestion,
  ts: string,
): Promise<void> {
  const { ctx } = deps;
  const where = { channel: question.channel, question: question.question };
  let reply: SlackMessage;
  let isApology = false;
  try {
    const priorTurns = await threadTurns(ctx, question.channel, question.threadTs);
    const answer = await answerQuestion(ctx, question.question, {
      priorTurns,
      channelId: question.channel,
      askedBy: question.userId,
      threadTs: question.threadTs,
      messageTs: ts,
    });
    reply = answerMessage(answer);
  } catch (error) {
    reply = answerFailure(deps, error, where);
    isApology = true;
  }
  if ((await deliver(deps, client, question, ts, reply)) || isApology) return;
  // Slack refused the answer itself both ways (e.g. its blocks): say so rather than stay silent.
  await deliver(
    deps,
    client,
    question,
    ts,
    answerFailure(deps, new Error('Slack refused the answer'), where),
  );
}

type SlackMessage = { text: string; blocks?: object[] };

/** Replaces the placeholder, or else posts in the thread; false when Slack refused both. */
async function deliver(
  deps: SlackDeps,
  client: WebClient,
  question: ThreadQuestion,
  placeholderTs: string,
  message: SlackMessage,
): Promise<boolean> {
  const log = deps.ctx.logger;
  try {
    await client.chat.update({ channel: question.channel, ts: placeholderTs, ...message });
    return true;
  } catch (error) {
    log.warn({ err: error, channel: question.channel }, 'could not update the placeholder; posting instead');
  }
  try {
    await client.chat.postMessage({ channel: question.channel, thread_ts: question.threadTs, ...message });
    return true;
  } catch (error) {
    log.error({ err: error, channel: question.channel }, 'could not post the reply in the thread');
    return false;
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

/**
 * The question in a Slack message: user mentions and control sequences (<!channel>, <!here>, user
 * groups, dates) removed, links and channel references reduced to their label, Slack's three HTML
 * entities decoded, and any HTML-like tag that leaves dropped, so none of it reaches retrieval.
 */
export function questionFromText(text: string): string {
  return text
    .replace(/<@[UW][A-Z0-9]+(\|[^>]*)?>/g, ' ')
    .replace(/<![^>]*>/g, ' ')
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<#[CG][A-Z0-9]+>/g, ' ')
    .replace(/<([^>|]+)\|([^>]*)>/g, '$2')
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/<\/?[a-z][^<>]*>/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
