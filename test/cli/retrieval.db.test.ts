import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { ingestSamplesIfEmpty } from '../../src/ingest/index.ts';
import { testContext } from '../helpers/context.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

// The CLI opens its own database from the environment: a fresh native database, or an embedded one
// in a temporary data dir (an in-memory PGlite cannot be shared with it).
let testDb: TestDatabase | undefined;
let env: Record<string, string>;
beforeAll(async () => {
  testDb = await createTestDatabase();
  env =
    testDb.backend === 'postgres'
      ? { DATABASE_URL: testDb.url!, LOG_LEVEL: 'silent' }
      : { MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-cli-')), LOG_LEVEL: 'silent' };
  if (testDb.backend === 'pglite') await testDb.destroy();
}, 60_000);
afterAll(async () => {
  if (testDb?.backend === 'postgres') await testDb.destroy();
});

async function cli(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, { env, io: capture.io });
  return { code, stdout: capture.stdout(), stderr: capture.stderr() };
}

describe('minutebook ingest / search / aliases / reindex', () => {
  it('ingests the seeds (5 ingested, one translation group), then reports them unchanged', async () => {
    const first = await cli('ingest', SEEDS_DIR);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/5 ingested, 0 updated, 0 unchanged, 0 skipped$/);
    expect(first.stdout).toMatch(
      /ingested +\S+004_c16fc957563b6ada\.txt → #\d+ "Möte i början av våren 2025" \(sv, 2025-02-21, \d+ chunks, translation group \d+\)/,
    );
    const second = await cli('ingest', SEEDS_DIR, '--json');
    expect(second.code).toBe(0);
    const reports = JSON.parse(second.stdout) as { status: string; translation_group: number | null }[];
    expect(reports.map((report) => report.status)).toEqual(Array(5).fill('unchanged'));
    expect(reports.filter((report) => report.translation_group !== null)).toHaveLength(2);
  }, 120_000);

  it('search --json ranks the AI centre chunk in the top 3 with ids, scores and offsets', async () => {
    const { code, stdout } = await cli('search', 'what did Guangxi propose on AI', '--json', '--k', '5');
    expect(code).toBe(0);
    const hits = JSON.parse(stdout) as {
      text: string;
      document_id: number;
      score: number;
      start_char: number;
      end_char: number;
    }[];
    expect(hits).toHaveLength(5);
    expect(
      hits
        .slice(0, 3)
        .some((hit) =>
          /innovation en intelligence artificielle|innovationssamarbete inom artificiell intelligens/.test(
            hit.text,
          ),
        ),
    ).toBe(true);
    expect(hits[0]).toEqual(
      expect.objectContaining({
        document_id: expect.any(Number),
        score: expect.any(Number),
        start_char: expect.any(Number),
      }),
    );
    const text = await cli('search', 'Chen Gang', '--k', '3');
    expect(text.stdout).toMatch(/^1\. \[0\.\d{4}\] .+ doc \d+ chunk \d+ chars \d+-\d+\n {3}\S/);
    expect(text.stdout).toContain('Tran Cuong');
  }, 120_000);

  it('adds and lists aliases', async () => {
    const added = await cli('aliases', 'add', 'Huu Nghi', 'Hữu Nghị', '友谊关');
    expect(added).toMatchObject({ code: 0, stdout: 'Huu Nghi: Huu Nghi = Hữu Nghị = 友谊关' });
    const listed = await cli('aliases', 'list');
    expect(listed.stdout).toContain('Guangxi: Guangxi = Kouang-si = Kwangsi = Quang Tay = Quảng Tây = 广西');
    expect(listed.stdout).toContain('Huu Nghi: Huu Nghi = Hữu Nghị = 友谊关');
    expect((await cli('aliases', 'add', 'lonely')).code).toBe(2);
  }, 120_000);

  it('reindex re-embeds only what the current model lacks', async () => {
    const { code, stdout } = await cli('reindex', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ model: 'local-ngram-v1', dims: 384, reembedded: 0 });
  }, 120_000);

  it('exits 1 when nothing could be read, 0 when some files were skipped, 2 on bad usage', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-junk-'));
    await writeFile(path.join(dir, 'junk.pdf'), 'definitely not a pdf');
    await writeFile(
      path.join(dir, 'note.txt'),
      'Compte rendu : la réunion du comité mixte a eu lieu à Cao Bang le 4 avril 2025.',
    );
    const none = await cli('ingest', path.join(dir, 'junk.pdf'), path.join(dir, 'missing.docx'));
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/skipped +\S+junk\.pdf: not a PDF/);
    const some = await cli('ingest', dir);
    expect(some.code).toBe(0);
    expect(some.stdout).toMatch(/1 ingested, 0 updated, 0 unchanged, 1 skipped/);
    expect((await cli('ingest')).code).toBe(2);
    expect((await cli('search', 'x', '--k', 'ten')).code).toBe(2);
  }, 120_000);
});

describe('first start', () => {
  it('ingests the sample documents into an empty database, once', async () => {
    const fresh = await createTestDatabase();
    try {
      const { prepareDatabase } = await import('../../src/db/prepare.ts');
      await prepareDatabase(fresh.db.pool);
      const ctx = testContext(fresh.db, { SAMPLES_DIR: SEEDS_DIR });
      const reports = await ingestSamplesIfEmpty(ctx);
      expect(reports?.map((report) => report.status)).toEqual(Array(5).fill('ingested'));
      expect(await ingestSamplesIfEmpty(ctx)).toBeNull();
    } finally {
      await fresh.destroy();
    }
  }, 60_000);
});
