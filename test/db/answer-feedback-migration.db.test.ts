import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

let testDb: TestDatabase | undefined;
afterAll(() => testDb?.destroy());

describe('migration 0006 (feedback per person)', () => {
  it('keeps each answer’s single stored vote as its voter’s vote', async () => {
    testDb = await createTestDatabase();
    const pool = testDb.db.pool;
    const before = await mkdtemp(path.join(tmpdir(), 'minutebook-before-0006-'));
    try {
      await cp(MIGRATIONS_DIR, before, {
        recursive: true,
        // Every migration before 0006 (the directory itself has no number).
        filter: (source) => Number(/^(\d{4})_/.exec(path.basename(source))?.[1] ?? 0) < 6,
      });
      await migrate(pool, before);
    } finally {
      await rm(before, { recursive: true, force: true });
    }
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
