import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, runMinutebook, type ServeProcess, signedPost, waitFor } from '../helpers/serve-process.ts';

const running: ServeProcess[] = [];
afterEach(() => {
  for (const proc of running.splice(0)) proc.child.kill('SIGKILL');
});

describe('minutebook serve on a bad day (the real process)', () => {
  it('survives a signed null body and an unreachable Slack Web API, and says so on /readyz', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-faults-'));
    const samples = path.join(dataDir, 'no-samples');
    await mkdir(samples);
    const [port, slackPort] = [await freePort(), await freePort()];
    const proc = runMinutebook(['serve'], {
      MINUTEBOOK_DATA_DIR: dataDir,
      SAMPLES_DIR: samples,
      SLACK_BOT_TOKEN: 'xoxb-x',
      SLACK_SIGNING_SECRET: 's',
      // Nothing listens there: every Web API call is refused.
      SLACK_API_URL: `http://127.0.0.1:${slackPort}/api/`,
      PORT: String(port),
    });
    running.push(proc);
    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 90_000);
    const started = Date.now();

    expect((await signedPost(base, 's', 'null', 'application/json')).status).toBe(400);
    expect((await signedPost(base, 's', 'payload=null', 'application/x-www-form-urlencoded')).status).toBe(
      400,
    );
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ ok: false, database: true, slack: false });

    // The Web API client used to give up on its identity check after a few retries and take the
    // process down with it; it must still be serving well after that.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 5_000 - (Date.now() - started))));
    expect(proc.child.exitCode).toBeNull();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(proc.err()).toContain('Slack Web API unreachable: will retry');

    proc.child.kill('SIGTERM');
    expect(await proc.exited).toBe(0);
  }, 120_000);
});

describe('process guards', () => {
  it('log a stray rejection and keep running, and stop on an uncaught exception', async () => {
    const script = [
      `import { guardProcess } from ${JSON.stringify(path.resolve('src/process-guards.ts'))};`,
      `import { createLogger } from ${JSON.stringify(path.resolve('src/log.ts'))};`,
      `const guards = guardProcess(createLogger('info'));`,
      `guards.fatal.then((error) => { console.log('stopping after: ' + error.message); process.exit(1); });`,
      `Promise.reject(new Error('stray rejection'));`,
      `setTimeout(() => { console.log('still serving'); setTimeout(() => { throw new Error('boom'); }, 10); }, 100);`,
    ].join('\n');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(out).toBe('still serving\nstopping after: boom\n');
    expect(err).toMatch(/stray rejection.*unhandled promise rejection \(the server keeps running\)/s);
    expect(err).toMatch(/uncaught exception: stopping/);
    expect(code).toBe(1);
  }, 30_000);
});
