import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { openDatabase } from '../../src/db/pool.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { createTestDatabase, currentBackend, type TestDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';

// The CLI opens its own database: a native test database, or an embedded one in a temporary folder.
let env: Record<string, string>;
let native: TestDatabase | undefined;
let fake: FakeSlack;
beforeAll(async () => {
  native = currentBackend() === 'postgres' ? await createTestDatabase() : undefined;
  env = native?.url
    ? { DATABASE_URL: native.url, LOG_LEVEL: 'silent' }
    : {
        MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-digest-cli-')),
        LOG_LEVEL: 'silent',
      };
  fake = await new FakeSlack().start();
});
afterAll(async () => {
  await native?.destroy();
  await fake.stop();
});

async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const capture = captureIO();
  const code = await runCli(['digest', ...args], { env: { ...env, ...extraEnv }, io: capture.io });
  return { code, out: capture.stdout(), err: capture.stderr() };
}

async function insertDocument(title: string) {
  const db = await openDatabase(
    env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.MINUTEBOOK_DATA_DIR! },
  );
  try {
    await db.pool.query(
      `INSERT INTO documents (source_uri, title, language, content, content_hash)
       VALUES ($1, $1, 'en', 'Four provinces met the Guangxi delegation in Ha Long on Friday morning. Then lunch.', $1)`,
      [title],
    );
  } finally {
    await db.close();
  }
}

describe('minutebook digest', () => {
  it('sets a schedule, rejecting a bad one with an example', async () => {
    const bad = await cli(['schedule', 'monday', '09:00', 'Mars/Olympus', '--channel', 'C0DIGEST']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("'Mars/Olympus' is not an IANA time zone");
    expect(bad.err).toContain('Example: monday 09:00 Asia/Ho_Chi_Minh');
    expect((await cli(['schedule', 'monday', '09:00'])).code).toBe(2);
    const ok = await cli(['schedule', 'friday', '16:30', 'Europe/Paris', '--channel', 'C0DIGEST']);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(
      /^digest for C0DIGEST: every Friday at 16:30 Europe\/Paris; next on \d{4}-\d\d-\d\d 16:30 \+0[12]:00$/,
    );
  }, 60_000);

  it('previews the current period so far', async () => {
    await insertDocument('Spring meeting in Ha Long');
    const preview = await cli(['preview']);
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('New documents (1)');
    expect(preview.out).toContain('- Spring meeting in Ha Long (');
    expect(preview.out).toContain('Four provinces met the Guangxi delegation in Ha Long on Friday morning.');
    const json = await cli(['preview', '--channel', 'C0DIGEST', '--json']);
    expect(JSON.parse(json.out)).toMatchObject({ channel_id: 'C0DIGEST', tz: 'Europe/Paris', quiet: false });
  }, 60_000);

  it('posts through Slack only with a bot token', async () => {
    const noToken = await cli(['post', '--channel', 'C0DIGEST']);
    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain('SLACK_BOT_TOKEN is not set');
    const posted = await cli(['post', '--channel', 'C0DIGEST'], {
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_API_URL: fake.apiUrl,
    });
    expect(posted.code).toBe(0);
    expect(posted.out).toMatch(/^posted the digest to C0DIGEST \(ts \d+\.\d+\)$/);
    expect(fake.calls('chat.postMessage')).toHaveLength(1);
    fake.assertNoUnhandled();
  }, 60_000);

  it('retries a post like the Slack app does, and gives up after SLACK_RETRY_MAX_MS', async () => {
    const slack = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_API_URL: fake.apiUrl, SLACK_RETRY_MAX_MS: '1500' };
    const before = fake.calls('chat.postMessage').length;
    fake.outage('POST /api/chat.postMessage', { status: 503, body: 'upstream unavailable' }, 800);
    const afterOutage = await cli(['post', '--channel', 'C0DIGEST'], slack);
    expect(afterOutage.code).toBe(0);
    expect(fake.calls('chat.postMessage').length - before).toBeGreaterThan(1);

    fake.outage('POST /api/chat.postMessage', { status: 503, body: 'upstream unavailable' }, 60_000);
    const started = Date.now();
    const down = await cli(['post', '--channel', 'C0DIGEST'], slack);
    expect(down.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    fake.outage('POST /api/chat.postMessage', { status: 503, body: 'upstream unavailable' }, 0);
  }, 30_000);

  it('turns a schedule off', async () => {
    expect((await cli(['off', '--channel', 'C0DIGEST'])).out).toBe('digest for C0DIGEST turned off');
    expect((await cli(['off', '--channel', 'C0DIGEST'])).out).toBe('no digest was scheduled for C0DIGEST');
    expect((await cli(['frobnicate'])).code).toBe(2);
  }, 60_000);
});
