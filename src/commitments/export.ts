import { stringify } from 'csv-stringify/sync';
import type { AppContext } from '../context.ts';
import { type Commitment, type CommitmentFilter, listCommitments } from './service.ts';

export const EXPORT_FIELDS = [
  'id',
  'title',
  'owners',
  'due_on',
  'status',
  'created_by',
  'created_at',
  'completed_at',
  'channel',
  'link',
] as const;

export interface ExportOptions {
  /**
   * CSV cells exactly as stored, for a round trip into Minutebook or a database. By default a cell a
   * spreadsheet would run as a formula is neutralised.
   */
  raw?: boolean;
}

/**
 * Commitments as CSV (RFC 4180: CRLF, quoted when needed; owners space-separated; null as an empty
 * cell) or a JSON array (null stays null).
 * Titles, owners and authors are typed by people: in CSV, unless `raw`, a cell starting with = + - @
 * tab or CR gets a leading single quote (OWASP CSV injection), so Excel or Sheets shows it as text
 * instead of running =HYPERLINK(…) or a DDE command.
 */
export async function exportCommitments(
  ctx: AppContext,
  format: 'csv' | 'json',
  filter: CommitmentFilter,
  options: ExportOptions = {},
): Promise<string> {
  const commitments = await listCommitments(ctx, filter);
  if (format === 'json') return JSON.stringify(commitments.map(exportRecord), null, 2);
  const cell = options.raw ? <T extends string | null>(text: T): T => text : neutraliseFormula;
  return stringify(
    commitments.map((commitment) => {
      const record = exportRecord(commitment);
      return {
        ...record,
        title: cell(record.title),
        owners: cell(record.owners.join(' ')),
        created_by: cell(record.created_by),
        channel: cell(record.channel),
        link: cell(record.link),
      };
    }),
    { header: true, columns: [...EXPORT_FIELDS], record_delimiter: 'windows' },
  );
}

/** OWASP's rule for CSV injection: a cell starting with = + - @ tab or CR is prefixed with '. */
export function neutraliseFormula<T extends string | null>(text: T): T {
  return (text !== null && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text) as T;
}

function exportRecord(commitment: Commitment) {
  return {
    id: commitment.id,
    title: commitment.title,
    owners: commitment.owners,
    due_on: commitment.dueOn,
    status: commitment.status,
    created_by: commitment.createdBy,
    created_at: commitment.createdAt.toISOString(),
    completed_at: commitment.completedAt?.toISOString() ?? null,
    channel: commitment.channelId,
    link: commitment.sourcePermalink,
  };
}
