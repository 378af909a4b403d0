import { mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestInputs, ingestSamplesIfEmpty } from '../../src/ingest/index.ts';
import { FakeHttpServer } from '../fakes/http.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { makeDocx, makePdf } from '../helpers/documents.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const database = useMigratedDatabase();
const utf8 = (text: string) => new TextEncoder().encode(text);

async function scratchDir() {
  return mkdtemp(path.join(tmpdir(), 'minutebook-ingest-'));
}

describe('ingesting the seed articles', () => {
  it('reports 5 ingested, links 000 and 004 as one translation group, then 5 unchanged', async () => {
    const ctx = testContext(database().db);
    const progress: number[] = [];
    const first = await ingestInputs(ctx, [SEEDS_DIR], {}, (_report, done) => progress.push(done));
    expect(first.map((report) => report.status)).toEqual(Array(5).fill('ingested'));
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    const byName = (name: string) => first.find((report) => report.input.includes(name))!;
    const french = byName('000_');
    const swedish = byName('004_');
    expect(french.language).toBe('fr');
    expect(swedish.language).toBe('sv');
    expect(french.publishedOn).toBe('2025-02-21');
    expect(byName('001_').publishedOn).toBe('2025-02-20');
    const { rows } = await ctx.db.pool.query<{ id: string; translation_group: string | null }>(
      'SELECT id, translation_group FROM documents ORDER BY id',
    );
    const groups = new Map(
      rows.map((row) => [Number(row.id), row.translation_group && Number(row.translation_group)]),
    );
    expect(groups.get(french.documentId!)).toBe(french.documentId);
    expect(groups.get(swedish.documentId!)).toBe(french.documentId);
    for (const other of ['001_', '002_', '003_']) expect(groups.get(byName(other).documentId!)).toBeNull();

    const second = await ingestInputs(ctx, [SEEDS_DIR]);
    expect(second.map((report) => report.status)).toEqual(Array(5).fill('unchanged'));
    expect(second.map((report) => report.documentId)).toEqual(first.map((report) => report.documentId));
    expect(byName('004_').translationGroup).toBe(french.documentId);
  });

  it('stores cleaned content whose chunk offsets quote it exactly, with per-language text search', async () => {
    const { pool } = database().db;
    const { rows } = await pool.query<{ ok: boolean; n: number }>(
      `SELECT bool_and(substr(d.content, c.start_char + 1, c.end_char - c.start_char) = c.text) AS ok, count(*)::int AS n
         FROM chunks c JOIN documents d ON d.id = c.document_id`,
    );
    expect(rows[0]).toMatchObject({ ok: true });
    expect(rows[0]!.n).toBeGreaterThan(20);
    const configs = await pool.query<{ language: string; lang_config: string }>(
      'SELECT DISTINCT language, lang_config::text FROM chunks ORDER BY 1',
    );
    expect(configs.rows).toEqual([
      { language: 'fr', lang_config: 'french' },
      { language: 'sv', lang_config: 'swedish' },
    ]);
    const boilerplate = await pool.query(
      "SELECT 1 FROM documents WHERE content LIKE '%Vietnam.vn%' OR content LIKE '%Comment (0)%'",
    );
    expect(boilerplate.rowCount).toBe(0);
    const embedded = await pool.query(
      "SELECT count(*)::int AS n FROM chunks WHERE embed_model = 'local-ngram-v1'",
    );
    expect(embedded.rows[0].n).toBe(rows[0]!.n);
  });

  it('does nothing on start when documents exist', async () => {
    expect(await ingestSamplesIfEmpty(testContext(database().db))).toBeNull();
  });
});

describe('re-ingesting a source', () => {
  it('replaces the content and chunks of an updated file in place, and keeps an identical copy as unchanged', async () => {
    const ctx = testContext(database().db);
    const dir = await scratchDir();
    const file = path.join(dir, 'minutes.txt');
    const version1 =
      'Compte rendu du 3 mars 2025.\n\nLe comité a adopté le plan de travail pour le poste-frontière de Mong Cai.';
    await writeFile(file, version1);
    const [created] = await ingestInputs(ctx, [file]);
    expect(created).toMatchObject({ status: 'ingested', chunks: 1, publishedOn: '2025-03-03' });
    const version2 = `${version1}\n\nAjout : la réunion suivante aura lieu à Dongxing le 12 avril 2025.`;
    await writeFile(file, version2);
    const [updated] = await ingestInputs(ctx, [file]);
    expect(updated).toMatchObject({ status: 'updated', documentId: created!.documentId });
    const { rows } = await ctx.db.pool.query('SELECT text FROM chunks WHERE document_id = $1', [
      created!.documentId,
    ]);
    expect(rows.map((row) => row.text).join(' ')).toContain('Dongxing le 12 avril 2025');
    expect(rows.some((row) => row.text === version1)).toBe(false);
    const stored = await ctx.db.pool.query('SELECT content FROM documents WHERE id = $1', [
      created!.documentId,
    ]);
    expect(stored.rows[0].content).toBe(version2);

    const copy = path.join(dir, 'copy-of-minutes.txt');
    await writeFile(copy, version2);
    const [duplicate] = await ingestInputs(ctx, [copy]);
    expect(duplicate).toMatchObject({ status: 'unchanged', documentId: created!.documentId });
  });

  it('lets two concurrent ingests of the same file store it once', async () => {
    const testDb = database();
    const other = testDb.backend === 'postgres' ? await testDb.openAnother() : testDb.db;
    const bytes = utf8(
      `Procès-verbal du 14 mai 2025.\n\n${'Les deux parties ont convenu de renforcer la coopération douanière au poste de Huu Nghi. '.repeat(40)}`,
    );
    const file = { name: 'pv.txt', bytes, sourceUri: '/shared/pv-2025-05-14.txt' };
    const results = await Promise.all([
      ingestFile(testContext(testDb.db), file),
      ingestFile(testContext(other), file),
      ingestFile(testContext(testDb.db), { ...file, sourceUri: '/shared/copy/pv.txt' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['ingested', 'unchanged', 'unchanged']);
    expect(new Set(results.map((result) => result.documentId)).size).toBe(1);
    const { rows } = await testDb.db.pool.query(
      "SELECT count(*)::int AS docs, (SELECT count(*)::int FROM chunks WHERE document_id = $1) AS chunks FROM documents WHERE content LIKE 'Procès-verbal du 14 mai 2025.%'",
      [results[0]!.documentId],
    );
    expect(rows[0].docs).toBe(1);
    expect(rows[0].chunks).toBe(results.find((result) => result.status === 'ingested')!.chunks);
  });
});

describe('hostile and varied inputs', () => {
  it('skips junk, empty, oversized and unsupported files with reasons and ingests the rest', async () => {
    const ctx = testContext(database().db, { INGEST_MAX_BYTES: String(20 * 1024 * 1024) });
    const dir = await scratchDir();
    await writeFile(
      path.join(dir, 'a-junk.pdf'),
      new Uint8Array(4096).map((_, i) => (i * 37) % 256),
    );
    await writeFile(path.join(dir, 'b-empty.txt'), '');
    // 50 MB without writing 50 MB: a sparse file.
    const huge = await open(path.join(dir, 'c-huge.txt'), 'w');
    await huge.truncate(50 * 1024 * 1024);
    await huge.close();
    await writeFile(path.join(dir, 'd-photo.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    await writeFile(
      path.join(dir, 'e-page.html'),
      '<html><head><script>steal()</script></head><body><nav>Menu</nav><main><h1>Hội đàm đầu Xuân 2025</h1><p>Ngày 21 tháng 2 năm 2025, tại thành phố Hạ Long, tỉnh Quảng Ninh đã diễn ra hội đàm đầu Xuân giữa các bí thư tỉnh ủy.</p></main><script>alert("x")</script></body></html>',
    );
    await writeFile(
      path.join(dir, 'f-minutes.pdf'),
      await makePdf([['Minutes of 2 June 2025', 'Lang Son and Guangxi reviewed border trade.']]),
    );
    await writeFile(
      path.join(dir, 'g-minutes.docx'),
      await makeDocx('Protokoll', [
        'Mötet hölls den 5 juni 2025 i Cao Bang.',
        'Parterna enades om ett nytt gränsövergångsställe.',
      ]),
    );
    const reports = await ingestInputs(ctx, [dir, path.join(dir, 'missing.txt')]);
    const byName = (name: string) => reports.find((report) => report.input.endsWith(name))!;
    expect(byName('a-junk.pdf')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/not a PDF/),
    });
    expect(byName('b-empty.txt')).toMatchObject({ status: 'skipped', reason: 'empty file' });
    expect(byName('c-huge.txt')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/too large: 52428800 bytes/),
    });
    expect(byName('d-photo.png')).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/unsupported type \.png/),
    });
    expect(byName('missing.txt')).toMatchObject({ status: 'skipped', reason: 'not found' });
    expect(byName('e-page.html')).toMatchObject({
      status: 'ingested',
      language: 'vi',
      publishedOn: '2025-02-21',
      title: 'Hội đàm đầu Xuân 2025',
    });
    expect(byName('f-minutes.pdf')).toMatchObject({
      status: 'ingested',
      language: 'en',
      publishedOn: '2025-06-02',
    });
    expect(byName('g-minutes.docx')).toMatchObject({
      status: 'ingested',
      language: 'sv',
      publishedOn: '2025-06-05',
    });
    const html = await ctx.db.pool.query('SELECT content FROM documents WHERE id = $1', [
      byName('e-page.html').documentId,
    ]);
    expect(html.rows[0].content).not.toMatch(/steal|alert|Menu/);
  });
});

describe('URL ingestion', () => {
  let server: FakeHttpServer;
  beforeAll(async () => {
    server = await new FakeHttpServer().start();
    server.route('GET /news/spring-meeting', () => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<html lang="fr"><body><article><h1>Rencontre de printemps</h1><p>Le 20 février 2025, le secrétaire Chen Gang a été reçu à Ha Long pour la 16e conférence du comité de travail conjoint.</p></article></body></html>',
    }));
    server.route('GET /big.txt', () => ({
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(5000),
    }));
    server.route('GET /slow.txt', () => ({
      headers: { 'content-type': 'text/plain' },
      body: 'late',
      delayMs: 2_000,
    }));
    server.route('GET /gone', () => ({ status: 404, body: 'not here' }));
    server.route('GET /elsewhere', () => ({
      status: 302,
      headers: { location: `${server.url}/news/spring-meeting` },
    }));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('downloads a page, enforces the size limit and the timeout, and reports HTTP errors', async () => {
    const ctx = testContext(database().db, {
      INGEST_MAX_BYTES: '4096',
      INGEST_FETCH_TIMEOUT_MS: '300',
      // The test server is on loopback, which URL ingestion refuses unless allowed.
      INGEST_ALLOW_PRIVATE_HOSTS: '127.0.0.1',
    });
    const page = `${server.url}/news/spring-meeting`;
    const reports = await ingestInputs(ctx, [
      page,
      `${server.url}/big.txt`,
      `${server.url}/slow.txt`,
      `${server.url}/gone`,
      'ftp://example.org/x.txt',
    ]);
    expect(reports[0]).toMatchObject({
      status: 'ingested',
      title: 'Rencontre de printemps',
      language: 'fr',
      publishedOn: '2025-02-20',
    });
    expect(reports[1]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/too large/) });
    expect(reports[2]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/timed out after 300 ms/),
    });
    expect(reports[3]).toMatchObject({ status: 'skipped', reason: 'download failed: HTTP 404' });
    expect(reports[4]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/unsupported URL scheme/),
    });
    const stored = await ctx.db.pool.query('SELECT source_uri FROM documents WHERE id = $1', [
      reports[0]!.documentId,
    ]);
    expect(stored.rows[0].source_uri).toBe(page);
    const [again] = await ingestInputs(ctx, [page]);
    expect(again!.status).toBe('unchanged');
    server.assertNoUnhandled();
  });

  it('refuses loopback, private and metadata addresses, however spelled, and on every redirect', async () => {
    const ctx = testContext(database().db);
    const port = new URL(server.url).port;
    const inputs = [
      `http://127.0.0.1:${port}/news/spring-meeting`,
      `http://2130706433:${port}/news/spring-meeting`,
      `http://[::ffff:127.0.0.1]:${port}/news/spring-meeting`,
      `http://localhost:${port}/news/spring-meeting`,
      'http://169.254.169.254/latest/meta-data/',
      'http://10.1.2.3/',
      'http://100.64.0.1/',
      'http://[fd00:ec2::254]/',
      'http://224.0.0.1/',
    ];
    const before = server.requests.length;
    const documents = async () =>
      (await ctx.db.pool.query('SELECT count(*)::int AS n FROM documents')).rows[0].n as number;
    const storedBefore = await documents();
    const reports = await ingestInputs(ctx, inputs);
    for (const report of reports) {
      expect(report).toMatchObject({
        status: 'skipped',
        reason: expect.stringMatching(
          /^refused: .* is not a public address \((loopback|private|link-local|carrier-grade NAT|multicast|unique local)\)/,
        ),
      });
    }
    expect(reports[2]!.reason).toMatch(
      /^refused: 127\.0\.0\.1 \(::ffff:7f00:1\) is not a public address \(loopback\)/,
    );
    expect(reports[4]!.reason).toMatch(/\(link-local\)/);
    expect(server.requests.length).toBe(before);
    expect(await documents()).toBe(storedBefore);
  });

  it('checks every redirect: an allowed host cannot send the download to a refused one', async () => {
    // localhost is allowed by name; the redirect goes to 127.0.0.1, which is not.
    const ctx = testContext(database().db, { INGEST_ALLOW_PRIVATE_HOSTS: 'localhost' });
    const port = new URL(server.url).port;
    const before = server.requestsTo('GET /news/spring-meeting').length;
    const [report] = await ingestInputs(ctx, [`http://localhost:${port}/elsewhere`]);
    expect(report).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/^refused: 127\.0\.0\.1 is not a public address \(loopback\)/),
    });
    expect(server.requestsTo('GET /elsewhere')).toHaveLength(1);
    expect(server.requestsTo('GET /news/spring-meeting').length).toBe(before);

    // Allowed as a range, the same redirect is followed.
    const intranet = testContext(database().db, {
      INGEST_ALLOW_PRIVATE_HOSTS: 'intranet.example, 127.0.0.0/8',
    });
    const [followed] = await ingestInputs(intranet, [`http://localhost:${port}/elsewhere`]);
    expect(followed).toMatchObject({ status: 'unchanged', title: 'Rencontre de printemps' });
    expect(server.requestsTo('GET /news/spring-meeting').length).toBe(before + 1);
  });
});
