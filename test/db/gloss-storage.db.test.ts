import { describe, expect, it } from 'vitest';
import { insertChunks } from '../../src/db/chunks.ts';
import { embedLocal, LOCAL_MODEL } from '../../src/embed/local.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { incompressibleWords, toastedValueSizes } from '../helpers/storage.ts';

const database = useMigratedDatabase();

// Words that do not compress, as minutes' names and numbers mostly do not.
const words = incompressibleWords(11);
const TEXT = words(120);
const GLOSS = words(200);

describe('chunk storage (migration 0016)', () => {
  it('keeps a chunk’s gloss and vector in its row and moves its full-text tsvector out', async () => {
    const pool = database().db.pool;
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
    const { rows: sizes } = await pool.query<{ gloss: number; tsv: number; embedding: number }>(
      `SELECT pg_column_size(gloss) AS gloss, pg_column_size(tsv) AS tsv, pg_column_size(embedding) AS embedding
         FROM chunks`,
    );
    const stored = await toastedValueSizes(pool);
    const { gloss, tsv, embedding } = sizes[0]!;
    // The row is over the TOAST target with all of them in it: something had to go out.
    expect(gloss + tsv + embedding).toBeGreaterThan(4080);
    expect(stored).toContain(tsv);
    expect(stored).not.toContain(gloss);
    expect(stored).not.toContain(embedding);
  });
});
