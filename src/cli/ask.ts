import { type AnswerResult, answerQuestion } from '../answer/index.ts';
import { renderAnswerText } from '../answer/render.ts';
import { ingestSamplesIfEmpty } from '../ingest/index.ts';
import { type CliCommand, UsageError } from './types.ts';

/** The stable --json shape of `minutebook ask` (docs/architecture.md, CLI contract): nothing more, nothing less. */
export function askJson(result: AnswerResult) {
  return {
    answer: result.answer,
    language: result.language,
    abstained: result.abstained,
    citations: result.citations.map((citation) => ({
      n: citation.n,
      document_id: citation.document_id,
      title: citation.title,
      source_uri: citation.source_uri,
      quote: citation.quote,
      start_char: citation.start_char,
      end_char: citation.end_char,
    })),
    commitment_citations: result.commitments.map((commitment) => ({
      id: commitment.id,
      title: commitment.title,
      status: commitment.status,
      owners: commitment.owners,
      due_on: commitment.due_on,
      completed_on: commitment.completed_on,
      source_permalink: commitment.source_permalink,
    })),
  };
}

export const askCommand: CliCommand = {
  name: 'ask',
  usage: 'minutebook ask "<question>" [--json]',
  options: { json: { type: 'boolean' } },
  async run({ positionals, values, io, context }) {
    const question = positionals.join(' ').trim();
    if (!question) throw new UsageError('give the question in quotes');
    const ctx = await context();
    await ingestSamplesIfEmpty(ctx);
    const result = await answerQuestion(ctx, question);
    io.out(values.json ? JSON.stringify(askJson(result)) : renderAnswerText(result));
    return 0;
  },
};
