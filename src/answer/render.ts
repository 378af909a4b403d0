import type { AnswerCommitmentCitation } from './commitment-sources.ts';
import type { AnswerResult } from './index.ts';

/** "C12 · open · owner alice, bob · due 2026-12-04" (done: "done 2026-11-20"), set apart from documents. */
export function commitmentSourceLine(commitment: AnswerCommitmentCitation): string {
  const owners = commitment.owners.length > 1 ? 'owners' : 'owner';
  const parts = [`C${commitment.id}`, commitment.status, `${owners} ${commitment.owners.join(', ')}`];
  if (commitment.status === 'done' && commitment.completed_on) parts[1] = `done ${commitment.completed_on}`;
  if (commitment.status === 'open' && commitment.due_on) parts.push(`due ${commitment.due_on}`);
  return parts.join(' · ');
}

/** The answer, an optional notice, then numbered sources: title · date · language · link, and the quote. */
export function renderAnswerText(result: AnswerResult): string {
  const lines = [result.answer];
  if (result.notice) lines.push('', `(${result.notice})`);
  if (result.citations.length > 0) {
    lines.push('', 'Sources:');
    for (const citation of result.citations) {
      const meta = [citation.title, citation.published_on, citation.language, citation.source_uri].filter(
        Boolean,
      );
      lines.push(`[${citation.n}] ${meta.join(' · ')}`, `    “${citation.quote}”`);
    }
  }
  if (result.commitments.length > 0) {
    lines.push('', 'Commitments:');
    for (const commitment of result.commitments) {
      lines.push(commitmentSourceLine(commitment), `    “${commitment.title}”`);
    }
  }
  if (result.citations.length === 0 && result.commitments.length === 0 && result.nearest.length > 0) {
    lines.push('', 'Closest sources:');
    for (const source of result.nearest) {
      const meta = [source.title, source.published_on, source.language, source.source_uri].filter(Boolean);
      lines.push(`- ${meta.join(' · ')}`);
    }
  }
  return lines.join('\n');
}
