import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

describe('migration 0008 (visibility scopes)', () => {
  it('makes commitments already logged in Slack conversations private, and keeps CLI ones public', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    const before = await mkdtemp(path.join(tmpdir(), 'minutebook-migrations-'));
    await cp(MIGRATIONS_DIR, before, { recursive: true });
    await rm(path.join(before, '0008_visibility_scopes.sql'));
    await migrate(pool, before);
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
