import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { DateTime } from 'luxon';
import { type Commitment, listCommitments } from '../commitments/service.ts';
import type { AppContext } from '../context.ts';
import {
  claimDigestPost,
  type DigestScheduleRow,
  disableDigestSchedule,
  findDigestSchedule,
  listEnabledDigestSchedules,
  markDigestPosted,
  markDigestPostStarted,
  recordDigestPostError,
  releaseDigestPost,
  upsertDigestSchedule,
} from '../db/digests.ts';
import { listDocumentsIngested } from '../db/documents.ts';
import { listMostAskedQuestions } from '../db/questions.ts';
import { digestsPostedTotal } from '../metrics.ts';
import { composeDigest, type Digest, type DigestCommitment } from './compose.ts';
import {
  currentPeriodSoFar,
  type DigestSchedule,
  type Period,
  periodFor,
  type ScheduleTiming,
} from './schedule.ts';
import { llmSummarizer } from './summarize.ts';

/** A claim older than this whose post never started is taken over by the next run. */
export const DIGEST_CLAIM_LEASE_MS = 5 * 60_000;
/** Claims per (channel, period): the first, and retries after a crash or a refused post. */
export const DIGEST_MAX_ATTEMPTS = 3;

export type PostDigest = (channelId: string, digest: Digest) => Promise<{ ts: string }>;

/**
 * Thrown by a poster when Slack definitely did not post the first message (an API error reply, not a
 * timeout): the claim is released and a later run retries it.
 */
export class DigestNotPostedError extends Error {
  override name = 'DigestNotPostedError';
}

function toSchedule(row: DigestScheduleRow): DigestSchedule {
  return {
    channelId: row.channelId,
    weekday: row.weekday,
    localTime: row.localTime,
    tz: row.tz,
    enabled: row.enabled,
    updatedAt: row.updatedAt,
  };
}

export async function setSchedule(
  ctx: AppContext,
  channelId: string,
  value: ScheduleTiming,
  actor: string,
): Promise<DigestSchedule> {
  return toSchedule(await upsertDigestSchedule(ctx.db.pool, { channelId, ...value, actor }));
}

/** True when a schedule was on and is now off. */
export async function disableSchedule(ctx: AppContext, channelId: string): Promise<boolean> {
  return disableDigestSchedule(ctx.db.pool, channelId);
}

export async function getSchedule(ctx: AppContext, channelId: string): Promise<DigestSchedule | null> {
  const row = await findDigestSchedule(ctx.db.pool, channelId);
  return row ? toSchedule(row) : null;
}

/** The schedule used where a channel has none: Monday 09:00 in DEFAULT_TIMEZONE. */
export function defaultSchedule(ctx: AppContext, channelId: string | null): DigestSchedule {
  return {
    channelId: channelId ?? '',
    weekday: 1,
    localTime: '09:00',
    tz: ctx.config.DEFAULT_TIMEZONE,
    enabled: false,
  };
}

/** The channel's schedule (enabled or not), else the default one. */
export async function effectiveSchedule(ctx: AppContext, channelId: string | null): Promise<DigestSchedule> {
  const stored = channelId ? await getSchedule(ctx, channelId) : null;
  return stored ?? defaultSchedule(ctx, channelId);
}

const QUESTION_LIMIT = 5;
const UNANSWERED_LIMIT = 10;

/** The digest of the channel's current period so far (all channels when null): what `/digest preview` shows. */
export async function currentDigest(ctx: AppContext, channelId: string | null, now: Date): Promise<Digest> {
  const schedule = await effectiveSchedule(ctx, channelId);
  return buildDigest(ctx, channelId, currentPeriodSoFar(schedule, now), { tz: schedule.tz });
}

/**
 * Collects the period's documents, commitments and questions from the database and composes them.
 * Documents are summarised by the chat model of the context when there is one (else their first
 * sentence), so a preview and the posted digest read the same.
 */
export async function buildDigest(
  ctx: AppContext,
  channelId: string | null,
  period: Period,
  options: { tz?: string } = {},
): Promise<Digest> {
  const db = ctx.db.pool;
  const tz = options.tz ?? (await effectiveSchedule(ctx, channelId)).tz;
  const summarize = await llmSummarizer(ctx.chat, ctx.logger);
  const scope = { channelId, start: period.start, end: period.end };
  const today = DateTime.fromJSDate(period.end, { zone: tz }).toISODate()!;
  // A channel's digest covers its own commitments and those logged outside Slack (no channel).
  const commitments = {
    today,
    status: 'any' as const,
    ...(channelId ? { channelOrUnfiled: channelId } : {}),
  };
  const between: [Date, Date] = [period.start, period.end];
  const [documents, created, completed, due, mostAsked, unanswered] = await Promise.all([
    listDocumentsIngested(db, scope),
    listCommitments(ctx, { ...commitments, status: ['open', 'proposed', 'done'], createdBetween: between }),
    listCommitments(ctx, { ...commitments, status: 'done', completedBetween: between }),
    // Open and due within the week ahead: the overdue ones come first, then those due from today on.
    listCommitments(ctx, { ...commitments, status: 'open', dueWithinDays: 7 }),
    listMostAskedQuestions(db, { ...scope, limit: QUESTION_LIMIT, unansweredOnly: false }),
    listMostAskedQuestions(db, { ...scope, limit: UNANSWERED_LIMIT, unansweredOnly: true }),
  ]);
  const overdue = due.filter((commitment) => commitment.dueOn! < today);
  const dueSoon = due.filter((commitment) => commitment.dueOn! >= today);
  const summaries = await Promise.all(
    documents.map(async (document) => {
      if (!summarize) return undefined;
      try {
        return await summarize(document);
      } catch (error) {
        ctx.logger.warn(
          { err: error, documentId: document.id },
          'digest summary failed; using the first sentence',
        );
        return undefined;
      }
    }),
  );
  const digest = composeDigest(
    {
      channelId,
      period,
      tz,
      documents: documents.map((document, index) => ({
        title: document.title,
        language: document.language,
        publishedOn: document.publishedOn,
        ingestedAt: document.createdAt,
        content: document.content,
        summary: summaries[index],
      })),
      commitmentsCreated: created.sort(byTime('createdAt')).map(toCommitment),
      commitmentsCompleted: completed.sort(byTime('completedAt')).map(toCommitment),
      dueSoon: dueSoon.map(toCommitment),
      overdue: overdue.map(toCommitment),
      mostAsked,
      unanswered,
    },
    { quietWeek: 'post' },
  );
  return digest!;
}

function toCommitment(row: Commitment): DigestCommitment {
  return { id: row.id, title: row.title, owners: row.owners, dueOn: row.dueOn };
}

/** Oldest first by the given time (then by id): the order things happened in the week. */
function byTime(key: 'createdAt' | 'completedAt'): (a: Commitment, b: Commitment) => number {
  return (a, b) => (a[key]?.getTime() ?? 0) - (b[key]?.getTime() ?? 0) || a.id - b.id;
}

export interface RunDueDigestsOptions {
  now: Date;
  /** Names this process in digest_posts.claimed_by (hostname:pid or a replica id). */
  instanceId: string;
  post: PostDigest;
}

/**
 * Posts every enabled schedule's digest whose latest run has passed and that no instance has posted.
 * Exactly-once per (channel, period): claim the row, commit post_started_at, call Slack, record ts.
 * Only the most recent period is ever considered, so after downtime a missed digest goes out once on
 * restart while its period is current (before the next run), and older missed ones are dropped. A
 * run earlier than the schedule's last change is never posted.
 */
export async function runDueDigests(
  ctx: AppContext,
  options: RunDueDigestsOptions,
): Promise<{ posted: number; skipped: number; failed: number }> {
  const counts = { posted: 0, skipped: 0, failed: 0 };
  const schedules = await listEnabledDigestSchedules(ctx.db.pool);
  for (const row of schedules) {
    const schedule = toSchedule(row);
    const period = periodFor(schedule, options.now);
    if (period.end.getTime() < row.updatedAt.getTime()) continue;
    const outcome = await postOne(ctx, schedule, period, options);
    counts[outcome] += 1;
    if (outcome !== 'skipped') digestsPostedTotal.inc({ outcome });
  }
  return counts;
}

async function postOne(
  ctx: AppContext,
  schedule: DigestSchedule,
  period: Period,
  options: RunDueDigestsOptions,
): Promise<'posted' | 'skipped' | 'failed'> {
  const db = ctx.db.pool;
  const log = ctx.logger.child({ channelId: schedule.channelId, periodStart: period.start.toISOString() });
  const claim = await claimDigestPost(db, {
    channelId: schedule.channelId,
    periodStart: period.start,
    periodEnd: period.end,
    instanceId: options.instanceId,
    now: options.now,
    staleBefore: new Date(options.now.getTime() - DIGEST_CLAIM_LEASE_MS),
    maxAttempts: DIGEST_MAX_ATTEMPTS,
  });
  if (!claim) return 'skipped';
  if (claim.attempts > 1)
    log.warn({ attempts: claim.attempts }, 'retrying a digest claim that was never posted');
  let digest: Digest;
  try {
    digest = await buildDigest(ctx, schedule.channelId, period, { tz: schedule.tz });
  } catch (error) {
    log.error({ err: error }, 'digest could not be built; the claim is retried after the lease');
    await releaseDigestPost(db, claim.id, errorText(error));
    return 'failed';
  }
  if (digest.quiet && ctx.config.DIGEST_QUIET_WEEK === 'skip') {
    await markDigestPosted(db, claim.id, { outcome: 'skipped', messageTs: null, now: options.now });
    return 'skipped';
  }
  // Committed before Slack is called: from here on the row is never re-claimed, so a crash or a lost
  // ts update after Slack accepted the message cannot produce a second post.
  if (!(await markDigestPostStarted(db, claim.id, options.instanceId, options.now))) {
    log.warn('digest claim was taken over by another instance; not posting');
    return 'skipped';
  }
  let ts: string;
  try {
    ({ ts } = await options.post(schedule.channelId, digest));
  } catch (error) {
    if (error instanceof DigestNotPostedError) {
      log.error({ err: error }, 'Slack refused the digest; a later run retries it');
      await releaseDigestPost(db, claim.id, errorText(error));
    } else {
      log.error({ err: error }, 'digest post failed with an unknown outcome; not retried automatically');
      await recordDigestPostError(db, claim.id, errorText(error));
    }
    return 'failed';
  }
  await recordPosted(ctx, claim.id, ts, options.now);
  log.info({ ts }, 'digest posted');
  return 'posted';
}

async function recordPosted(ctx: AppContext, id: string, ts: string, now: Date): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await markDigestPosted(ctx.db.pool, id, { outcome: 'posted', messageTs: ts, now });
      return;
    } catch (error) {
      if (attempt >= 3) {
        // The message is in Slack; post_started_at keeps the row from being posted again.
        ctx.logger.error(
          { err: error, digestPostId: id, ts },
          'digest posted but its ts could not be stored',
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Unique per process: claims made by a restarted process are not mistaken for its own. */
export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The minute tick the job runner calls: runs due digests now and logs the counts. */
export function digestTick(
  ctx: AppContext,
  options: { post: PostDigest; instanceId?: string },
): () => Promise<void> {
  const instanceId = options.instanceId ?? defaultInstanceId();
  return async () => {
    const counts = await runDueDigests(ctx, { ...options, instanceId, now: new Date() });
    if (counts.posted + counts.failed > 0) ctx.logger.info(counts, 'digest tick');
  };
}
