import pgvector from 'pgvector/pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { embedLocal } from '../../src/embed/local.ts';
import { createTestDatabase, migrateBefore, type TestDatabase } from '../helpers/db.ts';
import { incompressibleWords, toastedValueSizes } from '../helpers/storage.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

// Words that do not compress: with its tsvector, this text pushes a row over the 2 kB TOAST threshold.
const TEXT = incompressibleWords(7)(200);

describe('migration 0013 (vectors in line)', () => {
  it('moves stored vectors of an existing database into their rows, unchanged', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    await migrateBefore(pool, '0013_embedding_storage.sql');
    const vector = embedLocal(TEXT);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO documents (source_uri, title, language, content, content_hash)
       VALUES ('/minutes/a.txt', 'A', 'en', $1, 'a') RETURNING id`,
      [TEXT],
    );
    await pool.query(
      `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model)
       VALUES ($1, 0, $2, 0, length($2), 'en', 'simple', $3::vector, 'local-ngram-v1')`,
      [rows[0]!.id, TEXT, pgvector.toSql(vector)],
    );
    // 384 float4 and an 8-byte header: the vector is what the toaster moved out (VACUUM: no dead rows).
    await pool.query('VACUUM chunks');
    const vectorBytes = 384 * 4 + 4;
    expect(await toastedValueSizes(pool)).toContain(vectorBytes);
    const { rows: original } = await pool.query<{ embedding: string }>('SELECT embedding::text FROM chunks');

    await migrate(pool);
    await pool.query('VACUUM chunks');
    expect(await toastedValueSizes(pool)).not.toContain(vectorBytes);
    const { rows: stored } = await pool.query<{ embedding: string; storage: string }>(
      `SELECT c.embedding::text AS embedding,
              (SELECT attstorage FROM pg_attribute WHERE attrelid = 'chunks'::regclass AND attname = 'embedding') AS storage
         FROM chunks c`,
    );
    expect(stored[0]!.storage).toBe('m');
    expect(stored[0]!.embedding).toBe(original[0]!.embedding);
  });
});
