import { readFile } from 'node:fs/promises';
import OpenAI from 'openai';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Summarize } from './service.ts';

const PROMPT_FILE = new URL('../../prompts/digest-summary.md', import.meta.url);
// The opening of a document is enough for one sentence and keeps each request small.
const MAX_CONTENT_CHARS = 6000;

export interface PromptFile {
  version: string;
  temperature: number;
  maxTokens: number;
  template: string;
}

/** Reads a prompt file: flat `key: value` front matter between --- lines, then the template. */
export async function readDigestSummaryPrompt(file: URL = PROMPT_FILE): Promise<PromptFile> {
  const text = await readFile(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file.pathname}: missing front matter`);
  const fields = Object.fromEntries(
    match[1]!.split('\n').map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    }),
  );
  if (!fields.version) throw new Error(`${file.pathname}: front matter has no version`);
  return {
    version: fields.version,
    temperature: Number(fields.temperature ?? 0),
    maxTokens: Number(fields.max_tokens ?? 120),
    template: match[2]!,
  };
}

/** One-sentence summaries from the configured chat model; undefined when no OPENAI_API_KEY is set. */
export async function llmSummarizer(config: Config, logger: Logger): Promise<Summarize | undefined> {
  if (!config.OPENAI_API_KEY) return undefined;
  const prompt = await readDigestSummaryPrompt();
  const client = new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    timeout: config.LLM_TIMEOUT_MS,
  });
  return async (doc) => {
    const values: Record<string, string> = {
      language: doc.language,
      title: doc.title.replaceAll('"', "'"),
      content: doc.content.slice(0, MAX_CONTENT_CHARS).replaceAll('</document>', ''),
    };
    // One pass, so text inside a document is never itself expanded as a placeholder.
    const content = prompt.template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
    const completion = await client.chat.completions.create({
      model: config.OPENAI_CHAT_MODEL,
      temperature: prompt.temperature,
      max_tokens: prompt.maxTokens,
      messages: [{ role: 'user', content }],
    });
    const sentence = completion.choices[0]?.message.content?.replace(/\s+/g, ' ').trim();
    if (!sentence) throw new Error('the model returned an empty summary');
    logger.debug({ promptVersion: prompt.version, model: config.OPENAI_CHAT_MODEL }, 'digest summary');
    return sentence;
  };
}
