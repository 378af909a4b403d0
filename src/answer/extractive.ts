import { bodySentences } from '../text/boilerplate.ts';
import { fold } from '../text/fold.ts';
import { glossWords } from '../text/gloss.ts';
import { numbersIn, type SentenceSpan, sameNumber } from '../text/words.ts';
import { type Passage, trimmedQuote, type VerifiedCitation } from './citations.ts';
import {
  asksOfEvent,
  atOtherVenue,
  conceptCoverage,
  DATE,
  type DocumentContext,
  documentContexts,
  figureOfOtherPlace,
  GlossedText,
  HAN_DATE,
  HAN_MONEY,
  holdsAnswerKind,
  holdsAskedOffices,
  isYear,
  MONEY,
  nameStems,
  namesTopic,
  partOfYearValues,
  plannedOnly,
  type QuestionProfile,
  speaksOfOtherEvent,
  statesPartOfYear,
  stems,
} from './relevance.ts';

/** Most sentences quoted in an extractive answer. */
const MAX_SENTENCES = 3;
/** Passages looked at, best ranked first. */
const MAX_PASSAGES = 6;
/** Further quotes must score at least this share of the best one: a weaker match is noise, not support. */
const RELATIVE_SCORE_FLOOR = 0.8;
/**
 * A quote from another article than those quoted must score at least this share of the best one: a
 * second source is cited only when it is nearly as good an answer (0.8 and 0.95 measured worse on the
 * dev set: 63 and 65 right answers at the operating point against 66).
 */
const OTHER_ARTICLE_FLOOR = 0.9;
/** Shorter lines are captions or headings, not answers. */
const MIN_SENTENCE_CHARS = 30;
/**
 * Least score a sentence needs to answer: the share of the question's concepts it covers (the rest of
 * the passage counting half), plus up to 0.15 when it names the question's entities and 0.1 when it
 * states its year or ordinal. Chosen on the dev set with `npm run eval -- --sweep` (README, "Answer
 * quality"): at 0.6, 79 answers right and 14 wrong (0.7: 70 and 11), and all 19 unanswerable
 * questions abstain at either; at 0.5 abstention falls to 16 of 19 for 3 more right answers.
 */
export const MIN_CONCEPT_COVERAGE = 0.6;

export interface ExtractiveAnswer {
  /** Quoted sentences each followed by its [n]; empty when nothing answers (abstain). */
  answer: string;
  citations: VerifiedCitation[];
  /** The best candidate's coverage (0 when none qualified): the answer's confidence. */
  confidence: number;
}

interface Candidate {
  passage: Passage;
  group: number;
  span: SentenceSpan;
  score: number;
  value: string | null;
  /** What of the question the sentence itself states (see coveredParts). */
  covers: Set<string>;
}

export interface ExtractiveOptions {
  /** Least coverage to answer (default MIN_CONCEPT_COVERAGE); 0 answers whenever a sentence qualifies. */
  minCoverage?: number;
  /** Each passage's document context (see documentContexts); by default each passage stands alone. */
  contexts?: Map<number, DocumentContext>;
}

/**
 * The offline answer: the body sentences of the top passages that answer the question, quoted
 * verbatim in their own language, each led by the short answer it holds (a date, an amount, a name)
 * when the question asks for one. A passage takes part only when it satisfies the question's key
 * constraints (its years, ordinals and named entities, see checkConstraints): a near miss — the same
 * ordinal of another committee, the right city in another year — abstains. A sentence qualifies when
 * it holds the kind of value asked for and covers enough of the question's concepts (across
 * languages, through the English gloss). One quote per article: translations are not quoted twice.
 */
export function extractiveAnswer(
  question: QuestionProfile,
  passages: (Passage & { translationGroup?: number | null })[],
  options: ExtractiveOptions = {},
): ExtractiveAnswer {
  const floor = options.minCoverage ?? MIN_CONCEPT_COVERAGE;
  const considered = passages.slice(0, MAX_PASSAGES);
  const contexts = options.contexts ?? documentContexts(considered, new Map());
  const candidates: Candidate[] = [];
  for (const [rank, passage] of considered.entries()) {
    const document = contexts.get(passage.documentId);
    if (!document?.satisfies(question).satisfied) continue;
    // Offsets in the document when its text is known, else in the passage.
    const base = options.contexts ? passage.startChar : 0;
    const aside = document.asideEvents(question);
    const body = bodySentences(passage.text);
    const context = new GlossedText(body.map((span) => span.text).join('\n'), passage.language);
    for (const span of splitClauses(body)) {
      if (span.text.length < MIN_SENTENCE_CHARS) continue;
      if (!question.kinds.some((kind) => holdsAnswerKind(kind, span.text, question.text))) continue;
      if (!valueOfAskedYear(question, span.text)) continue;
      if (yearNotYetOver(question, span.text, passage.publishedOn)) continue;
      const sentence = new GlossedText(span.text, passage.language);
      if (plannedOnly(question, sentence, document.publishedYear)) continue;
      if (document.conflicts(question, sentence, base + span.start)) continue;
      if (figureOfOtherPlace(question, span.text, sentence)) continue;
      if (!holdsAskedOffices(question, sentence)) continue;
      if (atOtherVenue(question, span.text, passage.language)) continue;
      if (speaksOfOtherEvent(aside, span.text, passage.language)) continue;
      // What was proposed or decided about a topic is said in a sentence that names the topic.
      if (!namesTopic(question, sentence)) continue;
      const covered = conceptCoverage(question, sentence, context);
      // A sentence that itself names what the question is about (its entities, its year or ordinal)
      // is likelier to answer it than one that only shares its words.
      const named =
        question.entities.filter((entity) => sentence.names(entity)).length /
        Math.max(1, question.entities.length);
      const pinned =
        question.years.some((year) => sentence.years.has(year)) ||
        question.ordinals.some((value) => sentence.ordinals.has(value));
      candidates.push({
        passage,
        group: passage.translationGroup ?? passage.documentId,
        span,
        score: covered + 0.15 * named + (pinned ? 0.1 : 0) + 0.05 / (rank + 1),
        value: answerValue(question, span.text),
        covers: coveredParts(question, sentence, span.text),
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  if (!best || best.score < floor) return { answer: '', citations: [], confidence: best?.score ?? 0 };
  const chosen: Candidate[] = [];
  for (const candidate of candidates) {
    if (chosen.length === MAX_SENTENCES || candidate.score < RELATIVE_SCORE_FLOOR * best.score) break;
    // A translation says the same thing again: one quote per article, and a sentence once (overlapping
    // chunks hold it twice).
    const repeats = chosen.some(
      (other) =>
        other.group === candidate.group &&
        (other.passage.documentId !== candidate.passage.documentId ||
          other.span.text === candidate.span.text),
    );
    if (repeats) continue;
    // A quote from another article must be nearly as good and state something of the question the
    // quotes before it do not: another concept, entity or kind of answer. The same fact again from
    // elsewhere is noise.
    const said = new Set(chosen.flatMap((other) => [...other.covers]));
    const elsewhere = chosen.every((other) => other.passage.documentId !== candidate.passage.documentId);
    if (
      chosen.length > 0 &&
      elsewhere &&
      (candidate.score < OTHER_ARTICLE_FLOOR * best.score ||
        ![...candidate.covers].some((part) => !said.has(part)))
    )
      continue;
    chosen.push(candidate);
  }
  // A long sentence is quoted around the words of the question it holds, in any language: a word is
  // one when its own gloss gives a concept's stem ("délégation … conduite par" for "led the delegation").
  // A number counts when the question asks one or names it (its year), not a day of the month in a
  // question about who.
  const anchors = new Set(question.concepts.flat());
  // A question made of names only ("Who is Tran Cuong?") is quoted around them, word by word (its
  // aliases' too); otherwise its names are its setting (the Guilin Spring Meeting), not what it asks.
  const named = new Set(
    question.concepts.length === 0 ? question.entities.flat().flatMap((spelling) => spelling.split(' ')) : [],
  );
  const asksNumber = question.kinds.some((kind) => ['when', 'how_many', 'how_much'].includes(kind));
  const anchorIn = (language: string) => (word: string) =>
    anchors.has(fold(word)) ||
    nameStems([fold(word)]).some((stem) => named.has(stem)) ||
    (/^\p{N}/u.test(word) &&
      (asksNumber || numbersIn(word).some((value) => question.years.includes(value)))) ||
    stems(glossWords(word, language)).some((stem) => anchors.has(stem));
  const citations: VerifiedCitation[] = chosen.map((candidate, index) => ({
    n: index + 1,
    passage: candidate.passage,
    ...trimmedQuote(
      candidate.passage,
      candidate.span.start,
      candidate.span.end,
      anchorIn(candidate.passage.language),
    ),
  }));
  const answer = chosen
    .map((candidate, index) => {
      const quote = `“${citations[index]!.quote}” [${index + 1}]`;
      return candidate.value ? `${candidate.value} — ${quote}` : quote;
    })
    .join('\n');
  return { answer, citations, confidence: best.score };
}

/**
 * The parts of the question a sentence states itself: `c<i>` per concept, `e<i>` per entity, `k:<kind>`
 * per kind answered, `n<value>` per figure when a count or an amount is asked.
 */
function coveredParts(question: QuestionProfile, sentence: GlossedText, text: string): Set<string> {
  const parts = new Set<string>();
  question.concepts.forEach((concept, i) => {
    if (concept.some((stem) => sentence.has(stem))) parts.add(`c${i}`);
  });
  question.entities.forEach((entity, i) => {
    if (sentence.names(entity)) parts.add(`e${i}`);
  });
  if (question.kinds.length > 1)
    for (const kind of question.kinds) if (holdsAnswerKind(kind, text, question.text)) parts.add(`k:${kind}`);
  // For a count or an amount, another figure is another answer (the documents signed each year).
  if (question.kinds.includes('how_many') || question.kinds.includes('how_much'))
    for (const value of numbersIn(text))
      if (!question.years.includes(value) && !question.ordinals.includes(value)) parts.add(`n${value}`);
  return parts;
}

/**
 * Sentences, further cut at semicolons: minutes list a dozen decisions in one sentence joined by ";",
 * and the quote should be the decision that answers, not the whole list.
 */
function splitClauses(sentences: SentenceSpan[]): SentenceSpan[] {
  const clauses: SentenceSpan[] = [];
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(/[^;；]+/g)) {
      const leading = match[0].length - match[0].trimStart().length;
      const clause = match[0].trim();
      if (!clause) continue;
      const start = sentence.start + match.index + leading;
      clauses.push({ text: clause, start, end: start + clause.length });
    }
  }
  return clauses;
}

/** The short answer a sentence holds for the question, when the question asks for a value. */
function answerValue(question: QuestionProfile, text: string): string | null {
  const folded = fold(text);
  const at = (pattern: RegExp, source: string) => {
    const match = pattern.exec(source);
    return match ? text.slice(match.index, match.index + match[0].length).trim() : null;
  };
  switch (question.kind) {
    case 'when':
      return at(DATE, folded) ?? at(HAN_DATE, text) ?? numbersIn(text).find(isYear)?.toString() ?? null;
    case 'how_much':
      return at(MONEY, folded) ?? at(HAN_MONEY, text);
    default:
      return null;
  }
}

/**
 * For an amount or a count asked of a year, whether the sentence's value is that year's: the year
 * written last before the value, when there is one, must be one the question asks. "2020 marked the
 * 70th anniversary… in 2019, border trade reached 198.36 billion yuan" does not answer for 2020, nor a
 * figure for part of the year (statesPartOfYear) for the whole year.
 */
function valueOfAskedYear(question: QuestionProfile, text: string): boolean {
  if (question.years.length === 0) return true;
  // "The first seven months of 2023" do not answer for 2023, unless the question asks for a part too:
  // the sentence's leading value must not be for part of the year.
  const partial = statesPartOfYear(question.text) ? [] : partOfYearValues(text);
  const leading = numbersIn(text).find((value) => !isYear(value));
  if (leading !== undefined && partial.some((value) => sameNumber(value, leading))) return false;
  if (question.kind !== 'how_much' && question.kind !== 'how_many') return true;
  const folded = fold(text);
  const value =
    question.kind === 'how_much'
      ? (MONEY.exec(folded) ?? HAN_MONEY.exec(folded))?.index
      : [...folded.matchAll(/(?<![\d.,])\d[\d.,]*/g)].find((match) => !isYear(Number(match[0])))?.index;
  if (value === undefined) return true;
  const before = [...folded.slice(0, value).matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].map((match) =>
    Number(match[0]),
  );
  // Else the year right after it ("reached 66.8 billion USD in 2023").
  const after = /^[^\d,;.。，；]{0,30}?(?<!\d)((?:19|20)\d\d)(?!\d)/.exec(
    folded.slice(value).replace(/^[\d.,\s]*\p{L}*\s*\p{L}*/u, ''),
  );
  const last = before.at(-1) ?? (after ? Number(after[1]) : undefined);
  return last === undefined || question.years.includes(last);
}

/**
 * Whether a count or an amount asked of a year ("How many visitors did the area receive in 2025?") is
 * read from a sentence that cannot hold it: one that states no year, in a document written in the
 * first half of that year. Such a figure is the past year's review ("…welcomed more than 900,000
 * visitors", reported at the February meeting). A question about a meeting or another event ("documents
 * signed at the 2025 Spring Meeting", "booths at the 2025 Expo") or about part of the year does not ask
 * a year's total and is left alone.
 */
function yearNotYetOver(question: QuestionProfile, text: string, publishedOn: string | null): boolean {
  if (!publishedOn || question.years.length !== 1 || asksOfEvent(question)) return false;
  if (!question.kinds.some((kind) => kind === 'how_many' || kind === 'how_much')) return false;
  if (statesPartOfYear(question.text) || numbersIn(text).some(isYear)) return false;
  return publishedOn < `${question.years[0]}-07-01`;
}
