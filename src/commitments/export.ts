import { stringify } from 'csv-stringify/sync';
import type { Queryable } from '../db/pool.ts';
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

/** Commitments as CSV (RFC 4180: CRLF, quoted when needed; owners space-separated; null as an empty cell) or a JSON array (null stays null). */
export async function exportCommitments(
  db: Queryable,
  format: 'csv' | 'json',
  filter: CommitmentFilter,
): Promise<string> {
  const commitments = await listCommitments(db, filter);
  if (format === 'json') return JSON.stringify(commitments.map(exportRecord), null, 2);
  return stringify(
    commitments.map((commitment) => {
      const record = exportRecord(commitment);
      return { ...record, owners: record.owners.join(' ') };
    }),
    { header: true, columns: [...EXPORT_FIELDS], record_delimiter: 'windows' },
  );
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
