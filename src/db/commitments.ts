import type { Queryable } from './pool.ts';

export type CommitmentStatus = 'proposed' | 'open' | 'done' | 'cancelled';
/** private: logged in a private channel or a DM, shown only there and to its owners and author. */
export type CommitmentVisibility = 'public' | 'private';

export interface CommitmentRow {
  id: number;
  title: string;
  owners: string[];
  createdBy: string;
  dueOn: string | null;
  tz: string;
  status: CommitmentStatus;
  channelId: string | null;
  visibility: CommitmentVisibility;
  threadTs: string | null;
  sourcePermalink: string | null;
  /** The message it was logged from (null before migration 0014 and for extracted proposals). */
  sourceText: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  version: number;
}

// due_on as text: node-postgres would turn a date into a local-midnight Date and shift the day.
const COLUMNS = `id, title, owners, created_by, due_on::text AS due_on, tz, status, channel_id, visibility, thread_ts,
  source_permalink, source_text, created_at, updated_at, completed_at, version`;

interface RawRow {
  id: string | number;
  title: string;
  owners: string[];
  created_by: string;
  due_on: string | null;
  tz: string;
  status: CommitmentStatus;
  channel_id: string | null;
  visibility: CommitmentVisibility;
  thread_ts: string | null;
  source_permalink: string | null;
  source_text: string | null;
  created_at: Date;
  updated_at: Date;
  completed_at: Date | null;
  version: number;
}

function toRow(raw: RawRow): CommitmentRow {
  return {
    id: Number(raw.id),
    title: raw.title,
    owners: raw.owners,
    createdBy: raw.created_by,
    dueOn: raw.due_on,
    tz: raw.tz,
    status: raw.status,
    channelId: raw.channel_id,
    visibility: raw.visibility,
    threadTs: raw.thread_ts,
    sourcePermalink: raw.source_permalink,
    sourceText: raw.source_text,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    completedAt: raw.completed_at,
    version: raw.version,
  };
}

export interface NewCommitmentRow {
  title: string;
  owners: string[];
  createdBy: string;
  dueOn: string | null;
  tz: string;
  status: 'open' | 'proposed';
  channelId: string | null;
  visibility: CommitmentVisibility;
  threadTs: string | null;
  sourcePermalink: string | null;
  sourceText: string | null;
  sourceDocumentId: number | null;
  idempotencyKey: string | null;
}

/** Inserts a commitment; null when a row with the same idempotency key already exists. */
export async function insertCommitment(db: Queryable, row: NewCommitmentRow): Promise<CommitmentRow | null> {
  const { rows } = await db.query<RawRow>(
    `INSERT INTO commitments (title, owners, created_by, due_on, tz, status, channel_id, thread_ts,
       source_permalink, idempotency_key, source_document_id, visibility, source_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING ${COLUMNS}`,
    [
      row.title,
      row.owners,
      row.createdBy,
      row.dueOn,
      row.tz,
      row.status,
      row.channelId,
      row.threadTs,
      row.sourcePermalink,
      row.idempotencyKey,
      row.sourceDocumentId,
      row.visibility,
      row.sourceText,
    ],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

/**
 * Holds creations with this idempotency key until the transaction ends, so a repeated request finds the
 * first one's row instead of racing it (and spending an id on an insert that conflicts).
 */
export async function lockIdempotencyKey(db: Queryable, key: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtext('commitments.idempotency_key'), hashtext($1))", [
    key,
  ]);
}

export async function selectCommitmentByIdempotencyKey(
  db: Queryable,
  key: string,
): Promise<CommitmentRow | null> {
  const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM commitments WHERE idempotency_key = $1`, [
    key,
  ]);
  return rows[0] ? toRow(rows[0]) : null;
}

export async function selectCommitment(db: Queryable, id: number): Promise<CommitmentRow | null> {
  const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM commitments WHERE id = $1`, [id]);
  return rows[0] ? toRow(rows[0]) : null;
}

/** Reads a commitment and locks it until the end of the transaction (db must be a client in one). */
export async function selectCommitmentForUpdate(db: Queryable, id: number): Promise<CommitmentRow | null> {
  const { rows } = await db.query<RawRow>(`SELECT ${COLUMNS} FROM commitments WHERE id = $1 FOR UPDATE`, [
    id,
  ]);
  return rows[0] ? toRow(rows[0]) : null;
}

export interface CommitmentChanges {
  title: string;
  owners: string[];
  dueOn: string | null;
  status: CommitmentStatus;
  completedAt: Date | null;
}

/** Writes the new state when the row is still at expectedVersion; null when someone changed it first. */
export async function updateCommitment(
  db: Queryable,
  id: number,
  expectedVersion: number,
  changes: CommitmentChanges,
): Promise<CommitmentRow | null> {
  const { rows } = await db.query<RawRow>(
    `UPDATE commitments
     SET title = $3, owners = $4, due_on = $5, status = $6, completed_at = $7,
         version = version + 1, updated_at = now()
     WHERE id = $1 AND version = $2
     RETURNING ${COLUMNS}`,
    [id, expectedVersion, changes.title, changes.owners, changes.dueOn, changes.status, changes.completedAt],
  );
  return rows[0] ? toRow(rows[0]) : null;
}

export interface CommitmentQuery {
  owner: string | null;
  channelId: string | null;
  /** This channel's commitments and those logged outside Slack (no channel). */
  channelOrUnfiled: string | null;
  /** Exact statuses to include. */
  statuses: CommitmentStatus[];
  /** Only due strictly before this day (overdue). */
  dueBefore: string | null;
  /** Only due on or before this day. */
  dueOnOrBefore: string | null;
  /** Today, to sort overdue commitments first. */
  today: string;
  createdFrom: Date | null;
  createdTo: Date | null;
  completedFrom: Date | null;
  completedTo: Date | null;
  limit: number | null;
  /** Only what this person sees in this conversation; null: everything (CLI, jobs). */
  viewer: { userId: string; channelId: string | null } | null;
}

/** Commitments matching every given condition: overdue first, then by due date (undated last), then id. */
export async function selectCommitments(db: Queryable, query: CommitmentQuery): Promise<CommitmentRow[]> {
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM commitments
     WHERE ($1::text IS NULL OR $1 = ANY (owners))
       AND ($2::text IS NULL OR channel_id = $2)
       AND status = ANY ($3::text[])
       AND ($4::date IS NULL OR due_on < $4)
       AND ($5::date IS NULL OR due_on <= $5)
       AND ($7::timestamptz IS NULL OR created_at >= $7)
       AND ($8::timestamptz IS NULL OR created_at < $8)
       AND ($9::timestamptz IS NULL OR completed_at >= $9)
       AND ($10::timestamptz IS NULL OR completed_at < $10)
       AND ($12::text IS NULL OR visibility = 'public' OR channel_id = $13::text
            OR $12 = ANY (owners) OR created_by = $12)
       AND ($14::text IS NULL OR channel_id = $14 OR channel_id IS NULL)
     ORDER BY (coalesce(due_on < $6::date, false) AND status IN ('open', 'proposed')) DESC, due_on ASC NULLS LAST, id ASC
     LIMIT $11`,
    [
      query.owner,
      query.channelId,
      query.statuses,
      query.dueBefore,
      query.dueOnOrBefore,
      query.today,
      query.createdFrom,
      query.createdTo,
      query.completedFrom,
      query.completedTo,
      query.limit,
      query.viewer?.userId ?? null,
      query.viewer?.channelId ?? null,
      query.channelOrUnfiled,
    ],
  );
  return rows.map(toRow);
}

/**
 * The commitments an answer in this conversation may cite: accepted ones (open, done or cancelled; never
 * a proposal no human accepted), public or logged in this conversation, newest first. An answer can be
 * posted to or shared with the whole conversation, so a private commitment of another conversation is
 * left out even when the asker owns it. `channelId` null (CLI, console): public ones only.
 */
export async function selectAnswerableCommitments(
  db: Queryable,
  filter: { channelId: string | null; limit: number },
): Promise<CommitmentRow[]> {
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM commitments
     WHERE status IN ('open', 'done', 'cancelled')
       AND (visibility = 'public' OR channel_id = $1::text)
     ORDER BY updated_at DESC, id DESC
     LIMIT $2`,
    [filter.channelId, filter.limit],
  );
  return rows.map(toRow);
}

/** These commitments as they are now, in the order given, when visible in the conversation (see above). */
export async function selectAnswerableCommitmentsById(
  db: Queryable,
  ids: number[],
  channelId: string | null,
): Promise<CommitmentRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM commitments
     WHERE id = ANY ($1::bigint[]) AND status IN ('open', 'done', 'cancelled')
       AND (visibility = 'public' OR channel_id = $2::text)`,
    [ids, channelId],
  );
  const byId = new Map(rows.map((raw) => [Number(raw.id), toRow(raw)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export interface CommitmentEventRow {
  id: number;
  commitmentId: number;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
}

export async function insertCommitmentEvent(
  db: Queryable,
  event: { commitmentId: number; actor: string; action: string; before: unknown; after: unknown },
): Promise<void> {
  await db.query(
    'INSERT INTO commitment_events (commitment_id, actor, action, before, after) VALUES ($1, $2, $3, $4, $5)',
    [
      event.commitmentId,
      event.actor,
      event.action,
      event.before === null ? null : JSON.stringify(event.before),
      event.after === null ? null : JSON.stringify(event.after),
    ],
  );
}

export async function selectCommitmentEvents(
  db: Queryable,
  commitmentId: number,
): Promise<CommitmentEventRow[]> {
  const { rows } = await db.query<{
    id: string | number;
    commitment_id: string | number;
    actor: string;
    action: string;
    before: unknown;
    after: unknown;
    created_at: Date;
  }>(
    `SELECT id, commitment_id, actor, action, before, after, created_at
     FROM commitment_events WHERE commitment_id = $1 ORDER BY id`,
    [commitmentId],
  );
  return rows.map((raw) => ({
    id: Number(raw.id),
    commitmentId: Number(raw.commitment_id),
    actor: raw.actor,
    action: raw.action,
    before: raw.before,
    after: raw.after,
    createdAt: raw.created_at,
  }));
}

/** Open commitments with a due date in [from, to]: the ones a reminder tick may concern. */
export async function selectOpenCommitmentsDueBetween(
  db: Queryable,
  from: string,
  to: string,
): Promise<CommitmentRow[]> {
  const { rows } = await db.query<RawRow>(
    `SELECT ${COLUMNS} FROM commitments
     WHERE status = 'open' AND due_on BETWEEN $1::date AND $2::date
     ORDER BY due_on, id`,
    [from, to],
  );
  return rows.map(toRow);
}

export type ReminderKind = 'due_soon' | 'overdue';

/** Claims one reminder before it is sent; false when it was already claimed (sent or being sent). */
export async function claimReminder(
  db: Queryable,
  reminder: { commitmentId: number; owner: string; kind: ReminderKind; dueOn: string },
): Promise<boolean> {
  const result = await db.query(
    `INSERT INTO commitment_reminders (commitment_id, owner, kind, due_on) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING`,
    [reminder.commitmentId, reminder.owner, reminder.kind, reminder.dueOn],
  );
  return result.rowCount === 1;
}

/** Gives a claim back after a failed send, so a later tick retries it. */
export async function releaseReminder(
  db: Queryable,
  reminder: { commitmentId: number; owner: string; kind: ReminderKind; dueOn: string },
): Promise<void> {
  await db.query(
    'DELETE FROM commitment_reminders WHERE commitment_id = $1 AND owner = $2 AND kind = $3 AND due_on = $4',
    [reminder.commitmentId, reminder.owner, reminder.kind, reminder.dueOn],
  );
}
