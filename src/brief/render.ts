import type { Brief, BriefLine } from './service.ts';

const QUOTE_CHARS = 300;

/** The brief as Markdown, to paste into a briefing note: sections, then the numbered sources with their quotes. */
export function renderBriefMarkdown(brief: Brief): string {
  const out = [`# ${brief.title}`, ''];
  if (brief.empty) return [...out, brief.empty].join('\n');
  for (const section of brief.sections) {
    out.push(`## ${section.heading}`, '');
    for (const line of section.lines) {
      const marks = line.citations.map((n) => `[${n}]`).join('');
      out.push(`- ${lineText(line)}${marks ? ` ${marks}` : ''}`);
    }
    out.push('');
  }
  if (brief.citations.length > 0) {
    out.push('## Sources', '');
    for (const citation of brief.citations) {
      const where = [citation.publishedOn, citation.language, citation.sourceUri].filter(Boolean).join(' · ');
      out.push(`${citation.n}. ${oneLine(citation.title)} · ${where}`);
      out.push(`   > “${oneLine(shorten(citation.quote))}”`);
    }
  }
  return out.join('\n').trimEnd();
}

/** A line's words: its text, then the owners and due date of a commitment. */
export function lineText(line: BriefLine, owner: (id: string) => string = (id) => id): string {
  const parts = [oneLine(line.text)];
  if (line.owners) parts.push(line.owners.map(owner).join(', '));
  if (line.due) parts.push(line.due);
  return parts.join(' · ');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function shorten(text: string): string {
  return text.length <= QUOTE_CHARS ? text : `${text.slice(0, QUOTE_CHARS - 1)}…`;
}
