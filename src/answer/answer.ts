import { answerableCommitments } from '../commitments/service.ts';
import type { AppContext } from '../context.ts';
import { listAliasGroups } from '../db/aliases.ts';
import { documentContents } from '../db/documents.ts';
import type { Queryable } from '../db/pool.ts';
import {
  answerFeedbackTally,
  type FeedbackTally,
  insertQuestion,
  setAnswerFeedback,
} from '../db/questions.ts';
import { type ChatClient, ChatUnavailableError } from '../llm/chat.ts';
import { loadPrompt, type Prompt } from '../llm/prompts.ts';
import type { Logger } from '../log.ts';
import { answerSeconds, answersTotal, citationDropsTotal } from '../metrics.ts';
import { detectLanguage } from '../text/language.ts';
import { notFoundMessage, offlineNotice, unavailableMessage } from './abstain.ts';
import { neutraliseMentions, type Passage, type VerifiedCitation } from './citations.ts';
import {
  type AnswerCommitmentCitation,
  type CommitmentSource,
  commitmentLines,
  formatCommitmentSources,
  relevantCommitments,
  toCommitmentCitation,
  verifyWithCommitments,
} from './commitment-sources.ts';
import { type AliasGroups, foldAliasGroups, withAcronymsOf } from './evidence.ts';
import { extractiveAnswer } from './extractive.ts';
import { generateAnswer } from './generate.ts';
import {
  answerablePassages,
  type DocumentContext,
  documentContexts,
  profileQuestion,
  type QuestionProfile,
} from './relevance.ts';
import { standaloneQuestion, type Turn } from './rewrite.ts';

export type { AnswerCommitmentCitation } from './commitment-sources.ts';
export type { Turn } from './rewrite.ts';

export interface AnswerCitation {
  n: number;
  document_id: number;
  title: string;
  source_uri: string;
  quote: string;
  start_char: number;
  end_char: number;
  chunk_id: number;
  language: string;
  published_on: string | null;
}

export interface NearestSource {
  document_id: number;
  title: string;
  source_uri: string;
  language: string;
  published_on: string | null;
}

export interface AnswerResult {
  answer: string;
  language: string;
  abstained: boolean;
  citations: AnswerCitation[];
  /** The commitments cited as [C12] in the answer, with their status when answered. */
  commitments: AnswerCommitmentCitation[];
  /** Filled when abstaining: the 1-3 closest documents. */
  nearest: NearestSource[];
  mode: 'llm' | 'extractive';
  /** A one-line note in the asker's language (offline mode), else null. */
  notice: string | null;
  /** Offline answers: how well the best sentence covers the question (0..1); null with a model. */
  confidence: number | null;
  questionId: number;
  promptVersion: string | null;
  latencyMs: number;
}

export interface AnswerOptions {
  priorTurns?: Turn[];
  channelId?: string | null;
  askedBy?: string | null;
  threadTs?: string | null;
  messageTs?: string | null;
  /** Offline answers: least concept coverage to answer (evaluation sweeps it; default MIN_CONCEPT_COVERAGE). */
  minCoverage?: number;
}

/** A retrieved chunk, as search returns it. */
export type RetrievedPassage = Passage & { translationGroup?: number | null };

export type Retriever = (
  ctx: AppContext,
  query: string,
  options: { k: number; channelId?: string | null; preferLanguage?: string },
) => Promise<RetrievedPassage[]>;

/** The model did not answer (timeout, 429 or 5xx after retries): the message is short and user-facing. */
export class AnswerUnavailableError extends Error {
  override name = 'AnswerUnavailableError';
}

/** Chunks retrieved for a question. */
const RETRIEVE_K = 10;
/**
 * Chunks given to the model, numbered [1]..[n] (those that satisfy the question's constraints, best
 * first). Eight, not six: with a perfect model (the eval's oracle) the evidence was in the prompt for
 * 92 answerable dev-set questions instead of 87 (answered correctly 0.76 -> 0.79), at no more lies
 * shown; twelve retrieved or ten given added nothing more.
 */
const PROMPT_PASSAGES = 8;
/** Closest documents listed when abstaining. */
const NEAREST_SOURCES = 3;

/**
 * Answers a question from the indexed documents: rewrite a follow-up into a standalone question,
 * retrieve, then either ask the model and keep only verified cited sentences, or (no model configured)
 * quote the sentences that answer best. Abstains when nothing relevant or supported remains. Every
 * question is logged in `questions`, failures included.
 */
export async function answerWith(
  ctx: AppContext,
  question: string,
  options: AnswerOptions,
  retrieve: Retriever,
): Promise<AnswerResult> {
  const started = performance.now();
  const detected = detectLanguage(question);
  const language = detected === 'und' ? 'en' : detected;
  const chat = ctx.chat;
  const mode = chat ? 'llm' : 'extractive';
  const logger = ctx.logger.child({ module: 'answer' });
  const aliases = foldAliasGroups((await listAliasGroups(ctx.db.pool)).map((group) => group.aliases));
  const answerPrompt = chat ? await loadPrompt('answer') : null;
  const promptVersion = answerPrompt?.version ?? null;
  const model = chat ? (answerPrompt?.model ?? chat.model) : null;
  const log = questionLog(ctx, { question, language, promptVersion, model, options, started });

  let hits: RetrievedPassage[] = [];
  try {
    const rewritePrompt = chat && options.priorTurns?.length ? await loadPrompt('rewrite-question') : null;
    const query = await standaloneQuestion(question, options.priorTurns ?? [], chat, rewritePrompt);
    hits = await retrieve(ctx, query, {
      k: RETRIEVE_K,
      channelId: options.channelId,
      preferLanguage: language,
    });
    const profile = profileQuestion(query, language, aliases);
    const contents = await documentContents(ctx.db.pool, [...new Set(hits.map((hit) => hit.documentId))]);
    const contexts = documentContexts(hits, contents);
    // Commitments visible in this conversation that answer the question are cited beside the minutes.
    const commitments = relevantCommitments(
      profile,
      await answerableCommitments(ctx, options.channelId ?? null),
    );
    const draft =
      chat && answerPrompt
        ? await draftWithModel(chat, answerPrompt, {
            query,
            language,
            profile,
            hits,
            contexts,
            aliases,
            commitments,
            logger,
          })
        : withCommitmentLines(
            extractiveAnswer(profile, hits, { contexts, minCoverage: options.minCoverage }),
            commitments,
            language,
          );
    const { answer, citations, confidence } = draft;
    const abstained = citations.length === 0 && draft.commitments.length === 0;
    const result = {
      answer: abstained ? notFoundMessage(language) : neutraliseMentions(answer),
      language,
      abstained,
      citations: citations.map(toAnswerCitation),
      commitments: draft.commitments,
      nearest: abstained ? nearestSources(hits) : [],
      mode,
      notice: chat ? null : offlineNotice(language),
      confidence,
      promptVersion,
    } satisfies Omit<AnswerResult, 'questionId' | 'latencyMs'>;
    const questionId = await log({
      answer: result.answer,
      abstained,
      citations: result.citations,
      commitmentIds: result.commitments.map((commitment) => commitment.id),
      chunkIds: hits.map((hit) => hit.chunkId),
      error: null,
    });
    const latencyMs = Math.round(performance.now() - started);
    answerSeconds.observe({ mode }, latencyMs / 1000);
    answersTotal.inc({ mode, outcome: abstained ? 'abstained' : 'answered' });
    return { ...result, questionId, latencyMs };
  } catch (error) {
    const unavailable = error instanceof ChatUnavailableError;
    answersTotal.inc({ mode, outcome: 'failed' });
    logger.error({ err: error, question }, 'answering failed');
    await log({
      answer: null,
      abstained: false,
      citations: [],
      commitmentIds: [],
      chunkIds: hits.map((hit) => hit.chunkId),
      error: error instanceof Error ? error.message : String(error),
    }).catch((logError: unknown) => logger.error({ err: logError }, 'cannot log the failed question'));
    if (unavailable) throw new AnswerUnavailableError(unavailableMessage(language), { cause: error });
    throw error;
  }
}

/** Records a question's outcome in the question log (answered, abstained or failed), with its latency. */
function questionLog(
  ctx: AppContext,
  asked: {
    question: string;
    language: string;
    promptVersion: string | null;
    model: string | null;
    options: AnswerOptions;
    started: number;
  },
) {
  return (outcome: {
    answer: string | null;
    abstained: boolean;
    citations: AnswerCitation[];
    commitmentIds: number[];
    chunkIds: number[];
    error: string | null;
  }) =>
    insertQuestion(ctx.db.pool, {
      ...outcome,
      question: asked.question,
      language: asked.language,
      promptVersion: asked.promptVersion,
      model: asked.model,
      latencyMs: Math.round(performance.now() - asked.started),
      askedBy: asked.options.askedBy,
      channelId: asked.options.channelId,
      threadTs: asked.options.threadTs,
      messageTs: asked.options.messageTs,
    });
}

/**
 * The model's answer over the passages that satisfy the question's constraints (years, ordinals,
 * named entities): a near miss has nothing to cite, and the model cannot be led astray by it. Only
 * the sentences that verification keeps are returned.
 */
async function draftWithModel(
  chat: ChatClient,
  prompt: Prompt,
  input: {
    query: string;
    language: string;
    profile: QuestionProfile;
    hits: RetrievedPassage[];
    contexts: Map<number, DocumentContext>;
    aliases: AliasGroups;
    commitments: CommitmentSource[];
    logger: Logger;
  },
): Promise<Draft & { confidence: null }> {
  const passages = answerablePassages(input.profile, input.hits, input.contexts).slice(0, PROMPT_PASSAGES);
  const none = { answer: '', citations: [], commitments: [], confidence: null };
  if (passages.length === 0 && input.commitments.length === 0) return none;
  const generated = await generateAnswer(chat, prompt, {
    question: input.query,
    language: input.language,
    passages,
    commitments: (nonce) => formatCommitmentSources(input.commitments, nonce),
  });
  if (generated.notFound) return none;
  const verified = verifyWithCommitments(neutraliseMentions(generated.reply), passages, input.commitments, {
    aliases: withAcronymsOf(
      generated.reply,
      input.hits.map((hit) => hit.text),
      input.aliases,
    ),
    answerLanguage: input.language,
    question: input.profile,
    contexts: input.contexts,
  });
  citationDropsTotal.inc(verified.dropped.length);
  if (verified.dropped.length > 0) {
    input.logger.info({ dropped: verified.dropped }, 'answer sentences dropped by citation verification');
  }
  return {
    answer: verified.answer,
    citations: verified.citations,
    commitments: verified.commitments,
    confidence: null,
  };
}

/** An answer's cited sentences: documents as [1], [2]…, commitments as [C12]. */
interface Draft {
  answer: string;
  citations: VerifiedCitation[];
  commitments: AnswerCommitmentCitation[];
}

/** The offline answer: the quoted minutes, then the commitments that answer, each with its status now. */
function withCommitmentLines(
  draft: { answer: string; citations: VerifiedCitation[]; confidence: number },
  commitments: CommitmentSource[],
  language: string,
): Draft & { confidence: number } {
  if (commitments.length === 0) return { ...draft, commitments: [] };
  const lines = commitmentLines(commitments, language);
  return {
    answer: draft.answer ? `${draft.answer}\n${lines}` : lines,
    citations: draft.citations,
    commitments: commitments.map(({ commitment }) => toCommitmentCitation(commitment)),
    confidence: draft.confidence,
  };
}

function toAnswerCitation(citation: VerifiedCitation): AnswerCitation {
  return {
    n: citation.n,
    document_id: citation.passage.documentId,
    title: citation.passage.title,
    source_uri: citation.passage.sourceUri,
    quote: citation.quote,
    start_char: citation.startChar,
    end_char: citation.endChar,
    chunk_id: citation.passage.chunkId,
    language: citation.passage.language,
    published_on: citation.passage.publishedOn,
  };
}

/** The closest documents, one per article (translations count once), best first. */
function nearestSources(hits: RetrievedPassage[]): NearestSource[] {
  const seen = new Set<number>();
  const nearest: NearestSource[] = [];
  for (const hit of hits) {
    const group = hit.translationGroup ?? hit.documentId;
    if (seen.has(group) || nearest.length === NEAREST_SOURCES) continue;
    seen.add(group);
    nearest.push({
      document_id: hit.documentId,
      title: hit.title,
      source_uri: hit.sourceUri,
      language: hit.language,
      published_on: hit.publishedOn,
    });
  }
  return nearest;
}

/**
 * Records one person's 👍 (1) or 👎 (-1) on a logged answer (replacing only their own earlier vote) and
 * returns the answer's tally; throws when the question id is unknown.
 */
export async function recordFeedback(
  db: Queryable,
  questionId: number,
  userId: string,
  value: 1 | -1,
): Promise<FeedbackTally> {
  const stored = await setAnswerFeedback(db, questionId, userId, value);
  if (!stored) throw new Error(`no question with id ${questionId}`);
  return answerFeedbackTally(db, questionId);
}
