import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack.ts';
import { freePort, runMinutebook, waitFor } from '../helpers/serve-process.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

function run(args: string[], env: Record<string, string>) {
  const proc = runMinutebook(args, env);
  children.push(proc.child);
  return proc;
}

describe('minutebook serve (the real process)', () => {
  it('without Slack tokens opens the console, ingests the samples and answers with sources', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-e2e-'));
    const proc = run(['serve'], { MINUTEBOOK_DATA_DIR: dataDir });
    proc.child.stdin!.write('What did Guangxi propose on AI?\n');
    proc.child.stdin!.write('/commit @lan send the draft MoU to Guangxi FAO by 30 Dec\n');
    proc.child.stdin!.end('/quit\n');
    expect(await proc.exited).toBe(0);
    expect(proc.out()).toContain('First start: ingested 5 sample documents');
    // The French article and its Swedish translation are one source: either one answers.
    expect(proc.out()).toMatch(/intelligence artificielle|artificiell intelligens/);
    expect(proc.out()).toMatch(/Sources:\n\[1\] /);
    expect(proc.out()).toMatch(
      /Logged: #1 \[open\] due \d{4}-12-30 · lan · send the draft MoU to Guangxi FAO/,
    );
  }, 120_000);

  it('with Slack tokens serves HTTP with health checks and stops cleanly on SIGTERM', async () => {
    const fake = await new FakeSlack().start();
    try {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-e2e-'));
      const port = await freePort();
      const proc = run(['serve'], {
        MINUTEBOOK_DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 'secret',
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
      });
      const health = await waitFor(async () => {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        return response.ok ? response : undefined;
      }, 90_000);
      expect(health.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const unsigned = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' });
      expect(unsigned.status).toBe(401);
      proc.child.kill('SIGTERM');
      expect(await proc.exited).toBe(0);
      expect(proc.err()).toContain(`listens on port ${port}`);
    } finally {
      await fake.stop();
    }
  }, 120_000);
});
