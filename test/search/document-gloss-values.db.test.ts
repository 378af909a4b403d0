import type pg from 'pg';
import pgvector from 'pgvector/pg';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteChunks, insertChunks, updateGlosses } from '../../src/db/chunks.ts';
import { migrate } from '../../src/db/migrate.ts';
import { embedLocal, LOCAL_MODEL } from '../../src/embed/local.ts';
import { constraintsHeld } from '../../src/search/constraints.ts';
import { createTestDatabase, migrateBefore, type TestDatabase } from '../helpers/db.ts';

// Which years and sessions a document holds is read from a table that triggers on chunks keep
// (migrations/0015): every way chunks change must keep it true, and chunks stored before it must count.

const opened: TestDatabase[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((testDb) => testDb.destroy()));
});

async function addDocument(pool: pg.Pool, name: string): Promise<number> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO documents (source_uri, title, language, content, content_hash)
     VALUES ($1, $1, 'en', 'minutes', $1) RETURNING id`,
    [`/minutes/${name}`],
  );
  return Number(rows[0]!.id);
}

const chunk = (ord: number, text: string, gloss: string) => ({
  ord,
  text,
  startChar: 0,
  endChar: text.length,
  language: 'en',
  langConfig: 'english',
  gloss,
  embedding: embedLocal(text),
});

async function chunkIds(pool: pg.Pool, documentId: number): Promise<number[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM chunks WHERE document_id = $1 ORDER BY ord',
    [documentId],
  );
  return rows.map((row) => Number(row.id));
}

const ASKED = ['2019', '2020', '2021', '2022', '2023', 'ord12', 'ord13'];

async function held(pool: pg.Pool, ids: number[]): Promise<Record<number, string[]>> {
  const found = await constraintsHeld(pool, ids, ASKED);
  return Object.fromEntries([...found].map(([id, values]) => [id, [...values].sort()]));
}

describe('the years and ordinals a document holds', () => {
  it('follow its chunks as they are inserted, glossed again, replaced and removed', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    await migrate(pool);
    const a = await addDocument(pool, 'a.txt');
    const b = await addDocument(pool, 'b.txt');
    await insertChunks(
      pool,
      a,
      [
        chunk(0, 'The 12th conference met in 2019.', 'the 12th conference ord12 met in 2019'),
        chunk(1, 'Trade grew in 2020.', 'trade grew in 2020'),
      ],
      LOCAL_MODEL,
      1,
    );
    await insertChunks(pool, b, [chunk(0, 'The meeting of 2021.', 'the meeting of 2021')], LOCAL_MODEL, 1);
    const [a0, a1] = await chunkIds(pool, a);
    const [b0] = await chunkIds(pool, b);
    // Any chunk of a document stands for it; a value is the document's if any of its chunks holds it.
    expect(await held(pool, [a0!])).toEqual({ [a]: ['2019', '2020', 'ord12'] });
    expect(await held(pool, [a1!, b0!])).toEqual({ [a]: ['2019', '2020', 'ord12'], [b]: ['2021'] });

    // Glossed again (a new gloss version): the year it lost is gone, the one it gained is there.
    await updateGlosses(pool, [{ id: a1!, gloss: 'trade grew in 2022' }], 2);
    expect(await held(pool, [a0!])).toEqual({ [a]: ['2019', '2022', 'ord12'] });

    // Replaced (a document ingested again): only the new chunks' values.
    await deleteChunks(pool, a);
    await insertChunks(
      pool,
      a,
      [chunk(0, 'The 13th conference, 2023.', 'the 13th ord13 conference 2023')],
      LOCAL_MODEL,
      2,
    );
    const [a2] = await chunkIds(pool, a);
    expect(await held(pool, [a2!, b0!])).toEqual({ [a]: ['2023', 'ord13'], [b]: ['2021'] });

    // Removed: nothing is left behind for it, and the other document keeps its own.
    await pool.query('DELETE FROM documents WHERE id = $1', [a]);
    const { rows } = await pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM document_gloss_values WHERE document_id = $1',
      [a],
    );
    expect(rows[0]!.n).toBe(0);
    expect(await held(pool, [b0!])).toEqual({ [b]: ['2021'] });
  });

  it('count the chunks stored before the table existed', async () => {
    const testDb = await createTestDatabase();
    opened.push(testDb);
    const pool = testDb.db.pool;
    await migrateBefore(pool, '0015_document_gloss_values.sql');
    const a = await addDocument(pool, 'a.txt');
    await pool.query(
      `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, embedding, embed_model, gloss)
       VALUES ($1, 0, 'The 12th conference, 2019.', 0, 26, 'en', 'english', $2::vector, $3,
               to_tsvector('english', 'the 12th conference ord12 2019 period2022'))`,
      [a, pgvector.toSql(embedLocal('The 12th conference, 2019.')), LOCAL_MODEL],
    );
    await migrate(pool);
    expect(await held(pool, await chunkIds(pool, a))).toEqual({ [a]: ['2019', 'ord12'] });
  });
});
