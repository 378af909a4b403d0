import type { Queryable } from './pool.ts';

export interface DigestScheduleRow {
  channelId: string;
  weekday: number;
  localTime: string;
  tz: string;
  enabled: boolean;
  createdBy: string | null;
  updatedAt: Date;
}

const SCHEDULE_COLUMNS = `channel_id AS "channelId", weekday, to_char(local_time, 'HH24:MI') AS "localTime", tz,
  enabled, created_by AS "createdBy", updated_at AS "updatedAt"`;

export async function upsertDigestSchedule(
  db: Queryable,
  value: { channelId: string; weekday: number; localTime: string; tz: string; actor: string },
): Promise<DigestScheduleRow> {
  const result = await db.query<DigestScheduleRow>(
    `INSERT INTO digest_schedules (channel_id, weekday, local_time, tz, enabled, created_by, updated_at)
     VALUES ($1, $2, $3::time, $4, true, $5, now())
     ON CONFLICT (channel_id) DO UPDATE
       SET weekday = excluded.weekday, local_time = excluded.local_time, tz = excluded.tz,
           enabled = true, created_by = excluded.created_by, updated_at = now()
     RETURNING ${SCHEDULE_COLUMNS}`,
    [value.channelId, value.weekday, value.localTime, value.tz, value.actor],
  );
  return result.rows[0]!;
}

/** True when an enabled schedule was turned off. */
export async function disableDigestSchedule(db: Queryable, channelId: string): Promise<boolean> {
  const result = await db.query(
    'UPDATE digest_schedules SET enabled = false, updated_at = now() WHERE channel_id = $1 AND enabled',
    [channelId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function findDigestSchedule(
  db: Queryable,
  channelId: string,
): Promise<DigestScheduleRow | null> {
  const result = await db.query<DigestScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM digest_schedules WHERE channel_id = $1`,
    [channelId],
  );
  return result.rows[0] ?? null;
}

export async function listEnabledDigestSchedules(db: Queryable): Promise<DigestScheduleRow[]> {
  const result = await db.query<DigestScheduleRow>(
    `SELECT ${SCHEDULE_COLUMNS} FROM digest_schedules WHERE enabled ORDER BY channel_id`,
  );
  return result.rows;
}

export interface DigestPostRow {
  id: string;
  channelId: string;
  periodStart: Date;
  periodEnd: Date;
  claimedBy: string | null;
  claimedAt: Date;
  postStartedAt: Date | null;
  postedAt: Date | null;
  messageTs: string | null;
  outcome: 'posted' | 'skipped' | null;
  attempts: number;
  lastError: string | null;
}

const POST_COLUMNS = `id::text AS id, channel_id AS "channelId", period_start AS "periodStart",
  period_end AS "periodEnd", claimed_by AS "claimedBy", claimed_at AS "claimedAt",
  post_started_at AS "postStartedAt", posted_at AS "postedAt", message_ts AS "messageTs", outcome,
  attempts, last_error AS "lastError"`;

/**
 * Claims the digest of (channel, period) for one instance: a new row, or an existing one whose claim
 * is older than staleBefore, whose post never started, that was not posted and has attempts left.
 * The unique (channel_id, period_start) makes concurrent claims serialise on one row: one wins.
 */
export async function claimDigestPost(
  db: Queryable,
  claim: {
    channelId: string;
    periodStart: Date;
    periodEnd: Date;
    instanceId: string;
    now: Date;
    staleBefore: Date;
    maxAttempts: number;
  },
): Promise<DigestPostRow | null> {
  const result = await db.query<DigestPostRow>(
    `INSERT INTO digest_posts (channel_id, period_start, period_end, claimed_by, claimed_at, attempts)
     SELECT $1::text, $2::timestamptz, $3::timestamptz, $4::text, $5::timestamptz, 1
     -- Every minute tick reaches here: a row that cannot be claimed is skipped without an insert
     -- attempt (which would lock it and use up an identity value). The re-check below decides.
     WHERE NOT EXISTS (
       SELECT 1 FROM digest_posts
       WHERE channel_id = $1 AND period_start = $2
         AND (posted_at IS NOT NULL OR post_started_at IS NOT NULL OR claimed_at >= $6 OR attempts >= $7))
     ON CONFLICT (channel_id, period_start) DO UPDATE
       SET claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
           attempts = digest_posts.attempts + 1
       WHERE digest_posts.posted_at IS NULL AND digest_posts.post_started_at IS NULL
         AND digest_posts.claimed_at < $6 AND digest_posts.attempts < $7
     RETURNING ${POST_COLUMNS}`,
    [
      claim.channelId,
      claim.periodStart,
      claim.periodEnd,
      claim.instanceId,
      claim.now,
      claim.staleBefore,
      claim.maxAttempts,
    ],
  );
  return result.rows[0] ?? null;
}

/** Records that posting begins; false when the claim was taken over meanwhile (then do not post). */
export async function markDigestPostStarted(
  db: Queryable,
  id: string,
  instanceId: string,
  now: Date,
): Promise<boolean> {
  const result = await db.query(
    `UPDATE digest_posts SET post_started_at = $3
     WHERE id = $1 AND claimed_by = $2 AND post_started_at IS NULL AND posted_at IS NULL`,
    [id, instanceId, now],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function markDigestPosted(
  db: Queryable,
  id: string,
  result: { outcome: 'posted' | 'skipped'; messageTs: string | null; now: Date },
): Promise<void> {
  await db.query(
    `UPDATE digest_posts SET posted_at = $2, message_ts = $3, outcome = $4, last_error = NULL
     WHERE id = $1`,
    [id, result.now, result.messageTs, result.outcome],
  );
}

/** Slack refused the post, so nothing is in the channel: a later run may claim it again. */
export async function releaseDigestPost(db: Queryable, id: string, error: string): Promise<void> {
  await db.query('UPDATE digest_posts SET post_started_at = NULL, last_error = $2 WHERE id = $1', [
    id,
    error,
  ]);
}

/** The post may or may not have reached Slack: keep post_started_at so it is never retried. */
export async function recordDigestPostError(db: Queryable, id: string, error: string): Promise<void> {
  await db.query('UPDATE digest_posts SET last_error = $2 WHERE id = $1', [id, error]);
}

export async function listDigestPosts(db: Queryable, channelId: string): Promise<DigestPostRow[]> {
  const result = await db.query<DigestPostRow>(
    `SELECT ${POST_COLUMNS} FROM digest_posts WHERE channel_id = $1 ORDER BY period_start`,
    [channelId],
  );
  return result.rows;
}
