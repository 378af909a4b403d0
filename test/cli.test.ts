import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli.ts';
import { captureIO } from './helpers/io.ts';

describe('minutebook CLI', () => {
  it('prints usage on stderr and exits 2 for an unknown command', async () => {
    const capture = captureIO();
    expect(await runCli(['frobnicate'], { env: {}, io: capture.io })).toBe(2);
    expect(capture.stderr()).toContain("unknown command 'frobnicate'");
    expect(capture.stderr()).toContain('usage: minutebook <command>');
  });

  it('exits 2 with the command usage for an unknown flag', async () => {
    const capture = captureIO();
    expect(await runCli(['migrate', '--frobnicate'], { env: {}, io: capture.io })).toBe(2);
    expect(capture.stderr()).toContain('usage: minutebook migrate');
  });

  it('prints the version', async () => {
    const capture = captureIO();
    expect(await runCli(['--version'], { env: {}, io: capture.io })).toBe(0);
    expect(capture.stdout()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reports an unreachable DATABASE_URL in one line naming the host', async () => {
    const capture = captureIO();
    const code = await runCli(['migrate'], {
      env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' },
      io: capture.io,
    });
    expect(code).toBe(1);
    expect(capture.stderr().split('\n')).toHaveLength(1);
    expect(capture.stderr()).toMatch(/cannot connect to Postgres at 127\.0\.0\.1:1\/nowhere/);
  });

  it('migrates an empty embedded data dir, then reports it up to date', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-cli-'));
    const first = captureIO();
    expect(await runCli(['migrate'], { env: { MINUTEBOOK_DATA_DIR: dataDir }, io: first.io })).toBe(0);
    expect(first.stdout()).toMatch(/^applied 0001_init/);
    const second = captureIO();
    expect(
      await runCli(['migrate', '--json'], { env: { MINUTEBOOK_DATA_DIR: dataDir }, io: second.io }),
    ).toBe(0);
    expect(JSON.parse(second.stdout()).applied).toEqual([]);
  }, 60_000);

  it('keeps JSON log lines out of a terminal unless LOG_LEVEL asks for them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-cli-'));
    const terminal = captureIO();
    const tty = { ...terminal.io, isTTY: true };
    expect(await runCli(['reindex'], { env: { MINUTEBOOK_DATA_DIR: dataDir }, io: tty })).toBe(0);
    expect(terminal.stdout()).toMatch(/^re-embedded 0 chunks/);
    expect(terminal.stderr()).not.toContain('"level"');

    const piped = captureIO();
    expect(await runCli(['reindex'], { env: { MINUTEBOOK_DATA_DIR: dataDir }, io: piped.io })).toBe(0);
    expect(JSON.parse(piped.stderr().split('\n').at(-1)!)).toMatchObject({ msg: 'reindex finished' });

    const asked = captureIO();
    const env = { MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    expect(await runCli(['reindex'], { env, io: { ...asked.io, isTTY: true } })).toBe(0);
    expect(asked.stderr()).toContain('reindex finished');
  }, 60_000);
});
