import type { AnswerResult } from './index.ts';

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
  } else if (result.nearest.length > 0) {
    lines.push('', 'Closest sources:');
    for (const source of result.nearest) {
      const meta = [source.title, source.published_on, source.language, source.source_uri].filter(Boolean);
      lines.push(`- ${meta.join(' · ')}`);
    }
  }
  return lines.join('\n');
}
