import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/db/pool.ts';
import { openDatabase } from '../../src/db/pool.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';

/**
 * A prepared in-memory embedded database for the whole file, for tests about the Slack or HTTP side
 * that need a real database but not both backends (the *.db.test.ts files run on both).
 */
export function useMemoryDatabase(): () => Database {
  let db: Database | undefined;
  beforeAll(async () => {
    db = await openDatabase({ memory: true });
    await prepareDatabase(db.pool);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('database not ready: useMemoryDatabase() must be called at file level');
    return db;
  };
}
