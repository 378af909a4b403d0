import { mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
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
      ? { DATABASE_URL: database().url ?? '', LOG_LEVEL: 'silent', DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh' }
      : {
          MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-commit-cli-')),
          LOG_LEVEL: 'silent',
          DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh',
        };
});

async function cli(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, { env, io: capture.io });
  return { code, out: capture.stdout(), err: capture.stderr() };
}

describe('minutebook commit / commitments', () => {
  it('records, lists, completes, snoozes, exports and shows the history of commitments', async () => {
    const recorded = await cli(
      'commit',
      '<@U024BE7LH> send the draft MoU to Guangxi FAO by Friday',
      '--as',
      'U0',
      '--on',
      '2026-11-24',
      '--json',
    );
    expect(recorded.code).toBe(0);
    const commitment = JSON.parse(recorded.out);
    expect(commitment).toMatchObject({
      title: 'send the draft MoU to Guangxi FAO',
      owners: ['U024BE7LH'],
      due_on: '2026-11-27',
      tz: 'Asia/Ho_Chi_Minh',
      created_by: 'U0',
      status: 'open',
    });
    expect(Object.keys(commitment).filter((key) => /[A-Z]/.test(key))).toEqual([]);

    const mine = await cli('commit', 'book the interpreters in 2 weeks', '--tz', 'Europe/Paris');
    expect(mine.code).toBe(0);
    expect(mine.out).toMatch(
      new RegExp(
        `^recorded #\\d+ \\[open\\] due \\d{4}-\\d{2}-\\d{2} · ${userInfo().username} · book the interpreters$`,
      ),
    );

    const listed = await cli('commitments', 'list', '--owner', 'U024BE7LH', '--json');
    expect(JSON.parse(listed.out).map((each: { id: number }) => each.id)).toEqual([commitment.id]);

    const done = await cli('commitments', 'done', String(commitment.id), '--as', 'U024BE7LH', '--json');
    expect(JSON.parse(done.out)).toMatchObject({ status: 'done', version: 2 });
    expect((await cli('commitments', '--owner', 'U024BE7LH')).out).toBe('no commitments');
    expect((await cli('commitments', 'list', '--all', '--owner', 'U024BE7LH')).out).toContain('[done]');

    const reopened = await cli('commitments', 'reopen', String(commitment.id), '--as', 'U0');
    expect(reopened.out).toContain('[open]');
    const snoozed = await cli('commitments', 'snooze', String(commitment.id), '2099-01-15', '--as', 'U0');
    expect(snoozed.out).toContain('due 2099-01-15');

    const history = await cli('commitments', 'history', String(commitment.id), '--json');
    expect(JSON.parse(history.out).map((event: { action: string }) => event.action)).toEqual([
      'create',
      'complete',
      'reopen',
      'snooze',
    ]);

    const csv = await cli('commitments', 'export', '--format', 'csv');
    const records = parse(csv.out, { columns: true }) as Record<string, string>[];
    expect(records.map((record) => record.title).sort()).toEqual([
      'book the interpreters',
      'send the draft MoU to Guangxi FAO',
    ]);
    expect(records.find((record) => record.title === 'book the interpreters')?.channel).toBe('');
    const json = JSON.parse((await cli('commitments', 'export', '--format', 'json')).out);
    expect(json).toHaveLength(2);
    // Unknown values are null in JSON (an empty cell only in CSV).
    expect(json.find((record: { title: string }) => record.title === 'book the interpreters')).toMatchObject({
      completed_at: null,
      channel: null,
      link: null,
    });
  }, 120_000);

  it('reports parse errors as {error, message} with exit 1, and bad usage with exit 2', async () => {
    const past = await cli('commit', 'send the report by 2020-01-10', '--as', 'U0', '--json');
    expect(past.code).toBe(1);
    expect(JSON.parse(past.out)).toEqual({
      error: 'past_due',
      message: expect.stringContaining('2020-01-10'),
    });
    const empty = await cli('commit', '', '--as', 'U0');
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('by Friday');
    expect((await cli('commit', 'x', '--tz', 'Mars/Olympus')).code).toBe(2);
    expect((await cli('commit', 'x', '--on', '24/11/2026')).code).toBe(2);
    expect((await cli('commitments', 'done', 'abc')).code).toBe(2);
    expect((await cli('commitments', 'frobnicate')).code).toBe(2);
    expect((await cli('commitments', 'export', '--format', 'xml')).code).toBe(2);
    const missing = await cli('commitments', 'done', '999999', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)).toEqual({
      error: 'CommitmentNotFoundError',
      message: 'There is no commitment #999999.',
    });
  }, 120_000);
});
