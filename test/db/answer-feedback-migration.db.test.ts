import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, migrateBefore, type TestDatabase } from '../helpers/db.ts';

let testDb: TestDatabase | undefined;
afterAll(() => testDb?.destroy());

describe('migration 0006 (feedback per person)', () => {
  it('keeps each answer’s single stored vote as its voter’s vote', async () => {
    testDb = await createTestDatabase();
    const pool = testDb.db.pool;
    await migrateBefore(pool, '0006_answer_feedback.sql');
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO questions (question, feedback, feedback_by) VALUES ('q1', -1, 'U1'), ('q2', NULL, NULL)
       RETURNING id`,
    );
    await migrate(pool);
    const votes = await pool.query(
      'SELECT question_id::int AS question_id, user_id, value FROM answer_feedback',
    );
    expect(votes.rows).toEqual([{ question_id: Number(rows[0]!.id), user_id: 'U1', value: -1 }]);
  });
});
