import type { AppContext } from '../context.ts';
import { search } from '../search/index.ts';
import { type AnswerOptions, type AnswerResult, answerWith, type Retriever } from './answer.ts';

export {
  type AnswerCitation,
  type AnswerOptions,
  type AnswerResult,
  AnswerUnavailableError,
  type NearestSource,
  recordFeedback,
  type Turn,
} from './answer.ts';

const hybridSearch: Retriever = (ctx, query, options) => search(ctx, query, options);

/**
 * Answers a question from the indexed documents with verified citations (docs/architecture.md): hybrid search,
 * then the language model when OPENAI_API_KEY is set, else an extractive answer. Throws
 * AnswerUnavailableError (short, user-facing message) when the model cannot be reached.
 */
export function answerQuestion(
  ctx: AppContext,
  question: string,
  options: AnswerOptions = {},
): Promise<AnswerResult> {
  return answerWith(ctx, question, options, hybridSearch);
}
