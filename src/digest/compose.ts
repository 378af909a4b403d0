import { DateTime } from 'luxon';
import type { Period } from './schedule.ts';

export interface DigestCommitment {
  id: number;
  title: string;
  /** Slack user ids (U…/W…) or free-text names. */
  owners: string[];
  /** YYYY-MM-DD. */
  dueOn: string | null;
}

export interface QuestionCount {
  question: string;
  count: number;
}

/** What the database holds for one period, as collected by buildDigest. */
export interface DigestData {
  channelId: string | null;
  period: Period;
  /** Zone in which dates are shown and "today" is taken. */
  tz: string;
  documents: {
    title: string;
    language: string;
    publishedOn: string | null;
    ingestedAt: Date;
    content: string;
    /** From the summarizer; else the first sentence of content is used. */
    summary?: string;
  }[];
  commitmentsCreated: DigestCommitment[];
  commitmentsCompleted: DigestCommitment[];
  dueSoon: DigestCommitment[];
  overdue: DigestCommitment[];
  mostAsked: QuestionCount[];
  unanswered: QuestionCount[];
}

export interface DigestDocument {
  title: string;
  /**
   * Publication date (YYYY-MM-DD), or "undated, added YYYY-MM-DD" for a document without one: the
   * ingestion date must not pass for the date of the meeting.
   */
  date: string;
  language: string;
  summary: string;
}

export type DigestSection =
  | { kind: 'documents'; title: string; items: DigestDocument[] }
  | { kind: 'created' | 'completed' | 'due-soon' | 'overdue'; title: string; items: DigestCommitment[] }
  | { kind: 'most-asked' | 'unanswered'; title: string; items: QuestionCount[] };

export interface Digest {
  channelId: string | null;
  period: Period;
  tz: string;
  /** e.g. "Weekly digest · 16–23 Nov 2026". */
  title: string;
  /** Nothing happened: sections is empty and quietLine says so. */
  quiet: boolean;
  quietLine?: string;
  sections: DigestSection[];
}

const SUMMARY_MAX = 240;

/** Builds the digest from collected data; empty sections are left out; an empty week is quiet or null. */
export function composeDigest(data: DigestData, options: { quietWeek: 'post' | 'skip' }): Digest | null {
  const sections: DigestSection[] = [];
  if (data.documents.length > 0) {
    sections.push({
      kind: 'documents',
      title: 'New documents',
      items: data.documents.map((document) => ({
        title: document.title,
        date:
          document.publishedOn ??
          `undated, added ${DateTime.fromJSDate(document.ingestedAt, { zone: data.tz }).toISODate()}`,
        language: document.language,
        summary: clip(
          document.summary?.trim() || firstSentence(document.content, document.title, document.language),
        ),
      })),
    });
  }
  const commitmentSections = [
    ['created', 'Commitments logged', data.commitmentsCreated],
    ['completed', 'Commitments completed', data.commitmentsCompleted],
    ['due-soon', 'Due in the next 7 days', data.dueSoon],
    ['overdue', 'Overdue', data.overdue],
  ] as const;
  for (const [kind, title, items] of commitmentSections) {
    if (items.length > 0) sections.push({ kind, title, items });
  }
  if (data.mostAsked.length > 0) {
    sections.push({ kind: 'most-asked', title: 'Most asked questions', items: data.mostAsked });
  }
  if (data.unanswered.length > 0) {
    sections.push({
      kind: 'unanswered',
      title: 'Questions the documents could not answer',
      items: data.unanswered,
    });
  }
  const title = `Weekly digest · ${formatRange(data.period, data.tz)}`;
  if (sections.length === 0) {
    if (options.quietWeek === 'skip') return null;
    return {
      channelId: data.channelId,
      period: data.period,
      tz: data.tz,
      title,
      quiet: true,
      quietLine: 'A quiet week: no new documents, commitments or questions.',
      sections,
    };
  }
  return { channelId: data.channelId, period: data.period, tz: data.tz, title, quiet: false, sections };
}

/**
 * The first real sentence of a document: skips short boilerplate lines (site banners, bylines) and a
 * paragraph repeating the title, then cuts the first paragraph of substance at its first sentence end.
 */
export function firstSentence(content: string, title: string, language: string): string {
  const paragraphs = content
    .split(/\n\s*\n|\r?\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const normalizedTitle = title.replace(/\s+/g, ' ').trim().toLowerCase();
  const body =
    paragraphs.find(
      (paragraph) => paragraph.split(' ').length >= 12 && paragraph.toLowerCase() !== normalizedTitle,
    ) ??
    paragraphs[0] ??
    '';
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  for (const { segment } of segmenter.segment(body)) {
    const sentence = segment.trim();
    if (/\p{L}/u.test(sentence)) return sentence;
  }
  return body;
}

function clip(text: string): string {
  if (text.length <= SUMMARY_MAX) return text;
  const cut = text.slice(0, SUMMARY_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SUMMARY_MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function formatRange(period: Period, tz: string): string {
  const start = DateTime.fromJSDate(period.start, { zone: tz }).setLocale('en-GB');
  const end = DateTime.fromJSDate(period.end, { zone: tz }).setLocale('en-GB');
  if (start.year !== end.year) return `${start.toFormat('d MMM yyyy')} – ${end.toFormat('d MMM yyyy')}`;
  if (start.month !== end.month) return `${start.toFormat('d MMM')} – ${end.toFormat('d MMM yyyy')}`;
  return `${start.toFormat('d')}–${end.toFormat('d MMM yyyy')}`;
}

/** Slack user ids (U…, W…) are rendered as mentions; other owners are free-text names. */
export function isUserId(owner: string): boolean {
  return /^[UW][A-Z0-9]{4,}$/.test(owner);
}

/** Owners for plain text: user ids as @U…, names as given. */
export function ownersText(owners: string[]): string {
  return owners.map((owner) => (isUserId(owner) ? `@${owner}` : owner)).join(', ');
}

/** The digest as plain text, for the CLI and the local console. */
export function renderDigestText(digest: Digest): string {
  const lines = [digest.title, '='.repeat(digest.title.length)];
  if (digest.quiet) {
    lines.push(digest.quietLine ?? '');
    return lines.join('\n');
  }
  for (const section of digest.sections) {
    lines.push('', `${section.title} (${section.items.length})`);
    switch (section.kind) {
      case 'documents':
        for (const item of section.items) {
          lines.push(`- ${item.title} (${item.date}, ${item.language})`, `  ${item.summary}`);
        }
        break;
      case 'most-asked':
      case 'unanswered':
        for (const item of section.items) {
          lines.push(`- ${item.question}${item.count > 1 ? ` (asked ${item.count}×)` : ''}`);
        }
        break;
      default:
        for (const item of section.items) {
          const due = item.dueOn ? `, due ${item.dueOn}` : '';
          lines.push(`- #${item.id} ${item.title} (${ownersText(item.owners)}${due})`);
        }
    }
  }
  return lines.join('\n');
}
