// The question history (the `questions` table) as the surfaces read it: the conversation of a thread,
// whether the bot answers there, a user's recent questions, one logged answer. answer.ts writes it.
import { answerableCommitmentsById } from '../commitments/service.ts';
import type { AppContext } from '../context.ts';
import * as questions from '../db/questions.ts';
import {
  type AnswerCommitmentCitation,
  toCommitmentCitation,
  withCurrentStatuses,
} from './commitment-sources.ts';
import type { Turn } from './rewrite.ts';

export type { StoredQuestion } from '../db/questions.ts';

/** The answered questions of a Slack thread, oldest first (the last `limit`), as conversation turns. */
export function threadTurns(
  ctx: AppContext,
  channelId: string,
  threadTs: string,
  limit?: number,
): Promise<Turn[]> {
  return questions.threadTurns(ctx.db.pool, channelId, threadTs, limit);
}

/** True when the bot has answered in this thread: replies there are follow-ups without a mention. */
export function botAnsweredInThread(ctx: AppContext, channelId: string, threadTs: string): Promise<boolean> {
  return questions.botAnsweredInThread(ctx.db.pool, channelId, threadTs);
}

/** A user's latest questions, newest first. */
export function recentQuestionsBy(ctx: AppContext, userId: string, limit?: number) {
  return questions.recentQuestionsBy(ctx.db.pool, userId, limit);
}

/** One logged question with its answer and citations, or null when the id is unknown. */
export function getQuestion(ctx: AppContext, id: number): Promise<questions.StoredQuestion | null> {
  return questions.getQuestion(ctx.db.pool, id);
}

/**
 * A logged answer as it reads now: the commitments it cited with their current status (done or
 * cancelled since), and its offline status phrases brought up to date.
 */
export async function reopenedAnswer(
  ctx: AppContext,
  question: questions.StoredQuestion,
): Promise<{ answer: string; commitments: AnswerCommitmentCitation[] }> {
  const commitments = await citedCommitmentsNow(ctx, question);
  return {
    answer: withCurrentStatuses(question.answer ?? '', commitments, question.language ?? 'en'),
    commitments,
  };
}

/**
 * The commitments a logged answer cited, as they are now: a reopened or shared answer shows their
 * current status (done since, cancelled since), and only those still visible in its conversation.
 */
export async function citedCommitmentsNow(
  ctx: AppContext,
  question: Pick<questions.StoredQuestion, 'commitmentIds' | 'channelId'>,
): Promise<AnswerCommitmentCitation[]> {
  const commitments = await answerableCommitmentsById(ctx, question.commitmentIds, question.channelId);
  return commitments.map(toCommitmentCitation);
}
