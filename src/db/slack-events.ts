import type { Queryable } from './pool.ts';

/** Records a Slack event id; false when it was seen before (a retry or a duplicate delivery). */
export async function claimSlackEvent(db: Queryable, eventId: string): Promise<boolean> {
  const result = await db.query(
    'INSERT INTO slack_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING',
    [eventId],
  );
  return result.rowCount === 1;
}

/** Forgets event ids older than the retention, so the table stays small. */
export async function pruneSlackEvents(db: Queryable, olderThanDays: number): Promise<number> {
  const result = await db.query(
    'DELETE FROM slack_events WHERE received_at < now() - make_interval(days => $1)',
    [olderThanDays],
  );
  return result.rowCount ?? 0;
}
