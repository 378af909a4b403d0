import type { Queryable } from './pool.ts';

export interface QuestionRecord {
  question: string;
  language: string | null;
  answer: string | null;
  abstained: boolean;
  citations: unknown[];
  chunkIds: number[];
  promptVersion: string | null;
  model: string | null;
  latencyMs: number;
  error: string | null;
  askedBy?: string | null;
  channelId?: string | null;
  threadTs?: string | null;
  messageTs?: string | null;
  /** The commitments the answer cited ([C12]), in order. */
  commitmentIds?: number[];
}

/** Logs one asked question with what was answered; returns its id (feedback refers to it). */
export async function insertQuestion(db: Queryable, record: QuestionRecord): Promise<number> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO questions (asked_by, channel_id, thread_ts, message_ts, question, language, answer, abstained,
       citations, chunk_ids, prompt_version, model, latency_ms, error, commitment_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::bigint[], $11, $12, $13, $14, $15::bigint[])
     RETURNING id`,
    [
      record.askedBy ?? null,
      record.channelId ?? null,
      record.threadTs ?? null,
      record.messageTs ?? null,
      record.question,
      record.language,
      record.answer,
      record.abstained,
      JSON.stringify(record.citations),
      record.chunkIds,
      record.promptVersion,
      record.model,
      record.latencyMs,
      record.error,
      record.commitmentIds ?? [],
    ],
  );
  return Number(rows[0]!.id);
}

/** How many people found an answer helpful (👍) and unhelpful (👎). */
export interface FeedbackTally {
  up: number;
  down: number;
}

/**
 * Records one person's 👍 (1) or 👎 (-1) on an answer, replacing only that person's earlier vote.
 * False when the question is unknown.
 */
export async function setAnswerFeedback(
  db: Queryable,
  questionId: number,
  userId: string,
  value: 1 | -1,
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO answer_feedback (question_id, user_id, value)
     SELECT id, $2, $3 FROM questions WHERE id = $1
     ON CONFLICT (question_id, user_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [questionId, userId, value],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function answerFeedbackTally(db: Queryable, questionId: number): Promise<FeedbackTally> {
  const { rows } = await db.query<FeedbackTally>(
    `SELECT count(*) FILTER (WHERE value = 1)::int AS up, count(*) FILTER (WHERE value = -1)::int AS down
     FROM answer_feedback WHERE question_id = $1`,
    [questionId],
  );
  return rows[0] ?? { up: 0, down: 0 };
}

export interface StoredQuestion {
  id: number;
  question: string;
  language: string | null;
  answer: string | null;
  abstained: boolean;
  citations: unknown[];
  chunkIds: number[];
  promptVersion: string | null;
  model: string | null;
  latencyMs: number | null;
  error: string | null;
  channelId: string | null;
  askedBy: string | null;
  /** The commitments the answer cited ([C12]), in order. */
  commitmentIds: number[];
}

export async function getQuestion(db: Queryable, id: number): Promise<StoredQuestion | null> {
  const { rows } = await db.query(
    `SELECT id, question, language, answer, abstained, citations, chunk_ids, prompt_version, model, latency_ms,
       error, channel_id, asked_by, commitment_ids
     FROM questions WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    id: Number(row.id),
    question: row.question,
    language: row.language,
    answer: row.answer,
    abstained: row.abstained,
    citations: row.citations,
    chunkIds: (row.chunk_ids as string[]).map(Number),
    promptVersion: row.prompt_version,
    model: row.model,
    latencyMs: row.latency_ms,
    error: row.error,
    channelId: row.channel_id,
    askedBy: row.asked_by,
    commitmentIds: (row.commitment_ids as string[]).map(Number),
  };
}

/** The answered questions of a Slack thread, oldest first (the last `limit`), as conversation turns. */
export async function threadTurns(
  db: Queryable,
  channelId: string,
  threadTs: string,
  limit = 6,
): Promise<{ question: string; answer: string }[]> {
  const { rows } = await db.query(
    `SELECT question, answer FROM (
       SELECT question, answer, created_at, id FROM questions
       WHERE channel_id = $1 AND thread_ts = $2 AND answer IS NOT NULL
       ORDER BY created_at DESC, id DESC LIMIT $3
     ) recent ORDER BY created_at, id`,
    [channelId, threadTs, limit],
  );
  return rows.map((row) => ({ question: row.question as string, answer: row.answer as string }));
}

/** True when the bot has answered in this thread: replies there are follow-ups without a mention. */
export async function botAnsweredInThread(
  db: Queryable,
  channelId: string,
  threadTs: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'SELECT 1 FROM questions WHERE channel_id = $1 AND thread_ts = $2 LIMIT 1',
    [channelId, threadTs],
  );
  return (rowCount ?? 0) > 0;
}

/** A user's latest questions, newest first (Home tab). */
export async function recentQuestionsBy(
  db: Queryable,
  userId: string,
  limit = 5,
): Promise<{ id: number; question: string; abstained: boolean; createdAt: Date }[]> {
  const { rows } = await db.query(
    'SELECT id, question, abstained, created_at FROM questions WHERE asked_by = $1 ORDER BY created_at DESC, id DESC LIMIT $2',
    [userId, limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    question: row.question,
    abstained: row.abstained,
    createdAt: row.created_at,
  }));
}

export interface QuestionCountRow {
  question: string;
  count: number;
}

/** Questions asked in [start, end) (in one channel, or anywhere), grouped case-insensitively, most asked first. */
export async function listMostAskedQuestions(
  db: Queryable,
  scope: { channelId: string | null; start: Date; end: Date; limit: number; unansweredOnly: boolean },
): Promise<QuestionCountRow[]> {
  const result = await db.query<QuestionCountRow>(
    `SELECT min(btrim(question)) AS question, count(*)::int AS count
     FROM questions
     WHERE ($1::text IS NULL OR channel_id = $1) AND created_at >= $2 AND created_at < $3
       AND (NOT $5::boolean OR abstained)
     GROUP BY lower(btrim(question))
     ORDER BY count(*) DESC, max(created_at) DESC
     LIMIT $4`,
    [scope.channelId, scope.start, scope.end, scope.limit, scope.unansweredOnly],
  );
  return result.rows;
}
