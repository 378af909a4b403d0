import { afterEach, describe, expect, it } from 'vitest';
import { insertChunks } from '../../src/db/chunks.ts';
import { migrate } from '../../src/db/migrate.ts';
import { embedLocal, LOCAL_MODEL } from '../../src/embed/local.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

// Words that do not compress, as minutes' names and numbers mostly do not.
let seed = 11;
const word = () =>
  Array.from({ length: 4 + (seed % 5) }, () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return String.fromCharCode(97 + (seed % 26));
  }).join('');
const TEXT = Array.from({ length: 120 }, word).join(' ');
const GLOSS = Array.from({ length: 200 }, word).join(' ');

describe('chunk storage (migration 0016)', () => {
  it('keeps a chunk’s gloss and vector in its row and moves its full-text tsvector out', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    await migrate(pool);
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO documents (source_uri, title, language, content, content_hash)
       VALUES ('/minutes/a.txt', 'A', 'en', $1, 'a') RETURNING id`,
      [TEXT],
    );
    await insertChunks(
      pool,
      Number(rows[0]!.id),
      [
        {
          ord: 0,
          text: TEXT,
          startChar: 0,
          endChar: TEXT.length,
          language: 'en',
          langConfig: 'simple',
          gloss: GLOSS,
          embedding: embedLocal(TEXT),
        },
      ],
      LOCAL_MODEL,
      1,
    );
    await pool.query('VACUUM chunks');
    // Sizes of the values stored out of line for chunks, against each column's size.
    const { rows: toast } = await pool.query<{ toast: string }>(
      "SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = 'chunks'::regclass",
    );
    const { rows: outOfLine } = await pool.query<{ size: number }>(
      `SELECT sum(length(chunk_data))::int AS size FROM ${toast[0]!.toast} GROUP BY chunk_id`,
    );
    const { rows: sizes } = await pool.query<{ gloss: number; tsv: number; embedding: number }>(
      `SELECT pg_column_size(gloss) AS gloss, pg_column_size(tsv) AS tsv, pg_column_size(embedding) AS embedding
         FROM chunks`,
    );
    const stored = outOfLine.map((row) => row.size);
    const { gloss, tsv, embedding } = sizes[0]!;
    // The row is over the TOAST target with all of them in it: something had to go out.
    expect(gloss + tsv + embedding).toBeGreaterThan(4080);
    expect(stored).toContain(tsv);
    expect(stored).not.toContain(gloss);
    expect(stored).not.toContain(embedding);
  });
});
