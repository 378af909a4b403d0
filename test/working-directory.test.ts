import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/minutebook.js', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'minutebook-cwd-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('running from another directory', () => {
  it('finds the sample documents of the installation on a first start', () => {
    const child = spawnSync(process.execPath, [BIN, 'ask', 'What did Guangxi propose on AI?', '--json'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', MINUTEBOOK_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const answer = JSON.parse(child.stdout) as { abstained: boolean; citations: { source_uri: string }[] };
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.source_uri).toContain(path.join('samples', 'minutes'));
  }, 60_000);
});
