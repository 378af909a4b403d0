import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';

const getDb = useMigratedDatabase();

describe('minutebook ingest in a terminal', () => {
  it('draws one progress bar with counts and rate instead of a line per file on stderr', async () => {
    const { url } = getDb();
    const env = url
      ? { DATABASE_URL: url, LOG_LEVEL: 'silent' }
      : { MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-cli-')), LOG_LEVEL: 'silent' };
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 160 });
    let drawn = '';
    terminal.on('data', (chunk) => {
      drawn += String(chunk);
    });
    const capture = captureIO();
    const code = await runCli(['ingest', SEEDS_DIR], { env, io: { ...capture.io, progress: terminal } });
    expect(code).toBe(0);
    expect(drawn).toMatch(
      /ingesting .* 5\/5 files · [\d.]+ files\/s · 5 new, 0 updated, 0 unchanged, 0 skipped/,
    );
    expect(capture.stderr()).toBe('');
    // The result on stdout is unchanged: a line per input, then the totals.
    expect(capture.stdout()).toMatch(/5 ingested, 0 updated, 0 unchanged, 0 skipped$/);
  }, 120_000);
});
