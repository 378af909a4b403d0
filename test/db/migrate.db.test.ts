import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const opened: TestDatabase[] = [];
async function freshDatabase() {
  const testDb = await createTestDatabase();
  opened.push(testDb);
  return testDb;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

async function copyOfMigrations() {
  const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-migrations-'));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

async function tableNames(testDb: TestDatabase) {
  const { rows } = await testDb.db.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

describe('migrate', () => {
  it('creates the core schema on an empty database, with working vector and full-text columns', async () => {
    const testDb = await freshDatabase();
    const result = await migrate(testDb.db.pool);
    expect(result.applied).toEqual((await readMigrations()).map((file) => file.version));
    expect(await tableNames(testDb)).toEqual(
      expect.arrayContaining([
        'aliases',
        'chunks',
        'commitment_events',
        'commitments',
        'digest_posts',
        'digest_schedules',
        'documents',
        'embedding_models',
        'questions',
        'schema_migrations',
        'slack_events',
      ]),
    );
    const pool = testDb.db.pool;
    const doc = await pool.query(
      "INSERT INTO documents (source_uri, title, language, content, content_hash) VALUES ('a', 't', 'fr', 'x', 'h') RETURNING id",
    );
    const embedding = `[${Array.from({ length: 384 }, (_, i) => (i === 0 ? 1 : 0)).join(',')}]`;
    await pool.query(
      `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model)
       VALUES ($1, 0, 'Les centres de coopération', 0, 26, 'fr', 'french', $2, 'local-ngram-v1')`,
      [doc.rows[0].id, embedding],
    );
    const found = await pool.query(
      "SELECT embedding, tsv @@ to_tsquery('french', 'centre') AS matches FROM chunks WHERE embed_model = 'local-ngram-v1'",
    );
    expect(found.rows[0].matches).toBe(true);
    expect(found.rows[0].embedding.slice(0, 2)).toEqual([1, 0]);
    const indexes = await pool.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'chunks' AND indexdef LIKE '%hnsw%'",
    );
    expect(indexes.rows[0]?.indexdef).toContain('vector_cosine_ops');
  });

  it('is a no-op when run a second time', async () => {
    const testDb = await freshDatabase();
    await migrate(testDb.db.pool);
    const before = await testDb.db.pool.query(
      'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY 1',
    );
    const second = await migrate(testDb.db.pool);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toEqual(before.rows.map((row) => row.version));
    const after = await testDb.db.pool.query(
      'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY 1',
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('lets two migrators start at once without failing or applying a file twice', async () => {
    const testDb = await freshDatabase();
    const other = testDb.backend === 'postgres' ? await testDb.openAnother() : testDb.db;
    const results = await Promise.all([migrate(testDb.db.pool), migrate(other.pool)]);
    const appliedTwice = results.flatMap((result) => result.applied);
    expect(appliedTwice.sort()).toEqual((await readMigrations()).map((file) => file.version).sort());
    const { rows } = await testDb.db.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe((await readMigrations()).length);
  });

  it('rolls back a broken migration and leaves the previous schema intact', async () => {
    const testDb = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(testDb.db.pool, dir);
    await writeFile(
      path.join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (id int);\nALTER TABLE documents ADD COLUMN oops text;\nSELECT * FROM no_such_table;\n',
    );
    await expect(migrate(testDb.db.pool, dir)).rejects.toThrow(/9999_broken failed and was rolled back/);
    expect(await tableNames(testDb)).not.toContain('half_done');
    const columns = await testDb.db.pool.query(
      "SELECT 1 FROM information_schema.columns WHERE table_name = 'documents' AND column_name = 'oops'",
    );
    expect(columns.rowCount).toBe(0);
    const versions = await testDb.db.pool.query('SELECT version FROM schema_migrations');
    expect(versions.rows.map((row) => row.version)).not.toContain('9999_broken');
  });

  it('refuses to run when an applied migration file was edited', async () => {
    const testDb = await freshDatabase();
    const dir = await copyOfMigrations();
    await migrate(testDb.db.pool, dir);
    await writeFile(path.join(dir, '0001_init.sql'), '-- edited\n', { flag: 'a' });
    await expect(migrate(testDb.db.pool, dir)).rejects.toBeInstanceOf(MigrationError);
    await expect(migrate(testDb.db.pool, dir)).rejects.toThrow(/0001_init was changed after it was applied/);
  });
});
