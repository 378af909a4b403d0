import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/minutebook.js', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'minutebook-env-'));
  await writeFile(path.join(dir, '.env'), 'DEFAULT_TIMEZONE=Not/AZone\nLOG_LEVEL=silent\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, 'aliases', 'list'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', MINUTEBOOK_DATA_DIR: path.join(dir, 'data'), ...env },
    encoding: 'utf8',
  });
}

describe('.env in the working directory', () => {
  it('is read at start', () => {
    const child = run({});
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('DEFAULT_TIMEZONE');
  });

  it('does not override the real environment', () => {
    const child = run({ DEFAULT_TIMEZONE: 'Europe/Paris' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
  });
});
