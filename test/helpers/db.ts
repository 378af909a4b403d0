import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { readTestEnv } from '../../src/config.ts';
import { MIGRATIONS_DIR, migrate } from '../../src/db/migrate.ts';
import { type Database, openDatabase } from '../../src/db/pool.ts';

export type Backend = 'pglite' | 'postgres';

export interface TestDatabase {
  readonly backend: Backend;
  /** Connection string of the fresh native database (postgres backend only). */
  readonly url?: string;
  /** Opens another connection pool on the same database (native only: PGlite is one process). */
  openAnother(): Promise<Database>;
  readonly db: Database;
  destroy(): Promise<void>;
}

export function currentBackend(): Backend {
  const backend = readTestEnv('TEST_BACKEND');
  if (backend !== 'pglite' && backend !== 'postgres') {
    throw new Error('database tests run through the vitest projects pglite/postgres (TEST_BACKEND unset)');
  }
  return backend;
}

/** A fresh, empty database on the current backend: in-memory PGlite, or a new native database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const backend = currentBackend();
  if (backend === 'pglite') {
    const db = await openDatabase({ memory: true });
    return {
      backend,
      db,
      openAnother: () =>
        Promise.reject(new Error('PGlite has a single connection; use the postgres backend')),
      destroy: () => db.close(),
    };
  }
  const adminUrl = readTestEnv('TEST_DATABASE_URL');
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `minutebook_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const others: Database[] = [];
  const db = await openDatabase({ url: url.toString() });
  return {
    backend,
    url: url.toString(),
    db,
    async openAnother() {
      const another = await openDatabase({ url: url.toString() });
      others.push(another);
      return another;
    },
    async destroy() {
      await Promise.all([db, ...others].map((each) => each.close().catch(() => undefined)));
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Registers a fresh migrated database for the whole test file; call the returned function inside tests. */
export function useMigratedDatabase(): () => TestDatabase {
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await migrate(testDb.db.pool);
  });
  afterAll(async () => {
    await testDb?.destroy();
  });
  return () => {
    if (!testDb) throw new Error('database not ready: useMigratedDatabase() must be called at file level');
    return testDb;
  };
}

/**
 * Applies the migrations before `migration` (a file of migrations/), as a database from before it was
 * written has them; a later `migrate(pool)` then applies it, and those after it, to the rows stored
 * meanwhile.
 */
export async function migrateBefore(pool: pg.Pool, migration: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-migrations-'));
  try {
    await cp(MIGRATIONS_DIR, dir, {
      recursive: true,
      filter: (source) => source === MIGRATIONS_DIR || path.basename(source) < migration,
    });
    await migrate(pool, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
