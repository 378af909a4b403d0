// Commitments as sources of answers (issue 15, part 2): "What did we promise Guangxi on railways?" is
// answered from the minutes and from the commitments table. A commitment is cited as [C12], beside the
// documents' [1], [2]; its status is always the current one and a cancelled one is never shown as open.
//
// The commitments are searched at question time, not indexed: the table is small per workspace (a few
// hundred to a few thousand rows), so reading the visible ones and matching them in memory is cheap
// (bench/commitment-sources.ts), and an answer can never see a stale status, owner or visibility — there
// is no second copy to keep in step with each create, edit, status change or glossary update. Each
// commitment's English gloss is cached by its text, so only an edited commitment is glossed again.
import type { Commitment } from '../commitments/service.ts';
import { todayIn } from '../dates.ts';
import { detectLanguage } from '../text/language.ts';
import {
  type DroppedSentence,
  type Passage,
  parseCitedSentences,
  type VerifiedCitation,
  type VerifyOptions,
  verifyCitations,
} from './citations.ts';
import { GlossedText, type QuestionProfile } from './relevance.ts';

/** A commitment cited by an answer as [C<id>], as it was when the answer was given. */
export interface AnswerCommitmentCitation {
  id: number;
  title: string;
  status: 'open' | 'done' | 'cancelled';
  owners: string[];
  due_on: string | null;
  /** The day it was marked done, in its time zone; null unless done. */
  completed_on: string | null;
  source_permalink: string | null;
}

/** A commitment that answers the question, with how well. */
export interface CommitmentSource {
  commitment: Commitment;
  score: number;
}

/** Most commitments cited by one answer. */
const MAX_COMMITMENTS = 3;
/**
 * Least share of the question's other concepts a commitment covers: when the question asks about
 * promises (a cue below), half; otherwise a commitment must match the question more closely to join an
 * answer about the minutes.
 */
const CUED_COVERAGE = 0.5;
const UNCUED_COVERAGE = 0.75;
/**
 * Gloss stems of words that ask about commitments (promise, commit, pledge, owe, undertake, action item,
 * task, deadline, due, owner, outstanding, pending; vi "hứa"): every commitment satisfies them, so they
 * select commitments but are not asked of their text.
 */
const CUE_STEMS = new Set([
  'promis',
  'promi',
  'commit',
  'pledg',
  'ow',
  'owe',
  'undertak',
  'hua',
  'action',
  'item',
  'task',
  'deadlin',
  'due',
  'owner',
  'outstand',
  'pend',
  'open',
]);
/** Words that say a commitment was cancelled, in the five languages: a claim citing a cancelled one must. */
const CANCELLED_WORDS =
  /cancel|annul|withdr|abandon|dropped|no longer|huỷ|hủy|bãi bỏ|取消|撤销|作废|inställ|avbruten|avbrutet|struken|stryk/iu;

const STATUS_PHRASES: Record<string, { open: string; due: string; done: string; cancelled: string }> = {
  en: { open: 'open', due: 'due', done: 'done on', cancelled: 'cancelled' },
  fr: { open: 'en cours', due: 'échéance', done: 'fait le', cancelled: 'annulé' },
  vi: { open: 'đang mở', due: 'hạn', done: 'đã xong ngày', cancelled: 'đã hủy' },
  zh: { open: '进行中', due: '截止', done: '完成于', cancelled: '已取消' },
  sv: { open: 'öppen', due: 'förfaller', done: 'klar', cancelled: 'inställd' },
};

const glossCache = new Map<string, GlossedText>();
/** Cached glosses, at most: past it the cache starts again (the commitments in use come back first). */
const GLOSS_CACHE_SIZE = 20_000;

/** What a commitment says, for matching and verification: its title and the message it was logged from. */
function matchedText(commitment: Commitment): string {
  const source =
    commitment.sourceText && commitment.sourceText !== commitment.title ? commitment.sourceText : '';
  return source ? `${commitment.title}\n${source}` : commitment.title;
}

/** A commitment's gloss, cached by its text: an edit (a new text) is glossed again, nothing else is. */
function glossed(commitment: Commitment): GlossedText {
  const text = matchedText(commitment);
  let found = glossCache.get(text);
  if (!found) {
    if (glossCache.size >= GLOSS_CACHE_SIZE) glossCache.clear();
    found = new GlossedText(text, detectLanguage(text));
    glossCache.set(text, found);
  }
  return found;
}

/**
 * The commitments that answer the question, best first: each must name every entity of the question
 * (Guangxi, in any spelling) and cover enough of its other concepts, the words asking for promises
 * aside. A question with no cue and nothing but entities ("Guangxi?") takes none.
 */
export function relevantCommitments(
  question: QuestionProfile,
  commitments: Commitment[],
): CommitmentSource[] {
  const cued = question.concepts.some((group) => group.some((stem) => CUE_STEMS.has(stem)));
  const rest = question.concepts.filter((group) => !group.some((stem) => CUE_STEMS.has(stem)));
  if (rest.length === 0 && !cued) return [];
  if (rest.length === 0 && question.entities.length === 0) return [];
  const floor = cued ? CUED_COVERAGE : UNCUED_COVERAGE;
  const found: CommitmentSource[] = [];
  for (const commitment of commitments) {
    const text = glossed(commitment);
    if (!question.entities.every((entity) => text.names(entity))) continue;
    const coverage =
      rest.length === 0
        ? 1
        : rest.filter((group) => group.some((stem) => text.has(stem))).length / rest.length;
    if (coverage < floor) continue;
    // Among equals, what is still owed comes before what is settled.
    found.push({ commitment, score: coverage + (commitment.status === 'open' ? 0.01 : 0) });
  }
  return found
    .sort((a, b) => b.score - a.score || b.commitment.id - a.commitment.id)
    .slice(0, MAX_COMMITMENTS);
}

/** The day a done commitment was completed, in its time zone. */
function completedOn(commitment: Commitment): string | null {
  return commitment.status === 'done' && commitment.completedAt
    ? todayIn(commitment.tz, commitment.completedAt)
    : null;
}

export function toCommitmentCitation(commitment: Commitment): AnswerCommitmentCitation {
  return {
    id: commitment.id,
    title: commitment.title,
    status: commitment.status === 'proposed' ? 'open' : commitment.status,
    owners: commitment.owners,
    due_on: commitment.dueOn,
    completed_on: completedOn(commitment),
    source_permalink: commitment.sourcePermalink,
  };
}

/** "open, due 2026-12-04" / "done on 2026-11-20" / "cancelled", in the answer's language (English otherwise). */
export function commitmentStatusPhrase(citation: AnswerCommitmentCitation, language: string): string {
  const words = STATUS_PHRASES[language] ?? STATUS_PHRASES.en!;
  if (citation.status === 'cancelled') return words.cancelled;
  if (citation.status === 'done')
    return citation.completed_on ? `${words.done} ${citation.completed_on}` : words.done.split(' ')[0]!;
  return citation.due_on ? `${words.open}, ${words.due} ${citation.due_on}` : words.open;
}

/** The offline answer's commitment lines: the title quoted, its [C12], and its status now. */
export function commitmentLines(sources: CommitmentSource[], language: string): string {
  return sources
    .map(({ commitment }) => {
      const citation = toCommitmentCitation(commitment);
      return `“${commitment.title}” [C${commitment.id}] (${commitmentStatusPhrase(citation, language)})`;
    })
    .join('\n');
}

/**
 * A logged offline answer with each commitment's status phrase brought up to date (done or cancelled
 * since): a reopened answer must not say "open" of what is now cancelled. A commitment no longer
 * visible keeps its quoted title and loses its status.
 */
export function withCurrentStatuses(
  answer: string,
  current: AnswerCommitmentCitation[],
  language: string,
): string {
  const byId = new Map(current.map((citation) => [citation.id, citation]));
  return answer.replace(/\[C(\d+)\] \([^()\n]*\)/g, (_whole, id: string) => {
    const citation = byId.get(Number(id));
    return citation ? `[C${id}] (${commitmentStatusPhrase(citation, language)})` : `[C${id}]`;
  });
}

/**
 * The text a claim citing a commitment is verified against: one sentence holding its title, status, due
 * and completion dates (a claim's values must be in one sentence), then the message it was logged from.
 */
function verifiedText(commitment: Commitment): string {
  const citation = toCommitmentCitation(commitment);
  const facts = [
    `status ${citation.status}`,
    citation.due_on ? `due ${citation.due_on}` : null,
    citation.completed_on ? `completed ${citation.completed_on}` : null,
  ].filter(Boolean);
  const title = commitment.title.replace(/[.!?。]+\s*$/u, '');
  const source =
    commitment.sourceText && commitment.sourceText !== commitment.title ? `\n${commitment.sourceText}` : '';
  return `Commitment promised: ${title} (${facts.join(', ')}).${source}`;
}

/** A commitment as a passage the verifier can read (negative ids: no chunk or document has them). */
function commitmentPassage(commitment: Commitment): Passage {
  const text = verifiedText(commitment);
  return {
    chunkId: -commitment.id,
    documentId: -commitment.id,
    title: `Commitment #${commitment.id}`,
    sourceUri: commitment.sourcePermalink ?? '',
    language: detectLanguage(text),
    publishedOn: null,
    text,
    startChar: 0,
    endChar: text.length,
  };
}

function attribute(value: string): string {
  return value.replace(/<(\/?)(source)/gi, '‹$1$2').replace(/["\n\r]/g, ' ');
}

/** The commitments block of the prompt: each between the nonce-tagged delimiters of the sources, as n="C12". */
export function formatCommitmentSources(sources: CommitmentSource[], nonce: string): string {
  if (sources.length === 0) return '(none)';
  return sources
    .map(({ commitment }) => {
      const citation = toCommitmentCitation(commitment);
      const meta = [
        `status="${citation.status}"`,
        `owners="${attribute(citation.owners.join(', '))}"`,
        citation.due_on ? `due="${citation.due_on}"` : null,
        citation.completed_on ? `completed="${citation.completed_on}"` : null,
      ].filter(Boolean);
      const text = matchedText(commitment).replace(/<(\/?)(source)/gi, '‹$1$2');
      return [`<source ${nonce} n="C${commitment.id}" ${meta.join(' ')}>`, text, `</source ${nonce}>`].join(
        '\n',
      );
    })
    .join('\n\n');
}

export interface VerifiedWithCommitments {
  answer: string;
  citations: VerifiedCitation[];
  commitments: AnswerCommitmentCitation[];
  dropped: DroppedSentence[];
}

/**
 * Verifies a model's answer that cites documents ([1]) and commitments ([C12]): each commitment is
 * checked like a passage, against its title, status, dates and source message (verifyCitations); a claim
 * citing a cancelled commitment must say it was cancelled. Documents are renumbered 1, 2…; commitments
 * keep their ids.
 */
export function verifyWithCommitments(
  reply: string,
  passages: Passage[],
  sources: CommitmentSource[],
  options: VerifyOptions,
): VerifiedWithCommitments {
  const base = passages.length;
  const numberOf = new Map(sources.map((source, index) => [source.commitment.id, base + index + 1]));
  const cancelled = new Set(
    sources
      .filter((source) => source.commitment.status === 'cancelled')
      .map((source) => numberOf.get(source.commitment.id)!),
  );
  // A document number past the documents would name a commitment: only [C12] may. Then [C12] → its
  // passage number; an unknown commitment → 0, which no passage has.
  const numbered = reply
    .replace(/\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/g, (_whole, inner: string) =>
      inner
        .split(/[,;]/)
        .map((part) => (Number(part.trim()) <= base ? `[${part.trim()}]` : '[0]'))
        .join(''),
    )
    .replace(/\[([\s\d,;]*[Cc][\sCc\d,;]*)\]/g, (_whole, inner: string) =>
      inner
        .split(/[,;]/)
        .map((part) => {
          const id = /^[Cc]\s*(\d+)$/.exec(part.trim());
          if (id) return `[${numberOf.get(Number(id[1])) ?? 0}]`;
          return /^\d+$/.test(part.trim()) && Number(part.trim()) <= base ? `[${part.trim()}]` : '[0]';
        })
        .join(''),
    );
  // A claim citing a cancelled commitment must say so: "we promised X [C12]" would present it as open.
  const checked = parseCitedSentences(numbered)
    .map((sentence) => {
      const cited = sentence.cited.filter((n) => !(cancelled.has(n) && !CANCELLED_WORDS.test(sentence.text)));
      if (cited.length === 0) return sentence.text;
      return `${sentence.text.replace(/[.!?。]$/u, '')} ${cited.map((n) => `[${n}]`).join('')}.`;
    })
    .join(' ');
  const verified = verifyCitations(
    checked,
    [...passages, ...sources.map(({ commitment }) => commitmentPassage(commitment))],
    options,
  );
  const citations: VerifiedCitation[] = [];
  const commitments: AnswerCommitmentCitation[] = [];
  const markers = new Map<number, string>();
  for (const citation of verified.citations) {
    if (citation.passage.chunkId < 0) {
      const source = sources.find(({ commitment }) => commitment.id === -citation.passage.chunkId)!;
      commitments.push(toCommitmentCitation(source.commitment));
      markers.set(citation.n, `[C${source.commitment.id}]`);
    } else {
      citations.push({ ...citation, n: citations.length + 1 });
      markers.set(citation.n, `[${citations.length}]`);
    }
  }
  const answer = verified.answer.replace(/\[(\d+)\]/g, (whole, n: string) => markers.get(Number(n)) ?? whole);
  return { answer, citations, commitments, dropped: verified.dropped };
}
