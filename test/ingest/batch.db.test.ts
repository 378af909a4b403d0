import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestInputs } from '../../src/ingest/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

// A batch of files (from ten on) is prepared in a worker thread while the main thread stores the
// previous document (src/ingest/preparer.ts). What is stored must be what ingesting the files one by
// one stores, in the same order, with the same reports.
const database = useMigratedDatabase();
const CORPUS = fileURLToPath(new URL('../../eval/corpus/', import.meta.url));

let dir = '';
let names: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'minutebook-batch-'));
  const corpus = (await readdir(CORPUS)).filter((name) => /\.(txt|md)$/.test(name)).sort();
  // Twelve documents in several languages, then three that cannot be ingested.
  for (const name of corpus.slice(0, 12))
    await writeFile(path.join(dir, name), await readFile(path.join(CORPUS, name)));
  await writeFile(path.join(dir, 'zz-empty.txt'), '');
  await writeFile(path.join(dir, 'zz-no-text.txt'), '— … —\n');
  await writeFile(path.join(dir, 'zz-unknown.xyz'), 'binary?');
  names = (await readdir(dir)).sort((a, b) => a.localeCompare(b));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every document's chunks as stored, by source file name, in ingestion order. */
async function stored() {
  const { rows } = await database().db.pool.query<Record<string, unknown>>(
    `SELECT d.source_uri, d.title, d.language, d.published_on::text, c.ord, c.text, c.start_char, c.end_char,
            c.language AS chunk_language, c.lang_config::text, c.gloss::text, c.tsv::text
       FROM documents d JOIN chunks c ON c.document_id = d.id
      ORDER BY d.id, c.ord`,
  );
  return rows.map((row) => ({ ...row, source_uri: path.basename(String(row.source_uri)) }));
}

describe('ingesting a batch of files', () => {
  it('stores what ingesting them one by one stores, in order, with the same reports', async () => {
    const ctx = testContext(database().db);
    const reports = await ingestInputs(ctx, [dir]);
    expect(reports.map((report) => path.basename(report.input))).toEqual(names);
    expect(reports.filter((report) => report.status === 'ingested')).toHaveLength(12);
    const reasons = Object.fromEntries(
      reports.filter((report) => report.status === 'skipped').map((r) => [path.basename(r.input), r.reason]),
    );
    expect(reasons['zz-empty.txt']).toBe('empty file');
    expect(reasons['zz-no-text.txt']).toBe('no text found');
    expect(reasons['zz-unknown.xyz']).toMatch(/unsupported/);
    const batch = await stored();
    expect(batch.length).toBeGreaterThan(12);

    await database().db.pool.query('DELETE FROM documents');
    for (const name of names) {
      const bytes = await readFile(path.join(dir, name));
      const report = await ingestFile(ctx, { name, bytes, sourceUri: path.join(dir, name) });
      const inBatch = reports.find((r) => path.basename(r.input) === name)!;
      expect({ status: report.status, reason: report.reason, title: report.title }).toEqual({
        status: inBatch.status,
        reason: inBatch.reason,
        title: inBatch.title,
      });
    }
    expect(await stored()).toEqual(batch);
  }, 60_000);
});
