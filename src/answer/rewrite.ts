import type { ChatClient } from '../llm/chat.ts';
import { type Prompt, runPrompt } from '../llm/prompts.ts';
import { contentTerms, isAcronym, tokenize } from '../text/words.ts';

export interface Turn {
  question: string;
  answer: string;
}

/** Prior turns shown to the rewriter: the last few are enough to resolve "it" and "they". */
const MAX_TURNS = 3;

/**
 * A follow-up ("and its budget?") made standalone before retrieval. With a model: prompts/rewrite-question.md.
 * Offline: the follow-up followed by the key words (names, acronyms, content words) of the previous
 * question that it does not already contain.
 */
export async function standaloneQuestion(
  question: string,
  priorTurns: Turn[],
  chat: ChatClient | null,
  prompt: Prompt | null,
): Promise<string> {
  const turns = priorTurns.slice(-MAX_TURNS);
  const previous = turns.at(-1);
  if (!previous) return question;
  if (chat && prompt) {
    const values = {
      turns: turns.map((turn) => `Q: ${turn.question}\nA: ${turn.answer}`).join('\n\n'),
      question,
    };
    const rewritten = await runPrompt(chat, prompt, values);
    const line = rewritten.trim().split('\n')[0]!.trim();
    return line || question;
  }
  return withPreviousKeyTerms(question, previous.question);
}

export function withPreviousKeyTerms(question: string, previousQuestion: string): string {
  const present = new Set(tokenize(question).map((token) => token.folded));
  const keys: string[] = [];
  for (const token of tokenize(previousQuestion)) {
    const key = isAcronym(token.text) || contentTerms(token.text).length > 0;
    if (key && !present.has(token.folded)) {
      present.add(token.folded);
      keys.push(token.text);
    }
  }
  return keys.length > 0 ? `${question} ${keys.join(' ')}` : question;
}
