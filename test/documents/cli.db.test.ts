import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { currentBackend, useMigratedDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const database = useMigratedDatabase();
let env: Record<string, string>;
beforeAll(async () => {
  env =
    currentBackend() === 'postgres'
      ? { DATABASE_URL: database().url ?? '', LOG_LEVEL: 'silent' }
      : {
          MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-documents-cli-')),
          LOG_LEVEL: 'silent',
        };
});

async function cli(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, { env, io: capture.io });
  return { code, out: capture.stdout(), err: capture.stderr() };
}

const SEED = path.join(SEEDS_DIR, '003_9ad8e223d7148694.txt');

describe('minutebook documents', () => {
  it('lists, shows and removes a document by path; search no longer finds it; re-ingesting makes a new one', async () => {
    expect((await cli('ingest', SEEDS_DIR)).code).toBe(0);
    const listed = JSON.parse((await cli('documents', 'list', '--json')).out) as {
      id: number;
      source_uri: string;
      chunks: number;
    }[];
    expect(listed).toHaveLength(5);
    const target = listed.find((document) => document.source_uri === SEED)!;
    expect(target.chunks).toBeGreaterThan(0);

    const shown = await cli('documents', 'show', String(target.id));
    expect(shown.out).toContain(`source: ${SEED}`);

    const searchFor = async () =>
      (
        JSON.parse((await cli('search', '72,2 milliards de dollars', '--json')).out) as {
          document_id: number;
        }[]
      ).map((hit) => hit.document_id);
    expect(await searchFor()).toContain(target.id);

    const removed = await cli(
      'documents',
      'remove',
      path.relative(process.cwd(), SEED),
      '--as',
      'secretariat',
    );
    expect(removed.code).toBe(0);
    expect(removed.out).toMatch(
      new RegExp(
        `^removed #${target.id} “.*”: ${target.chunks} chunks and their embeddings deleted \\(audit #\\d+, by secretariat\\)$`,
      ),
    );
    expect(await searchFor()).not.toContain(target.id);
    expect((await cli('documents', 'list', '--json')).out).not.toContain(SEED);

    const again = await cli('documents', 'remove', String(target.id));
    expect(again.code).toBe(1);
    expect(again.err).toContain(`no document ${target.id}`);

    const reingested = await cli('ingest', SEED, '--json');
    const [report] = JSON.parse(reingested.out);
    expect(report.status).toBe('ingested');
    expect(report.document_id).not.toBe(target.id);
    expect(await searchFor()).toContain(report.document_id);
  });

  it('refuses an unknown action or a missing reference with usage', async () => {
    expect((await cli('documents', 'purge', '1')).code).toBe(2);
    const missing = await cli('documents', 'remove');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('usage: minutebook documents list');
  });
});
