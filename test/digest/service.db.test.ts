import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.ts';
import { listDigestPosts } from '../../src/db/digests.ts';
import type { Database } from '../../src/db/pool.ts';
import { renderDigestText } from '../../src/digest/compose.ts';
import { nextRunAfter } from '../../src/digest/schedule.ts';
import {
  buildDigest,
  DIGEST_CLAIM_LEASE_MS,
  digestTick,
  disableSchedule,
  getSchedule,
  runDueDigests,
  setSchedule,
} from '../../src/digest/service.ts';
import { slackDigestPoster } from '../../src/slack/digest-poster.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const testDb = useMigratedDatabase();

function contextOn(db: Database, env: Record<string, string> = {}): AppContext {
  const url = testDb().url;
  return testContext(db, { ...(url ? { DATABASE_URL: url } : {}), ...env });
}

const weekly = { weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' };
/** One minute after the next Monday 09:00 in Hanoi: the first run after the schedules were set. */
const justAfterNextRun = () => new Date(nextRunAfter(weekly, new Date()).getTime() + 60_000);

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(async () => {
  fake.assertNoUnhandled();
  await fake.stop();
});

const postsTo = (channel: string) =>
  fake.calls('chat.postMessage').filter((call) => call.args.channel === channel);
const poster = () => slackDigestPoster(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl }));

describe('digest schedules', () => {
  it('sets, reads and turns off a channel schedule', async () => {
    const ctx = contextOn(testDb().db);
    expect(await getSchedule(ctx, 'CSCHED')).toBeNull();
    const set = await setSchedule(
      ctx,
      'CSCHED',
      { weekday: 5, localTime: '17:30', tz: 'Europe/Paris' },
      'U1',
    );
    expect(set).toMatchObject({
      channelId: 'CSCHED',
      weekday: 5,
      localTime: '17:30',
      tz: 'Europe/Paris',
      enabled: true,
    });
    expect(await getSchedule(ctx, 'CSCHED')).toMatchObject({ weekday: 5, localTime: '17:30' });
    expect(await disableSchedule(ctx, 'CSCHED')).toBe(true);
    expect(await disableSchedule(ctx, 'CSCHED')).toBe(false);
    expect(await getSchedule(ctx, 'CSCHED')).toMatchObject({ enabled: false });
  });
});

describe('buildDigest', () => {
  it('collects the period from the database, scoped to the channel', async () => {
    const { pool } = testDb().db;
    // Long past, so that no later test's current period contains these rows.
    const inPeriod = '2026-01-14T03:00:00Z';
    const before = '2026-01-05T03:00:00Z';
    const doc = (
      title: string,
      hash: string,
      createdAt: string,
      visibility: string,
      channel: string | null,
    ) =>
      pool.query(
        `INSERT INTO documents (source_uri, title, language, published_on, content, content_hash, visibility, channel_id, created_at)
         VALUES ($1, $2, 'fr', '2025-02-21', $3, $4, $5, $6, $7)`,
        [
          `file://${hash}`,
          title,
          `Banner\n\n${title} s'est tenue à Ha Long avec quatre provinces et le Guangxi. Suite.`,
          hash,
          visibility,
          channel,
          createdAt,
        ],
      );
    await doc('Réunion publique', 'h1', inPeriod, 'public', null);
    await doc('Réunion privée du canal', 'h2', inPeriod, 'private', 'CBUILD');
    await doc('Réunion privée ailleurs', 'h3', inPeriod, 'private', 'COTHER');
    await doc('Réunion ancienne', 'h4', before, 'public', null);
    const commitment = (title: string, fields: Record<string, unknown>) =>
      pool.query(
        `INSERT INTO commitments (title, owners, created_by, tz, due_on, status, channel_id, created_at, completed_at)
         VALUES ($1, $2, 'U0SECRET1', 'Asia/Ho_Chi_Minh', $3, $4, $5, $6, $7)`,
        [
          title,
          fields.owners ?? ['U0LAN0001'],
          fields.due ?? null,
          fields.status ?? 'open',
          fields.channel ?? 'CBUILD',
          fields.created ?? before,
          fields.completed ?? null,
        ],
      );
    await commitment('Draft the <joint> statement', { created: inPeriod, due: '2026-01-22' });
    await commitment('Book interpreters', { status: 'done', completed: inPeriod, owners: ['Minh'] });
    await commitment('Send the minutes', { due: '2026-01-15', owners: ['U0LAN0001', 'Hoa'] });
    await commitment('Other channel task', { created: inPeriod, channel: 'COTHER', due: '2026-01-14' });
    await commitment('Logged from the CLI', { created: inPeriod, channel: null });
    const question = (text: string, abstained: boolean, channel = 'CBUILD') =>
      pool.query(
        'INSERT INTO questions (question, abstained, channel_id, created_at) VALUES ($1, $2, $3, $4)',
        [text, abstained, channel, inPeriod],
      );
    await question('What did Guangxi propose on AI?', false);
    await question('what did guangxi propose on AI? ', false);
    await question('Who chaired?', false);
    await question('What is the 2027 budget?', true);
    await question('Secret question elsewhere', true, 'COTHER');

    const ctx = contextOn(testDb().db);
    const period = { start: new Date('2026-01-12T02:00:00Z'), end: new Date('2026-01-19T02:00:00Z') };
    const digest = await buildDigest(ctx, 'CBUILD', period, { tz: 'Asia/Ho_Chi_Minh' });
    expect(renderDigestText(digest)).toMatchInlineSnapshot(`
      "Weekly digest · 12–19 Jan 2026
      ==============================

      New documents (2)
      - Réunion publique (2025-02-21, fr)
        Réunion publique s'est tenue à Ha Long avec quatre provinces et le Guangxi.
      - Réunion privée du canal (2025-02-21, fr)
        Réunion privée du canal s'est tenue à Ha Long avec quatre provinces et le Guangxi.

      Commitments logged (2)
      - #1 Draft the <joint> statement (@U0LAN0001, due 2026-01-22)
      - #5 Logged from the CLI (@U0LAN0001)

      Commitments completed (1)
      - #2 Book interpreters (Minh)

      Due in the next 7 days (1)
      - #1 Draft the <joint> statement (@U0LAN0001, due 2026-01-22)

      Overdue (1)
      - #3 Send the minutes (@U0LAN0001, Hoa, due 2026-01-15)

      Most asked questions (3)
      - What did Guangxi propose on AI? (asked 2×)
      - What is the 2027 budget?
      - Who chaired?

      Questions the documents could not answer (1)
      - What is the 2027 budget?"
    `);

    const model = await new FakeOpenAI().start();
    const withModel = contextOn(testDb().db, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: model.baseURL });
    model.chatReply = (body) =>
      `Summary of ${/title="([^"]*)"/.exec(body.messages.at(-1)!.content)?.[1]} (fr).`;
    const summarized = await buildDigest(withModel, null, period, { tz: 'Asia/Ho_Chi_Minh' });
    const documents = summarized.sections.find((section) => section.kind === 'documents');
    expect(documents?.items).toEqual([
      {
        title: 'Réunion publique',
        date: '2025-02-21',
        language: 'fr',
        summary: 'Summary of Réunion publique (fr).',
      },
    ]);

    model.onChat(() => ({ status: 400, body: { error: { message: 'model unavailable' } } }));
    const fallback = await buildDigest(withModel, null, period, { tz: 'Asia/Ho_Chi_Minh' });
    await model.stop();
    const fallbackDocuments = fallback.sections.find((section) => section.kind === 'documents');
    expect(fallbackDocuments?.items.map((item) => ('summary' in item ? item.summary : ''))).toEqual([
      "Réunion publique s'est tenue à Ha Long avec quatre provinces et le Guangxi.",
    ]);
  });
});

describe('runDueDigests', () => {
  it('posts each due digest once and stores its ts', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CONCE', weekly, 'U1');
    const replies: { channel: unknown; ts: string }[] = [];
    fake.on('chat.postMessage', (args) => {
      const reply = { channel: args.channel, ts: fake.newTs() };
      replies.push(reply);
      return reply;
    });
    const now = justAfterNextRun();
    const first = await runDueDigests(ctx, { now, instanceId: 'a', post: poster() });
    expect(first.posted).toBeGreaterThanOrEqual(1);
    expect(postsTo('CONCE')).toHaveLength(1);
    await runDueDigests(ctx, { now: new Date(now.getTime() + 60_000), instanceId: 'b', post: poster() });
    await runDueDigests(ctx, {
      now: new Date(now.getTime() + 2 * DIGEST_CLAIM_LEASE_MS),
      instanceId: 'c',
      post: poster(),
    });
    expect(postsTo('CONCE')).toHaveLength(1);
    const [row] = await listDigestPosts(ctx.db.pool, 'CONCE');
    expect(row).toMatchObject({ outcome: 'posted', claimedBy: 'a', attempts: 1, lastError: null });
    expect(row!.messageTs).toBe(replies.find((reply) => reply.channel === 'CONCE')?.ts);
    await disableSchedule(ctx, 'CONCE');
  });

  it('posts a digest claimed by a crashed instance once, on the next run after the lease', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CCRASH', weekly, 'U1');
    await setSchedule(ctx, 'CLOST', weekly, 'U1');
    const now = justAfterNextRun();
    const end = nextRunAfter(weekly, new Date());
    const start = new Date(end.getTime() - 7 * 86_400_000);
    const stale = new Date(now.getTime() - DIGEST_CLAIM_LEASE_MS - 1000);
    // Crashed between claim and post.
    await ctx.db.pool.query(
      `INSERT INTO digest_posts (channel_id, period_start, period_end, claimed_by, claimed_at, attempts)
       VALUES ('CCRASH', $1, $2, 'dead', $3, 1)`,
      [start, end, stale],
    );
    // Slack accepted the post but the ts was never stored: must not be posted again.
    await ctx.db.pool.query(
      `INSERT INTO digest_posts (channel_id, period_start, period_end, claimed_by, claimed_at, post_started_at, attempts)
       VALUES ('CLOST', $1, $2, 'dead', $3, $3, 1)`,
      [start, end, stale],
    );
    await runDueDigests(ctx, { now, instanceId: 'next', post: poster() });
    await runDueDigests(ctx, {
      now: new Date(now.getTime() + 2 * DIGEST_CLAIM_LEASE_MS),
      instanceId: 'later',
      post: poster(),
    });
    expect(postsTo('CCRASH')).toHaveLength(1);
    expect(postsTo('CLOST')).toHaveLength(0);
    expect((await listDigestPosts(ctx.db.pool, 'CCRASH'))[0]).toMatchObject({
      outcome: 'posted',
      claimedBy: 'next',
      attempts: 2,
    });
    await disableSchedule(ctx, 'CCRASH');
    await disableSchedule(ctx, 'CLOST');
  });

  it('retries a post Slack refused, after the lease', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CREFUSED', weekly, 'U1');
    fake.queue('POST /api/chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    const now = justAfterNextRun();
    const first = await runDueDigests(ctx, { now, instanceId: 'a', post: poster() });
    expect(first.failed).toBe(1);
    expect((await listDigestPosts(ctx.db.pool, 'CREFUSED'))[0]).toMatchObject({
      postedAt: null,
      postStartedAt: null,
    });
    await runDueDigests(ctx, { now: new Date(now.getTime() + 60_000), instanceId: 'a', post: poster() });
    expect(postsTo('CREFUSED')).toHaveLength(1);
    await runDueDigests(ctx, {
      now: new Date(now.getTime() + DIGEST_CLAIM_LEASE_MS + 60_000),
      instanceId: 'a',
      post: poster(),
    });
    expect(postsTo('CREFUSED')).toHaveLength(2);
    expect((await listDigestPosts(ctx.db.pool, 'CREFUSED'))[0]).toMatchObject({
      outcome: 'posted',
      attempts: 2,
    });
    await disableSchedule(ctx, 'CREFUSED');
  });

  it('does not retry a post whose outcome is unknown (HTTP 500 from Slack)', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CUNKNOWN', weekly, 'U1');
    fake.queue('POST /api/chat.postMessage', { status: 500, body: 'upstream error' });
    const noRetries = slackDigestPoster(
      new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }),
    );
    const now = justAfterNextRun();
    expect((await runDueDigests(ctx, { now, instanceId: 'a', post: noRetries })).failed).toBe(1);
    const later = new Date(now.getTime() + 2 * DIGEST_CLAIM_LEASE_MS);
    await runDueDigests(ctx, { now: later, instanceId: 'b', post: poster() });
    expect(postsTo('CUNKNOWN')).toHaveLength(1);
    const [row] = await listDigestPosts(ctx.db.pool, 'CUNKNOWN');
    expect(row).toMatchObject({ postedAt: null, claimedBy: 'a', attempts: 1 });
    expect(row!.postStartedAt).not.toBeNull();
    expect(row!.lastError).toMatch(/500/);
    await disableSchedule(ctx, 'CUNKNOWN');
  });

  it('after downtime posts the missed digest once while its period is current, never one before the schedule', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CMISSED', weekly, 'U1');
    await setSchedule(ctx, 'CNEW', weekly, 'U1');
    const run = nextRunAfter(weekly, new Date());
    // CMISSED existed well before the run; CNEW was set after it.
    await ctx.db.pool.query("UPDATE digest_schedules SET updated_at = $1 WHERE channel_id = 'CMISSED'", [
      new Date(run.getTime() - 30 * 86_400_000),
    ]);
    await ctx.db.pool.query("UPDATE digest_schedules SET updated_at = $1 WHERE channel_id = 'CNEW'", [
      new Date(run.getTime() + 3600_000),
    ]);
    const threeDaysLate = new Date(run.getTime() + 3 * 86_400_000);
    await runDueDigests(ctx, { now: threeDaysLate, instanceId: 'a', post: poster() });
    await runDueDigests(ctx, {
      now: new Date(threeDaysLate.getTime() + 60_000),
      instanceId: 'a',
      post: poster(),
    });
    expect(postsTo('CMISSED')).toHaveLength(1);
    expect(postsTo('CNEW')).toHaveLength(0);
    const [row] = await listDigestPosts(ctx.db.pool, 'CMISSED');
    expect(row!.periodEnd.toISOString()).toBe(run.toISOString());
    await disableSchedule(ctx, 'CMISSED');
    await disableSchedule(ctx, 'CNEW');
  });

  it('records a quiet week without posting when DIGEST_QUIET_WEEK=skip', async () => {
    const ctx = contextOn(testDb().db, { DIGEST_QUIET_WEEK: 'skip' });
    const quietSchedule = { weekday: 3, localTime: '00:30', tz: 'Europe/Paris' };
    await setSchedule(ctx, 'CQUIET', quietSchedule, 'U1');
    // Only this schedule is due at this instant, and nothing happened in its channel that week.
    await ctx.db.pool.query(
      "UPDATE commitments SET status = 'cancelled' WHERE due_on IS NOT NULL AND status = 'open'",
    );
    const now = new Date(nextRunAfter(quietSchedule, new Date()).getTime() + 60_000);
    const result = await runDueDigests(ctx, { now, instanceId: 'a', post: poster() });
    expect(postsTo('CQUIET')).toHaveLength(0);
    expect(result.skipped).toBeGreaterThanOrEqual(1);
    expect((await listDigestPosts(ctx.db.pool, 'CQUIET'))[0]).toMatchObject({
      outcome: 'skipped',
      messageTs: null,
    });
    await disableSchedule(ctx, 'CQUIET');
  });

  it('digestTick posts the digest of the latest run, now, once', async () => {
    const ctx = contextOn(testDb().db);
    await setSchedule(ctx, 'CTICK', weekly, 'U1');
    await ctx.db.pool.query(
      "UPDATE digest_schedules SET updated_at = now() - interval '30 days' WHERE channel_id = 'CTICK'",
    );
    const tick = digestTick(ctx, { post: poster() });
    await tick();
    await tick();
    expect(postsTo('CTICK')).toHaveLength(1);
    const [row] = await listDigestPosts(ctx.db.pool, 'CTICK');
    expect(row!.periodEnd.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row!.claimedBy).toMatch(/:\d+:[0-9a-f]{6}$/);
    await disableSchedule(ctx, 'CTICK');
  });

  it('three concurrent schedulers on one database post exactly one digest per channel', async (test) => {
    if (testDb().backend === 'pglite') {
      test.skip('PGlite is a single in-process connection: replicas need the native backend');
      return;
    }
    const channels = ['CR1', 'CR2', 'CR3', 'CR4', 'CR5'];
    const main = contextOn(testDb().db);
    for (const channel of channels) await setSchedule(main, channel, weekly, 'U1');
    const replicas = [main, contextOn(await testDb().openAnother()), contextOn(await testDb().openAnother())];
    // A slow Slack widens the window in which a second claim could slip through.
    fake.on('chat.postMessage', (args) => ({ channel: args.channel, ts: fake.newTs() }));
    fake.queue(
      'POST /api/chat.postMessage',
      ...channels.map(() => ({ delayMs: 50, body: { ok: true, ts: fake.newTs() } })),
    );
    const now = justAfterNextRun();
    const results = await Promise.all(
      [0, 1, 2].flatMap((tick) =>
        replicas.map((ctx, index) =>
          runDueDigests(ctx, {
            now: new Date(now.getTime() + tick * 1000),
            instanceId: `replica-${index}`,
            post: poster(),
          }),
        ),
      ),
    );
    for (const channel of channels) expect(postsTo(channel), channel).toHaveLength(1);
    expect(results.reduce((sum, result) => sum + result.posted, 0)).toBe(channels.length);
    for (const channel of channels) {
      const rows = await listDigestPosts(main.db.pool, channel);
      expect(rows).toHaveLength(1);
      expect(rows[0]!.messageTs).not.toBeNull();
    }
  });
});
