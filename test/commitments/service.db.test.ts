import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { exportCommitments } from '../../src/commitments/export.ts';
import type { ParsedCommitment } from '../../src/commitments/parse.ts';
import {
  CommitmentChangeError,
  CommitmentError,
  CommitmentNotFoundError,
  cancelCommitment,
  commitmentHistory,
  completeCommitment,
  createCommitment,
  editCommitment,
  getCommitment,
  listCommitments,
  reopenCommitment,
  StaleCommitmentError,
  snoozeCommitment,
} from '../../src/commitments/service.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();

function parsed(overrides: Partial<ParsedCommitment> = {}): ParsedCommitment {
  return {
    title: 'send the draft MoU to Guangxi FAO',
    owners: ['U1'],
    dueOn: '2099-12-05',
    tz: 'Asia/Ho_Chi_Minh',
    dueText: 'by 5 Dec',
    ...overrides,
  };
}

async function countRows(sql: string, params: unknown[] = []) {
  const { rows } = await database().db.pool.query<{ n: number }>(sql, params);
  return rows[0]?.n;
}

describe('commitments service', () => {
  it('stores a commitment with its creation in the audit log, and hostile text literally', async () => {
    const ctx = testContext(database().db);
    const hostile = "'); DROP TABLE commitments;--";
    const { commitment, created } = await createCommitment(ctx, {
      parsed: parsed({ title: hostile, owners: ['U1', 'subteam:S9'] }),
      createdBy: 'U0',
      channelId: 'C1',
      threadTs: '1700000000.000100',
      sourcePermalink: 'https://slack.example/archives/C1/p1',
    });
    expect(created).toBe(true);
    const stored = await getCommitment(ctx, commitment.id);
    expect(stored).toMatchObject({
      title: hostile,
      owners: ['U1', 'subteam:S9'],
      createdBy: 'U0',
      dueOn: '2099-12-05',
      tz: 'Asia/Ho_Chi_Minh',
      status: 'open',
      channelId: 'C1',
      version: 1,
      completedAt: null,
    });
    const history = await commitmentHistory(ctx, commitment.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actor: 'U0', action: 'create', before: null });
    expect(history[0]?.after).toMatchObject({ title: hostile, version: 1 });
    expect(await getCommitment(ctx, 999_999)).toBeNull();
  });

  it('creates one row for a repeated idempotency key, even when the retries race', async () => {
    const ctx = testContext(database().db);
    const first = await createCommitment(ctx, {
      parsed: parsed(),
      createdBy: 'U0',
      idempotencyKey: 'trigger-1',
    });
    const again = await createCommitment(ctx, {
      parsed: parsed({ title: 'something else' }),
      createdBy: 'U0',
      idempotencyKey: 'trigger-1',
    });
    expect(again.created).toBe(false);
    expect(again.commitment.id).toBe(first.commitment.id);
    expect(again.commitment.title).toBe('send the draft MoU to Guangxi FAO');
    const racing = await Promise.all(
      Array.from({ length: 10 }, () =>
        createCommitment(ctx, { parsed: parsed(), createdBy: 'U0', idempotencyKey: 'trigger-2' }),
      ),
    );
    expect(racing.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(racing.map((result) => result.commitment.id)).size).toBe(1);
    expect(
      await countRows("SELECT count(*)::int AS n FROM commitments WHERE idempotency_key LIKE 'trigger-%'"),
    ).toBe(2);
  });

  it('completes, reopens, snoozes and cancels, auditing each change with before and after', async () => {
    const ctx = testContext(database().db);
    const { commitment } = await createCommitment(ctx, { parsed: parsed(), createdBy: 'U0' });
    const done = await completeCommitment(ctx, commitment.id, 'U1', 1);
    expect(done).toMatchObject({ status: 'done', version: 2 });
    expect(done.completedAt).toBeInstanceOf(Date);
    expect(await completeCommitment(ctx, commitment.id, 'U1')).toMatchObject({ version: 2 });
    await expect(cancelCommitment(ctx, commitment.id, 'U1')).rejects.toThrow(/already done; reopen it/);
    await expect(snoozeCommitment(ctx, commitment.id, 'U1', '2099-12-20')).rejects.toBeInstanceOf(
      CommitmentChangeError,
    );
    const reopened = await reopenCommitment(ctx, commitment.id, 'U2');
    expect(reopened).toMatchObject({ status: 'open', completedAt: null, version: 3 });
    const snoozed = await snoozeCommitment(ctx, commitment.id, 'U2', '2099-12-20', 3);
    expect(snoozed).toMatchObject({ dueOn: '2099-12-20', version: 4 });
    await expect(snoozeCommitment(ctx, commitment.id, 'U2', '2020-01-01')).rejects.toThrow(/in the past/);
    await expect(snoozeCommitment(ctx, commitment.id, 'U2', '2099-02-30')).rejects.toThrow(/not a date/);
    const cancelled = await cancelCommitment(ctx, commitment.id, 'U3');
    expect(cancelled).toMatchObject({ status: 'cancelled', version: 5 });
    await expect(completeCommitment(ctx, commitment.id, 'U3')).rejects.toThrow(/cancelled; reopen it/);

    const history = await commitmentHistory(ctx, commitment.id);
    expect(history.map((event) => [event.action, event.actor])).toEqual([
      ['create', 'U0'],
      ['complete', 'U1'],
      ['reopen', 'U2'],
      ['snooze', 'U2'],
      ['cancel', 'U3'],
    ]);
    expect(history[3]?.before).toMatchObject({ dueOn: '2099-12-05', version: 3 });
    expect(history[3]?.after).toMatchObject({ dueOn: '2099-12-20', version: 4 });
    await expect(completeCommitment(ctx, 999_999, 'U1')).rejects.toBeInstanceOf(CommitmentNotFoundError);
  });

  it('snoozes by days from the current due date, or from today when that is later', async () => {
    const ctx = testContext(database().db);
    const now = new Date('2099-12-10T03:00:00Z');
    const later = (await createCommitment(ctx, { parsed: parsed({ dueOn: '2099-12-20' }), createdBy: 'U0' }))
      .commitment;
    expect(await snoozeCommitment(ctx, later.id, 'U1', { days: 7 }, undefined, now)).toMatchObject({
      dueOn: '2099-12-27',
    });
    const overdue = (
      await createCommitment(ctx, { parsed: parsed({ dueOn: '2099-12-01' }), createdBy: 'U0' })
    ).commitment;
    expect(await snoozeCommitment(ctx, overdue.id, 'U1', { days: 1 }, undefined, now)).toMatchObject({
      dueOn: '2099-12-11',
    });
  });

  it('gives every refused change one base class, so a caller catches them all', async () => {
    const ctx = testContext(database().db);
    const { commitment } = await createCommitment(ctx, { parsed: parsed(), createdBy: 'U0' });
    await cancelCommitment(ctx, commitment.id, 'U1');
    const refusals = await Promise.allSettled([
      completeCommitment(ctx, commitment.id, 'U1'),
      snoozeCommitment(ctx, commitment.id, 'U1', { days: 1 }),
      completeCommitment(ctx, 999_999, 'U1'),
      reopenCommitment(ctx, commitment.id, 'U1', 1),
    ]);
    for (const refusal of refusals) {
      expect(refusal.status).toBe('rejected');
      expect((refusal as PromiseRejectedResult).reason).toBeInstanceOf(CommitmentError);
    }
  });

  it('edits title, owners and due date, and refuses an edit based on a stale version', async () => {
    const ctx = testContext(database().db);
    const { commitment } = await createCommitment(ctx, { parsed: parsed(), createdBy: 'U0' });
    const edited = await editCommitment(
      ctx,
      commitment.id,
      'U1',
      { title: '  book   the interpreters ', owners: ['U2', 'U3', 'U2'], dueOn: null },
      1,
    );
    expect(edited).toMatchObject({
      title: 'book the interpreters',
      owners: ['U2', 'U3'],
      dueOn: null,
      version: 2,
    });
    const stale = await editCommitment(ctx, commitment.id, 'U4', { title: 'overwritten' }, 1).catch((e) => e);
    expect(stale).toBeInstanceOf(StaleCommitmentError);
    expect(stale.currentVersion).toBe(2);
    expect(stale.message).toMatch(/changed by someone else.*Reload it/);
    expect((await getCommitment(ctx, commitment.id))?.title).toBe('book the interpreters');
    await expect(editCommitment(ctx, commitment.id, 'U4', { owners: [' '] }, 2)).rejects.toThrow(
      /at least one owner/,
    );
    await expect(editCommitment(ctx, commitment.id, 'U4', { title: '' }, 2)).rejects.toThrow(/1 to 1000/);
    expect(await commitmentHistory(ctx, commitment.id)).toHaveLength(2);
  });

  it('lists by owner, channel, status, overdue and due window, overdue first', async () => {
    const ctx = testContext(database().db);
    const make = async (title: string, dueOn: string | null, owners: string[], channelId: string | null) =>
      (await createCommitment(ctx, { parsed: parsed({ title, dueOn, owners }), createdBy: 'U0', channelId }))
        .commitment;
    const later = await make('list later', '2030-03-10', ['UL1'], 'CL1');
    const undated = await make('list undated', null, ['UL1'], 'CL1');
    const overdue = await make('list overdue', '2030-03-01', ['UL1', 'UL2'], 'CL2');
    const soon = await make('list soon', '2030-03-06', ['UL2'], 'CL1');
    const finished = await make('list finished', '2030-03-02', ['UL1'], 'CL1');
    await completeCommitment(ctx, finished.id, 'UL1');
    const ids = (list: { id: number }[]) => list.map((each) => each.id);
    const today = '2030-03-05';
    expect(ids(await listCommitments(ctx, { owner: 'UL1', today }))).toEqual([
      overdue.id,
      later.id,
      undated.id,
    ]);
    expect(ids(await listCommitments(ctx, { channelId: 'CL1', today }))).toEqual([
      soon.id,
      later.id,
      undated.id,
    ]);
    expect(ids(await listCommitments(ctx, { owner: 'UL1', overdue: true, today }))).toEqual([overdue.id]);
    expect(ids(await listCommitments(ctx, { owner: 'UL2', dueWithinDays: 1, today }))).toEqual([
      overdue.id,
      soon.id,
    ]);
    expect(ids(await listCommitments(ctx, { owner: 'UL1', status: 'done', today }))).toEqual([finished.id]);
    expect(ids(await listCommitments(ctx, { owner: 'UL1', status: 'any', today }))).toEqual([
      overdue.id,
      finished.id,
      later.id,
      undated.id,
    ]);
    expect(ids(await listCommitments(ctx, { owner: 'UL1', limit: 1, today }))).toEqual([overdue.id]);
    const completedNow = await listCommitments(ctx, {
      status: 'any',
      completedBetween: [new Date(Date.now() - 60_000), new Date(Date.now() + 60_000)],
      owner: 'UL1',
      today,
    });
    expect(ids(completedNow)).toEqual([finished.id]);
  });

  it('exports CSV that round-trips titles with commas, quotes and newlines, and JSON', async () => {
    const ctx = testContext(database().db);
    const titles = ['plain', 'with, comma', 'with "quotes"', 'two\nlines', '=cmd|"x"!A1, "all"\r\nof them'];
    for (const title of titles) {
      await createCommitment(ctx, {
        parsed: parsed({ title, owners: ['UX1', 'UX2'] }),
        createdBy: 'UX0',
        channelId: 'CX',
        sourcePermalink: 'https://slack.example/p?a=1,2',
      });
    }
    const filter = { channelId: 'CX', status: 'any' as const, today: '2026-11-24' };
    const csv = await exportCommitments(ctx, 'csv', filter, { raw: true });
    expect(
      csv.startsWith('id,title,owners,due_on,status,created_by,created_at,completed_at,channel,link\r\n'),
    ).toBe(true);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records.map((record) => record.title)).toEqual(titles);
    // Without raw, the formula is quoted out for spreadsheets; everything else is unchanged.
    const safe = parse(await exportCommitments(ctx, 'csv', filter), { columns: true }) as Record<
      string,
      string
    >[];
    expect(safe.map((record) => record.title)).toEqual([...titles.slice(0, 4), `'${titles[4]}`]);
    expect(records[0]).toMatchObject({
      owners: 'UX1 UX2',
      due_on: '2099-12-05',
      status: 'open',
      created_by: 'UX0',
      completed_at: '',
      channel: 'CX',
      link: 'https://slack.example/p?a=1,2',
    });
    expect(new Date(records[0]?.created_at ?? '').getTime()).not.toBeNaN();
    const json = JSON.parse(await exportCommitments(ctx, 'json', filter));
    expect(json.map((record: { title: string }) => record.title)).toEqual(titles);
    expect(json[0].owners).toEqual(['UX1', 'UX2']);
  });

  it('keeps every concurrent create and edit: 200 creates, 50 edits of one row, nothing lost', async () => {
    const testDb = database();
    const contexts = (
      testDb.backend === 'postgres' ? [testDb.db, await testDb.openAnother()] : [testDb.db]
    ).map((db) => testContext(db));
    const contextFor = (i: number) => contexts[i % contexts.length]!;
    const created = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        createCommitment(contextFor(i), {
          parsed: parsed({ title: `bulk ${i}`, owners: ['UBULK'] }),
          createdBy: 'U0',
        }),
      ),
    );
    expect(new Set(created.map((result) => result.commitment.id)).size).toBe(200);
    expect(await countRows("SELECT count(*)::int AS n FROM commitments WHERE title LIKE 'bulk %'")).toBe(200);

    expect(
      await countRows(
        "SELECT count(*)::int AS n FROM commitment_events e JOIN commitments c ON c.id = e.commitment_id WHERE e.action = 'create' AND c.title LIKE 'bulk %'",
      ),
    ).toBe(200);

    const target = created[0]?.commitment.id ?? 0;
    let staleRefusals = 0;
    // Each editor adds itself to the owners (read-modify-write): a lost update would drop an owner.
    const editors = Array.from({ length: 50 }, (_, i) => `UE${i}`);
    await Promise.all(
      editors.map(async (editor, i) => {
        let current = await getCommitment(contextFor(i), target);
        for (;;) {
          if (!current) throw new Error('commitment disappeared');
          try {
            await editCommitment(
              contextFor(i),
              target,
              editor,
              { owners: [...current.owners, editor] },
              current.version,
            );
            return;
          } catch (error) {
            if (!(error instanceof StaleCommitmentError)) throw error;
            staleRefusals += 1;
            current = await getCommitment(contextFor(i), target);
          }
        }
      }),
    );
    const final = await getCommitment(testContext(testDb.db), target);
    expect(final?.version).toBe(51);
    expect(new Set(final?.owners)).toEqual(new Set(['UBULK', ...editors]));
    if (testDb.backend === 'postgres') expect(staleRefusals).toBeGreaterThan(0);
    const history = await commitmentHistory(testContext(testDb.db), target);
    expect(
      history
        .filter((event) => event.action === 'edit')
        .map((event) => event.actor)
        .sort(),
    ).toEqual([...editors].sort());
    expect(history.map((event) => (event.after as { version: number }).version)).toEqual(
      Array.from({ length: 51 }, (_, i) => i + 1),
    );
  });
});
