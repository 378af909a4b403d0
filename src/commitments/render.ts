import type { Commitment } from './service.ts';

/** One line per commitment for terminals: id, status (overdue when late), due date, owners, title. */
export function renderCommitmentLine(commitment: Commitment, today: string): string {
  const due = commitment.dueOn ? `due ${commitment.dueOn}` : 'no due date';
  const late = commitment.status === 'open' && commitment.dueOn !== null && commitment.dueOn < today;
  return `#${commitment.id} [${commitment.status}] ${due} · ${commitment.owners.join(', ')} · ${commitment.title}${late ? ' (overdue)' : ''}`;
}
