import { type SentenceSpan, splitSentences } from '../text/words.ts';
import { answers, type Coverage, coverage, type QuestionAnalysis } from './abstain.ts';
import { type Passage, trimmedQuote, type VerifiedCitation } from './citations.ts';
import { type AliasGroups, Evidence } from './evidence.ts';

/** Most sentences quoted in an extractive answer. */
const MAX_SENTENCES = 3;
/** Passages looked at, best ranked first. */
const MAX_PASSAGES = 6;
/** Further quotes must score at least this share of the best one: a weaker match is noise, not support. */
const RELATIVE_SCORE_FLOOR = 0.8;
/** Shorter lines are captions or headings, not answers. */
const MIN_SENTENCE_CHARS = 30;

export interface ExtractiveAnswer {
  /** Quoted sentences each followed by its [n]; empty when nothing answers (abstain). */
  answer: string;
  citations: VerifiedCitation[];
}

interface Candidate {
  passage: Passage;
  group: number;
  start: number;
  end: number;
  score: number;
}

/**
 * The offline answer: sentences of the top passages that cover the question best, quoted verbatim in
 * their own language. A sentence qualifies when it covers enough of the question (see answers()); the
 * score adds the share of names found and a small bonus for the passage's retrieval rank. Once a
 * sentence of an article is quoted, its translations (same translation group) are not quoted again.
 */
export function extractiveAnswer(
  question: QuestionAnalysis,
  passages: (Passage & { translationGroup?: number | null })[],
  aliases: AliasGroups = [],
): ExtractiveAnswer {
  const candidates: Candidate[] = [];
  for (const [rank, passage] of passages.slice(0, MAX_PASSAGES).entries()) {
    const context = new Evidence(passage.text, aliases);
    for (const span of splitClauses(passage.text)) {
      if (span.text.length < MIN_SENTENCE_CHARS) continue;
      const found: Coverage = coverage(question, new Evidence(span.text, aliases), span.text, context);
      if (!answers(question, found)) continue;
      candidates.push({
        passage,
        group: passage.translationGroup ?? passage.documentId,
        start: span.start,
        end: span.end,
        score: found.topic + 0.5 * found.names + 0.1 / (rank + 1),
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const chosen: Candidate[] = [];
  for (const candidate of candidates) {
    if (chosen.length === MAX_SENTENCES) break;
    if (candidate.score < RELATIVE_SCORE_FLOOR * candidates[0]!.score) break;
    // A translation says the same thing again: one quote per article and per sentence position.
    const repeats = chosen.some(
      (other) =>
        other.group === candidate.group &&
        (other.passage.documentId !== candidate.passage.documentId || other.start === candidate.start),
    );
    if (!repeats) chosen.push(candidate);
  }
  const questionWords = new Evidence(question.text, aliases);
  // For "how much / when" questions the number is the answer: keep it in a cut quote.
  const isAnchor = (word: string) =>
    questionWords.sharesWord(word) || (question.expects !== null && /^\p{N}/u.test(word));
  const citations: VerifiedCitation[] = chosen.map((candidate, index) => ({
    n: index + 1,
    passage: candidate.passage,
    ...trimmedQuote(candidate.passage, candidate.start, candidate.end, isAnchor),
  }));
  const answer = citations.map((citation) => `“${citation.quote}” [${citation.n}]`).join('\n');
  return { answer, citations };
}

/**
 * Sentences, further cut at semicolons: minutes list a dozen decisions in one sentence joined by ";",
 * and the quote should be the decision that answers, not the whole list.
 */
function splitClauses(text: string): SentenceSpan[] {
  const clauses: SentenceSpan[] = [];
  for (const sentence of splitSentences(text)) {
    for (const match of sentence.text.matchAll(/[^;]+/g)) {
      const leading = match[0].length - match[0].trimStart().length;
      const clause = match[0].trim();
      if (!clause) continue;
      const start = sentence.start + match.index + leading;
      clauses.push({ text: clause, start, end: start + clause.length });
    }
  }
  return clauses;
}
