import type { ChatClient } from '../llm/chat.ts';
import { loadPrompt, runPrompt } from '../llm/prompts.ts';
import type { Logger } from '../log.ts';

export type Summarize = (doc: { title: string; content: string; language: string }) => Promise<string>;

// The opening of a document is enough for one sentence and keeps each request small.
const MAX_CONTENT_CHARS = 6000;

/** One-sentence summaries from the chat model; undefined without one (no OPENAI_API_KEY). */
export async function llmSummarizer(chat: ChatClient | null, logger: Logger): Promise<Summarize | undefined> {
  if (!chat) return undefined;
  const prompt = await loadPrompt('digest-summary');
  return async (doc) => {
    const values = {
      language: doc.language,
      title: doc.title.replaceAll('"', "'"),
      content: doc.content.slice(0, MAX_CONTENT_CHARS).replaceAll('</document>', ''),
    };
    const reply = await runPrompt(chat, prompt, values);
    logger.debug({ promptVersion: prompt.version, model: prompt.model ?? chat.model }, 'digest summary');
    return reply.replace(/\s+/g, ' ').trim();
  };
}
