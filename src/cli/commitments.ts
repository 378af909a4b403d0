import { exportCommitments } from '../commitments/export.ts';
import { renderCommitmentLine } from '../commitments/render.ts';
import {
  acceptCommitment,
  CommitmentError,
  CommitmentNotFoundError,
  cancelCommitment,
  commitmentHistory,
  completeCommitment,
  getCommitment,
  listCommitments,
  reopenCommitment,
  snoozeCommitment,
} from '../commitments/service.ts';
import { todayIn } from '../dates.ts';
import { cliActor } from './actor.ts';
import { jsonOutput } from './json.ts';
import { type CliCommand, type CliRunArgs, UsageError } from './types.ts';

const USAGE = [
  'minutebook commitments [list] [--owner U] [--channel C] [--overdue] [--all | --status S] [--json]',
  '       minutebook commitments done|reopen|cancel|accept <id> [--as <user>] [--json]',
  '       minutebook commitments snooze <id> <YYYY-MM-DD> [--as <user>] [--json]',
  '       minutebook commitments history <id> [--json]',
  '       minutebook commitments export [--format csv|json] [--open] [--raw]   (every status unless --open;',
  '         --raw: CSV cells as stored, without the quote that stops spreadsheets running formulas)',
].join('\n');

export const commitmentsCommand: CliCommand = {
  name: 'commitments',
  usage: USAGE,
  options: {
    owner: { type: 'string' },
    channel: { type: 'string' },
    overdue: { type: 'boolean' },
    all: { type: 'boolean' },
    open: { type: 'boolean' },
    status: { type: 'string' },
    as: { type: 'string' },
    format: { type: 'string' },
    raw: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(args) {
    const [action = 'list', ...rest] = args.positionals;
    try {
      switch (action) {
        case 'list':
          return await list(args, rest);
        case 'done':
        case 'reopen':
        case 'cancel':
        case 'accept':
          return await transition(args, action, rest);
        case 'snooze':
          return await snooze(args, rest);
        case 'history':
          return await history(args, rest);
        case 'export':
          return await exportAll(args, rest);
        default:
          throw new UsageError(`unknown action '${action}'`);
      }
    } catch (error) {
      if (error instanceof CommitmentError) {
        if (args.values.json) args.io.out(jsonOutput({ error: error.name, message: error.message }));
        else args.io.err(error.message);
        return 1;
      }
      throw error;
    }
  },
};

async function list({ values, io, config, context }: CliRunArgs, rest: string[]) {
  noMore(rest);
  const today = todayIn(config.DEFAULT_TIMEZONE, new Date());
  const ctx = await context();
  const commitments = await listCommitments(ctx, {
    owner: typeof values.owner === 'string' ? values.owner : undefined,
    channelId: typeof values.channel === 'string' ? values.channel : undefined,
    overdue: values.overdue === true,
    status: listStatus(values),
    today,
  });
  if (values.json) io.out(jsonOutput(commitments));
  else if (commitments.length === 0) io.out('no commitments');
  else {
    for (const commitment of commitments) {
      io.out(renderCommitmentLine(commitment, today));
    }
  }
  return 0;
}

async function transition(
  { values, io, context }: CliRunArgs,
  action: 'done' | 'reopen' | 'cancel' | 'accept',
  rest: string[],
) {
  const [idText, ...extra] = rest;
  noMore(extra);
  const id = commitmentId(idText);
  const actor = cliActor(values.as);
  const ctx = await context();
  const apply = {
    done: completeCommitment,
    reopen: reopenCommitment,
    cancel: cancelCommitment,
    accept: acceptCommitment,
  }[action];
  const before = await getCommitment(ctx, id);
  const commitment = await apply(ctx, id, actor);
  // A change to the state it already has is a no-op (no audit row): say so rather than succeed silently.
  if (before && commitment.version === before.version) {
    io.err(`Commitment #${id} is already ${commitment.status}: nothing changed.`);
  }
  io.out(
    values.json
      ? jsonOutput(commitment)
      : renderCommitmentLine(commitment, todayIn(commitment.tz, new Date())),
  );
  return 0;
}

async function snooze({ values, io, context }: CliRunArgs, rest: string[]) {
  const [idText, date, ...extra] = rest;
  noMore(extra);
  const id = commitmentId(idText);
  if (!date) throw new UsageError('snooze needs the new due date: snooze <id> <YYYY-MM-DD>');
  const ctx = await context();
  const commitment = await snoozeCommitment(ctx, id, cliActor(values.as), date);
  io.out(
    values.json
      ? jsonOutput(commitment)
      : renderCommitmentLine(commitment, todayIn(commitment.tz, new Date())),
  );
  return 0;
}

async function history({ values, io, context }: CliRunArgs, rest: string[]) {
  const [idText, ...extra] = rest;
  noMore(extra);
  const id = commitmentId(idText);
  const ctx = await context();
  const events = await commitmentHistory(ctx, id);
  if (events.length === 0) throw new CommitmentNotFoundError(id);
  if (values.json) io.out(jsonOutput(events));
  else {
    for (const event of events) {
      io.out(
        `${event.createdAt.toISOString()} ${event.actor} ${event.action} ${JSON.stringify(event.after)}`,
      );
    }
  }
  return 0;
}

async function exportAll({ values, io, config, context }: CliRunArgs, rest: string[]) {
  noMore(rest);
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new UsageError(`--format must be csv or json, not ${format}`);
  const ctx = await context();
  const today = todayIn(config.DEFAULT_TIMEZONE, new Date());
  const filter = { status: values.open ? ('all_open' as const) : ('any' as const), today };
  // io.out ends the output with its own line break.
  io.out((await exportCommitments(ctx, format, filter, { raw: values.raw === true })).replace(/\r\n$/, ''));
  return 0;
}

const STATUSES = ['proposed', 'open', 'done', 'cancelled'] as const;

function listStatus(values: CliRunArgs['values']): (typeof STATUSES)[number] | 'all_open' | 'any' {
  if (values.status === undefined) return values.all ? 'any' : 'all_open';
  const status = STATUSES.find((each) => each === values.status);
  if (!status) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  return status;
}

function commitmentId(text: string | undefined): number {
  if (!text || !/^[1-9]\d{0,15}$/.test(text)) {
    throw new UsageError(`give the commitment's number (e.g. 12), not '${text ?? ''}'`);
  }
  return Number(text);
}

function noMore(rest: string[]) {
  if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}'`);
}
