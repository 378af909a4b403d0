import type { SearchHit } from '../search/index.ts';
import { fold } from '../text/fold.ts';
import { type SentenceSpan, splitSentences, tokenize } from '../text/words.ts';
import type { AliasGroups } from './evidence.ts';
import type { DocumentContext, QuestionProfile } from './relevance.ts';
import { supportingSentence } from './support.ts';

/** What a citation can point at: a retrieved chunk. */
export type Passage = Pick<
  SearchHit,
  | 'chunkId'
  | 'documentId'
  | 'title'
  | 'sourceUri'
  | 'language'
  | 'publishedOn'
  | 'text'
  | 'startChar'
  | 'endChar'
>;

export interface VerifiedCitation {
  n: number;
  passage: Passage;
  quote: string;
  /** Offsets of the quote in the document's content. */
  startChar: number;
  endChar: number;
}

export interface DroppedSentence {
  sentence: string;
  reason: 'uncited' | 'unknown-citation' | 'unsupported';
}

export interface VerifiedAnswer {
  /** The supported sentences, citations renumbered densely in order of appearance. */
  answer: string;
  citations: VerifiedCitation[];
  dropped: DroppedSentence[];
}

interface ParsedSentence {
  text: string;
  cited: number[];
}

/** Longest quoted passage, in characters. */
export const QUOTE_MAX_CHARS = 300;

const GROUP = /\[\s*(\d+(?:\s*[,;]\s*\d+)*)\s*\]/g;
const BRACKET_LIKE = /\[[^\]\n]{0,12}\]|【[^】\n]{0,12}】/g;

/** Splits a model's answer into sentences with their [n] markers: "[1][3]", "[1, 3]" and "[2; 4]" all read. */
export function parseCitedSentences(answer: string): ParsedSentence[] {
  const sentences: ParsedSentence[] = [];
  // A marker after the full stop ("… 2025. [1]") belongs to the sentence before it.
  const normalised = answer.replace(/([.!?。])\s*((?:\[[^\]\n]{0,12}\]\s*)+)/g, ' $2$1 ');
  for (const span of splitSentences(normalised)) {
    const cited: number[] = [];
    for (const match of span.text.matchAll(GROUP)) {
      for (const part of match[1]!.split(/[,;]/)) cited.push(Number(part.trim()));
    }
    // Brackets that look like citations but cannot be read ([x], [1-3], [^2]) are removed, never shown.
    const text = span.text
      .replace(GROUP, ' ')
      .replace(BRACKET_LIKE, ' ')
      .replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '')
      .replace(/\s+([.,;:!?。])/g, '$1')
      .replace(/\s{2,}/g, ' ')
      .trim();
    if (text && /[\p{L}\p{N}]/u.test(text)) sentences.push({ text, cited: [...new Set(cited)] });
  }
  return sentences;
}

export interface VerifyOptions {
  aliases?: AliasGroups;
  /** The question asked: a cited sentence must answer it, not only share words with it. */
  question?: QuestionProfile;
  /** The passages' documents (see documentContexts), for years and ordinals stated before a passage. */
  contexts?: Map<number, DocumentContext>;
  /** Language of the answer, compared with each passage's. */
  answerLanguage: string;
}

/**
 * Keeps the sentences whose citations point at provided passages that support them; drops citations
 * to passages that were not provided, and sentences left with no supporting citation. Citations are
 * renumbered 1, 2, 3… in order of first appearance.
 */
export function verifyCitations(answer: string, passages: Passage[], options: VerifyOptions): VerifiedAnswer {
  const renumbered = new Map<number, number>();
  const citations: VerifiedCitation[] = [];
  const kept: string[] = [];
  const dropped: DroppedSentence[] = [];
  for (const sentence of parseCitedSentences(answer)) {
    const known = sentence.cited.filter((n) => Number.isInteger(n) && n >= 1 && n <= passages.length);
    if (sentence.cited.length === 0) {
      dropped.push({ sentence: sentence.text, reason: 'uncited' });
      continue;
    }
    if (known.length === 0) {
      dropped.push({ sentence: sentence.text, reason: 'unknown-citation' });
      continue;
    }
    const spans = new Map<number, SentenceSpan>();
    for (const n of known) {
      const passage = passages[n - 1]!;
      const span = supportingSentence(sentence.text, passage.text, {
        aliases: options.aliases,
        sameLanguage: passage.language === options.answerLanguage,
        claimLanguage: options.answerLanguage,
        passageLanguage: passage.language,
        question: options.question,
        document: options.contexts?.get(passage.documentId),
        offset: options.contexts?.has(passage.documentId) ? passage.startChar : 0,
      });
      if (span) spans.set(n, span);
    }
    const supporting = known.filter((n) => spans.has(n));
    if (supporting.length === 0) {
      dropped.push({ sentence: sentence.text, reason: 'unsupported' });
      continue;
    }
    const markers = supporting.map((n) => {
      let dense = renumbered.get(n);
      if (dense === undefined) {
        dense = renumbered.size + 1;
        renumbered.set(n, dense);
        const passage = passages[n - 1]!;
        const span = spans.get(n)!;
        // The quote is the sentence that supports the claim.
        citations.push({
          n: dense,
          passage,
          ...trimmedQuote(passage, span.start, span.end, anchorOf(sentence.text)),
        });
      }
      return `[${dense}]`;
    });
    kept.push(withFinalStop(sentence.text).replace(/([.!?。])$/, ` ${markers.join('')}$1`));
  }
  return { answer: kept.join(' '), citations, dropped };
}

function withFinalStop(text: string): string {
  return /[.!?。]$/.test(text) ? text : `${text}.`;
}

/** Whether a word of a quote is one of the claim's (a number, or a word of the claim): where a long quote is cut. */
function anchorOf(claim: string): (word: string) => boolean {
  const words = new Set(tokenize(claim).map((token) => token.folded));
  return (word) => words.has(fold(word));
}

export function trimmedQuote(
  passage: Passage,
  start: number,
  end: number,
  isAnchor: (word: string) => boolean = () => false,
): { quote: string; startChar: number; endChar: number } {
  let from = start;
  let stop = end;
  if (stop - from > QUOTE_MAX_CHARS) {
    // A long sentence is cut to the window, starting at a clause, that holds the most words of the claim;
    // on a tie the later window, which ends nearer the sentence's conclusion.
    const text = passage.text;
    const anchors = tokenize(text.slice(start, end))
      .filter((token) => isAnchor(token.text))
      .map((token) => start + token.start);
    let best = { from: start, count: -1 };
    for (const candidate of [
      start,
      ...[...text.slice(start, end).matchAll(/[,;:]\s+/g)].map((m) => start + m.index + m[0].length),
    ]) {
      const count = anchors.filter((at) => at >= candidate && at < candidate + QUOTE_MAX_CHARS).length;
      if (count >= best.count) best = { from: candidate, count };
    }
    from = best.from;
    stop = Math.min(end, from + QUOTE_MAX_CHARS);
    if (stop < end) {
      const lastSpace = text.slice(from, stop).lastIndexOf(' ');
      if (lastSpace > QUOTE_MAX_CHARS / 2) stop = from + lastSpace;
    }
  }
  const quote = passage.text.slice(from, stop).trimEnd();
  return {
    quote,
    startChar: passage.startChar + from,
    endChar: passage.startChar + from + quote.length,
  };
}

/** Removes Slack broadcasts and mentions that a document or a model could slip into an answer. */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/<!(channel|here|everyone)(\|[^>]*)?>/gi, '')
    .replace(/<!subteam\^[^>]*>/gi, '')
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/gi, '')
    .replace(/(^|\s)@(channel|here|everyone)\b/gi, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
