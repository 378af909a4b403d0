import type { Queryable } from './pool.ts';

/**
 * Questions the bot could not answer (abstained without an error), newest first, for the meeting
 * brief's "open questions". Kept apart from src/db/questions.ts, which logs and reads single answers.
 */
export interface UnansweredQuestion {
  id: number;
  question: string;
  askedBy: string | null;
  channelId: string | null;
  createdAt: Date;
}

/**
 * `channelId` null: every conversation's (the CLI, on the server). Otherwise only those asked in that
 * conversation or outside Slack (no channel): a question asked in a private channel stays there.
 */
export async function selectUnansweredQuestions(
  db: Queryable,
  filter: { channelId: string | null; allChannels: boolean; since: string | null; limit: number },
): Promise<UnansweredQuestion[]> {
  const { rows } = await db.query(
    `SELECT id, question, asked_by, channel_id, created_at FROM questions
      WHERE abstained AND error IS NULL
        AND ($1::boolean OR channel_id IS NULL OR channel_id = $2)
        AND ($3::date IS NULL OR created_at >= $3::date)
      ORDER BY created_at DESC, id DESC
      LIMIT $4`,
    [filter.allChannels, filter.channelId, filter.since, filter.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    question: row.question as string,
    askedBy: row.asked_by as string | null,
    channelId: row.channel_id as string | null,
    createdAt: row.created_at as Date,
  }));
}
