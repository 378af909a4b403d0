import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { currentBackend, useMigratedDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';

const database = useMigratedDatabase();
let env: Record<string, string>;
beforeAll(async () => {
  // PGlite is one process: the CLI opens its own embedded database in a fresh data dir.
  env =
    currentBackend() === 'postgres'
      ? { DATABASE_URL: database().url ?? '', LOG_LEVEL: 'info', DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh' }
      : {
          MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-hardening-cli-')),
          LOG_LEVEL: 'info',
          DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh',
        };
});

async function cli(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, { env, io: capture.io });
  return { code, out: capture.stdout(), err: capture.stderr() };
}

const FORMULA = '=HYPERLINK("http://evil.example","x")';

describe('commitments export --format csv', () => {
  beforeAll(async () => {
    expect((await cli('commit', FORMULA, '--as', '+SUM(A1)')).code).toBe(0);
    expect((await cli('commit', '@lan -2+3 budget line', '--as', '@evil')).code).toBe(0);
    expect((await cli('commit', 'the indented cell', '--as=-cmd')).code).toBe(0);
  });

  it('neutralises cells a spreadsheet would run as formulas (OWASP: a leading single quote)', async () => {
    const exported = await cli('commitments', 'export', '--format', 'csv');
    expect(exported.code).toBe(0);
    const rows = parse(exported.out, { columns: true }) as Record<string, string>[];
    const cells = rows.flatMap((row) => [row.title!, row.owners!, row.created_by!]);
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((row) => row.title)).toContain(`'${FORMULA}`);
    expect(rows.map((row) => row.created_by)).toEqual(
      expect.arrayContaining(["'+SUM(A1)", "'@evil", "'-cmd"]),
    );
    expect(rows.map((row) => row.title)).toContain("'-2+3 budget line");
  });

  it('exports cells exactly as stored with --raw, for a round trip', async () => {
    const exported = await cli('commitments', 'export', '--format', 'csv', '--raw');
    expect(exported.code).toBe(0);
    const rows = parse(exported.out, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.title)).toContain(FORMULA);
    expect(rows.map((row) => row.created_by)).toContain('+SUM(A1)');
  });
});

describe('bad flag values and no-op changes', () => {
  it('exits 2 with usage, not a stack trace, for an impossible --from or --to date', async () => {
    for (const flags of [
      ['--from', '2025-13-01'],
      ['--to', '2025-02-30'],
    ]) {
      const result = await cli('search', 'Guangxi', ...flags);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/--(from|to) .*not a date/);
      expect(result.err).toContain('usage: minutebook search');
      expect(result.err + result.out).not.toMatch(/\n\s+at |"stack"/);
    }
  });

  it('says so when accepting a commitment that is already open, instead of succeeding silently', async () => {
    const recorded = await cli('commit', 'book the interpreters', '--as', 'lan', '--json');
    const { id, version } = JSON.parse(recorded.out) as { id: number; version: number };
    const accepted = await cli('commitments', 'accept', String(id), '--as', 'lan', '--json');
    expect(accepted.code).toBe(0);
    expect(accepted.err).toBe(`Commitment #${id} is already open: nothing changed.`);
    expect(JSON.parse(accepted.out)).toMatchObject({ id, status: 'open', version });
    const done = await cli('commitments', 'done', String(id), '--as', 'lan');
    expect(done.err).toBe('');
  });
});
