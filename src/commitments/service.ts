import { DateTime } from 'luxon';
import type pg from 'pg';
import type { AppContext } from '../context.ts';
import { addDays, todayIn } from '../dates.ts';
import {
  type CommitmentChanges,
  type CommitmentEventRow,
  type CommitmentRow,
  type CommitmentStatus,
  type CommitmentVisibility,
  insertCommitment,
  insertCommitmentEvent,
  lockIdempotencyKey,
  selectAnswerableCommitments,
  selectAnswerableCommitmentsById,
  selectCommitment,
  selectCommitmentByIdempotencyKey,
  selectCommitmentEvents,
  selectCommitmentForUpdate,
  selectCommitments,
  updateCommitment,
} from '../db/commitments.ts';
import { withTransaction } from '../db/pool.ts';
import { MAX_COMMITMENT_LENGTH, type ParsedCommitment } from './parse.ts';

export type Commitment = CommitmentRow;
export type CommitmentEvent = CommitmentEventRow;

/**
 * A change to a commitment refused for a reason the user can act on (the message says what to do):
 * surfaces catch this base and show the message; any other error is a failure to log.
 */
export class CommitmentError extends Error {
  override name = 'CommitmentError';
}

export class CommitmentNotFoundError extends CommitmentError {
  override name = 'CommitmentNotFoundError';
  constructor(id: number) {
    super(`There is no commitment #${id}.`);
  }
}

/** An edit based on a version someone else already replaced. */
export class StaleCommitmentError extends CommitmentError {
  override name = 'StaleCommitmentError';
  readonly currentVersion: number;
  constructor(id: number, expectedVersion: number, currentVersion: number) {
    super(
      `Commitment #${id} was changed by someone else while you were editing it ` +
        `(you had version ${expectedVersion}, it is now at version ${currentVersion}). ` +
        'Reload it and make your change again.',
    );
    this.currentVersion = currentVersion;
  }
}

/** A change that makes no sense in the commitment's status, or invalid edited values. */
export class CommitmentChangeError extends CommitmentError {
  override name = 'CommitmentChangeError';
}

export interface CreateCommitmentInput {
  parsed: ParsedCommitment;
  createdBy: string;
  channelId?: string | null;
  /** private when logged in a private channel or a DM (default public). */
  visibility?: CommitmentVisibility;
  threadTs?: string | null;
  sourcePermalink?: string | null;
  /** The message it was logged from (the Slack message, the /commit or CLI text), matched by answers. */
  sourceText?: string | null;
  /** The ingested minutes an extracted commitment comes from. */
  sourceDocumentId?: number | null;
  /** Slack trigger/command id: creating twice with one key gives one row. */
  idempotencyKey?: string | null;
  status?: 'open' | 'proposed';
}

/** Stores a parsed commitment with its creation in the audit log; a repeated idempotency key returns the first row. */
export async function createCommitment(
  ctx: AppContext,
  input: CreateCommitmentInput,
): Promise<{ commitment: Commitment; created: boolean }> {
  const key = input.idempotencyKey ?? null;
  return withTransaction(ctx.db.pool, async (client) => {
    if (key !== null) {
      await lockIdempotencyKey(client, key);
      const existing = await selectCommitmentByIdempotencyKey(client, key);
      if (existing) return { commitment: existing, created: false };
    }
    const inserted = await insertCommitment(client, {
      title: input.parsed.title,
      owners: input.parsed.owners,
      createdBy: input.createdBy,
      dueOn: input.parsed.dueOn,
      tz: input.parsed.tz,
      status: input.status ?? 'open',
      channelId: input.channelId ?? null,
      visibility: input.visibility ?? 'public',
      threadTs: input.threadTs ?? null,
      sourcePermalink: input.sourcePermalink ?? null,
      sourceText: sourceTextOf(input.sourceText),
      sourceDocumentId: input.sourceDocumentId ?? null,
      idempotencyKey: key,
    });
    if (inserted) {
      await insertCommitmentEvent(client, {
        commitmentId: inserted.id,
        actor: input.createdBy,
        action: 'create',
        before: null,
        after: snapshot(inserted),
      });
      return { commitment: inserted, created: true };
    }
    // Only a conflicting idempotency key makes the insert return nothing (a writer outside this function).
    const existing = key === null ? null : await selectCommitmentByIdempotencyKey(client, key);
    if (!existing) throw new Error(`commitment with idempotency key ${key} vanished during creation`);
    return { commitment: existing, created: false };
  });
}

export interface CommitmentFilter {
  owner?: string;
  channelId?: string;
  /** This channel's commitments plus those logged outside Slack (no channel): what its digest covers. */
  channelOrUnfiled?: string;
  /** One status, several, every open one (default), or any status. */
  status?: CommitmentStatus | readonly CommitmentStatus[] | 'all_open' | 'any';
  /** Due before today and still open. */
  overdue?: boolean;
  /** Due on or before today + this many days (overdue ones included). */
  dueWithinDays?: number;
  /** YYYY-MM-DD in the asker's time zone: decides what is overdue (and sorts overdue first). */
  today: string;
  createdBetween?: [Date, Date];
  completedBetween?: [Date, Date];
  limit?: number;
  /**
   * Only the commitments this person may see in this conversation: public ones, those of the
   * conversation, and those they own or wrote. Unset: all of them (CLI, digests, reminders).
   */
  visibleTo?: { userId: string; channelId: string | null };
}

/** Commitments matching the filter: overdue first, then by due date, undated last. */
export async function listCommitments(ctx: AppContext, filter: CommitmentFilter): Promise<Commitment[]> {
  const today = filter.today;
  if (!isCalendarDate(today)) throw new CommitmentChangeError(`today must be YYYY-MM-DD, got ${today}`);
  const status = filter.status ?? 'all_open';
  const statuses: CommitmentStatus[] =
    status === 'any'
      ? ['proposed', 'open', 'done', 'cancelled']
      : status === 'all_open'
        ? ['open']
        : typeof status === 'string'
          ? [status]
          : [...status];
  const within =
    filter.dueWithinDays === undefined
      ? null
      : DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: filter.dueWithinDays }).toISODate();
  return selectCommitments(ctx.db.pool, {
    owner: filter.owner ?? null,
    channelId: filter.channelId ?? null,
    channelOrUnfiled: filter.channelOrUnfiled ?? null,
    statuses,
    dueBefore: filter.overdue ? today : null,
    dueOnOrBefore: within,
    today,
    createdFrom: filter.createdBetween?.[0] ?? null,
    createdTo: filter.createdBetween?.[1] ?? null,
    completedFrom: filter.completedBetween?.[0] ?? null,
    completedTo: filter.completedBetween?.[1] ?? null,
    limit: filter.limit ?? null,
    viewer: filter.visibleTo ?? null,
  });
}

/** Most commitments an answer weighs: the newest changed first (bench/commitment-sources.ts). */
const ANSWERABLE_LIMIT = 2000;

/**
 * The commitments an answer given in this conversation may cite (see selectAnswerableCommitments):
 * open, done or cancelled, public or of this conversation; `channelId` null: public ones only.
 */
export async function answerableCommitments(
  ctx: AppContext,
  channelId: string | null,
): Promise<Commitment[]> {
  return selectAnswerableCommitments(ctx.db.pool, { channelId, limit: ANSWERABLE_LIMIT });
}

/** Commitments an answer cited, as they are now (status, due date), if still visible in the conversation. */
export async function answerableCommitmentsById(
  ctx: AppContext,
  ids: number[],
  channelId: string | null,
): Promise<Commitment[]> {
  return selectAnswerableCommitmentsById(ctx.db.pool, ids, channelId);
}

export async function getCommitment(ctx: AppContext, id: number): Promise<Commitment | null> {
  return selectCommitment(ctx.db.pool, id);
}

/** The audit log of one commitment, oldest first. */
export async function commitmentHistory(ctx: AppContext, id: number): Promise<CommitmentEvent[]> {
  return selectCommitmentEvents(ctx.db.pool, id);
}

export async function completeCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  expectedVersion?: number,
): Promise<Commitment> {
  return change(ctx.db.pool, id, actor, 'complete', expectedVersion, (current) => {
    if (current.status === 'done') return null;
    if (current.status === 'cancelled') {
      throw new CommitmentChangeError(`Commitment #${id} is cancelled; reopen it before marking it done.`);
    }
    return { ...unchanged(current), status: 'done', completedAt: new Date() };
  });
}

/** A proposed (extracted) commitment becomes a real one. */
export async function acceptCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  expectedVersion?: number,
): Promise<Commitment> {
  return change(ctx.db.pool, id, actor, 'accept', expectedVersion, (current) => {
    if (current.status === 'open') return null;
    if (current.status !== 'proposed') {
      throw new CommitmentChangeError(
        `Commitment #${id} is ${current.status}, not a proposal waiting to be accepted.`,
      );
    }
    return { ...unchanged(current), status: 'open' };
  });
}

export async function reopenCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  expectedVersion?: number,
): Promise<Commitment> {
  return change(ctx.db.pool, id, actor, 'reopen', expectedVersion, (current) => {
    if (current.status === 'open') return null;
    return { ...unchanged(current), status: 'open', completedAt: null };
  });
}

export async function cancelCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  expectedVersion?: number,
): Promise<Commitment> {
  return change(ctx.db.pool, id, actor, 'cancel', expectedVersion, (current) => {
    if (current.status === 'cancelled') return null;
    if (current.status === 'done') {
      throw new CommitmentChangeError(`Commitment #${id} is already done; reopen it before cancelling it.`);
    }
    return { ...unchanged(current), status: 'cancelled', completedAt: null };
  });
}

/**
 * Moves the due date to a date, or by some days: from the current due date, or from today (in the
 * commitment's time zone) when that is later. A snoozed commitment gets fresh reminders for its new date.
 */
export async function snoozeCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  to: string | { days: number },
  expectedVersion?: number,
  now: Date = new Date(),
): Promise<Commitment> {
  if (typeof to === 'string' && !isCalendarDate(to)) {
    throw new CommitmentChangeError(`"${to}" is not a date; give it as YYYY-MM-DD, e.g. 2026-12-05.`);
  }
  return change(ctx.db.pool, id, actor, 'snooze', expectedVersion, (current) => {
    if (current.status === 'done' || current.status === 'cancelled') {
      throw new CommitmentChangeError(
        `Commitment #${id} is ${current.status}; reopen it before snoozing it.`,
      );
    }
    const today = todayIn(current.tz, now);
    const base = current.dueOn && current.dueOn > today ? current.dueOn : today;
    const newDueOn = typeof to === 'string' ? to : addDays(base, to.days);
    if (newDueOn < today) {
      throw new CommitmentChangeError(
        `${newDueOn} is in the past (today is ${today} in ${current.tz}); snooze to today or later.`,
      );
    }
    if (current.dueOn === newDueOn) return null;
    return { ...unchanged(current), dueOn: newDueOn };
  });
}

/** Edits title, owners or due date; refused when the commitment changed since expectedVersion. */
export async function editCommitment(
  ctx: AppContext,
  id: number,
  actor: string,
  changes: { title?: string; owners?: string[]; dueOn?: string | null },
  expectedVersion: number,
): Promise<Commitment> {
  const title = changes.title?.replace(/\s+/g, ' ').trim();
  if (title !== undefined && (title === '' || title.length > MAX_COMMITMENT_LENGTH)) {
    throw new CommitmentChangeError(`A title needs 1 to ${MAX_COMMITMENT_LENGTH} characters.`);
  }
  const owners = changes.owners && [...new Set(changes.owners.map((owner) => owner.trim()).filter(Boolean))];
  if (owners !== undefined && owners.length === 0) {
    throw new CommitmentChangeError('A commitment needs at least one owner.');
  }
  if (changes.dueOn && !isCalendarDate(changes.dueOn)) {
    throw new CommitmentChangeError(`"${changes.dueOn}" is not a date; give it as YYYY-MM-DD.`);
  }
  return change(ctx.db.pool, id, actor, 'edit', expectedVersion, (current) => {
    const next = {
      ...unchanged(current),
      title: title ?? current.title,
      owners: owners ?? current.owners,
      dueOn: changes.dueOn === undefined ? current.dueOn : changes.dueOn,
    };
    const same =
      next.title === current.title &&
      next.dueOn === current.dueOn &&
      next.owners.join('\n') === current.owners.join('\n');
    return same ? null : next;
  });
}

/**
 * Applies one change under a row lock: the version check and the write cannot interleave with
 * another change, and the audit row commits with it. A change to the current state is a no-op.
 */
async function change(
  pool: pg.Pool,
  id: number,
  actor: string,
  action: string,
  expectedVersion: number | undefined,
  decide: (current: Commitment) => CommitmentChanges | null,
): Promise<Commitment> {
  return withTransaction(pool, async (client) => {
    const current = await selectCommitmentForUpdate(client, id);
    if (!current) throw new CommitmentNotFoundError(id);
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new StaleCommitmentError(id, expectedVersion, current.version);
    }
    const next = decide(current);
    if (!next) return current;
    const updated = await updateCommitment(client, id, current.version, next);
    if (!updated) throw new StaleCommitmentError(id, current.version, current.version + 1);
    await insertCommitmentEvent(client, {
      commitmentId: id,
      actor,
      action,
      before: snapshot(current),
      after: snapshot(updated),
    });
    return updated;
  });
}

function unchanged(current: Commitment): CommitmentChanges {
  return {
    title: current.title,
    owners: current.owners,
    dueOn: current.dueOn,
    status: current.status,
    completedAt: current.completedAt,
  };
}

function snapshot(commitment: Commitment) {
  return {
    title: commitment.title,
    owners: commitment.owners,
    dueOn: commitment.dueOn,
    status: commitment.status,
    completedAt: commitment.completedAt?.toISOString() ?? null,
    version: commitment.version,
  };
}

/** Longest source message kept (the column's limit): a longer one is cut, on a word when near. */
const MAX_SOURCE_TEXT = 4000;

function sourceTextOf(text: string | null | undefined): string | null {
  const trimmed = text?.replace(/\s+/g, ' ').trim();
  if (!trimmed) return null;
  if (trimmed.length <= MAX_SOURCE_TEXT) return trimmed;
  const cut = trimmed.slice(0, MAX_SOURCE_TEXT - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_SOURCE_TEXT - 200 ? cut.slice(0, space) : cut}…`;
}

function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}
