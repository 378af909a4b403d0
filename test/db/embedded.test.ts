import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseError, openDatabase } from '../../src/db/pool.ts';

// The embedded database in a data folder: created by a child process the first time, then opened.
describe('embedded database in a data folder', () => {
  const folders: string[] = [];
  const folder = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-embedded-'));
    folders.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of folders) await rm(dir, { recursive: true, force: true });
  });

  it('creates a database in a new folder (vector included), and finds what was stored when opened again', async () => {
    const dataDir = path.join(await folder(), 'data');
    const first = await openDatabase({ dataDir });
    try {
      const vector = await first.pool.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
      expect(vector.rowCount).toBe(1);
      await first.pool.query('CREATE TABLE kept (v vector(3))');
      await first.pool.query("INSERT INTO kept VALUES ('[1,2,3]')");
      const settings = await first.pool.query<{ shared_buffers: string }>('SHOW shared_buffers');
      expect(settings.rows[0]?.shared_buffers).toBe('16MB');
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir });
    try {
      const { rows } = await again.pool.query<{ v: number[] }>('SELECT v FROM kept');
      expect(rows).toEqual([{ v: [1, 2, 3] }]);
    } finally {
      await again.close();
    }
  }, 120_000);

  it('says which folder cannot hold a database', async () => {
    const file = path.join(await folder(), 'not-a-folder');
    await writeFile(file, 'x');
    const opening = openDatabase({ dataDir: path.join(file, 'data') });
    await expect(opening).rejects.toThrow(DatabaseError);
    await expect(opening).rejects.toThrow(/not-a-folder/);
  }, 60_000);
});

describe('closing the embedded database while queries run', () => {
  it('lets running queries finish, refuses later ones clearly, and closes', async () => {
    const db = await openDatabase({ memory: true });
    const outcomes: string[] = [];
    let closing: Promise<void> | undefined;
    const worker = async () => {
      for (let i = 0; i < 50; i++) {
        if (i === 5 && !closing) closing = db.close();
        try {
          await db.pool.query('SELECT count(*) FROM generate_series(1, 5000)');
          outcomes.push('ok');
        } catch (error) {
          outcomes.push((error as Error).message);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    await closing;
    expect(outcomes).toContain('ok');
    // Every failure says why; none is a query cut off by the pool ending under it.
    expect(new Set(outcomes.filter((outcome) => outcome !== 'ok'))).toEqual(
      new Set(['the embedded database is closed']),
    );
  }, 60_000);
});
