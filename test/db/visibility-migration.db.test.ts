import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, migrateBefore, type TestDatabase } from '../helpers/db.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

describe('migration 0008 (visibility scopes)', () => {
  it('makes commitments already logged in Slack conversations private, and keeps CLI ones public', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    await migrateBefore(pool, '0008_visibility_scopes.sql');
    await pool.query(
      `INSERT INTO commitments (title, owners, created_by, tz, channel_id)
       VALUES ('in a channel', '{U1}', 'U1', 'UTC', 'C0PRIVATE1'), ('in a DM', '{U1}', 'U1', 'UTC', 'D0DM'),
              ('from the CLI', '{lan}', 'lan', 'UTC', NULL), ('from the console', '{lan}', 'lan', 'UTC', 'console')`,
    );
    await migrate(pool);
    const { rows } = await pool.query('SELECT title, visibility FROM commitments ORDER BY id');
    expect(rows).toEqual([
      { title: 'in a channel', visibility: 'private' },
      { title: 'in a DM', visibility: 'private' },
      { title: 'from the CLI', visibility: 'public' },
      { title: 'from the console', visibility: 'public' },
    ]);
  });
});
