import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ChatClient } from './chat.ts';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

const frontMatterSchema = z.object({
  /** Version logged with every use, so an answer can be traced to the prompt that produced it. */
  version: z.string().min(1),
  /** Model override; unset uses OPENAI_CHAT_MODEL. */
  model: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).default(0),
  max_tokens: z.number().int().positive().optional(),
});

export interface Prompt {
  name: string;
  version: string;
  model?: string;
  temperature: number;
  maxTokens?: number;
  /** Template parts: the system message, and the user message after the `<!-- user -->` line. */
  system: string;
  user: string;
}

export class PromptError extends Error {
  override name = 'PromptError';
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const USER_MARKER = /^<!-- user -->$/m;

/** Reads prompts/<name>.md: YAML front matter (version, model, temperature), then the template. */
export async function loadPrompt(name: string, dir = PROMPTS_DIR): Promise<Prompt> {
  const file = `${dir}${name}.md`;
  const source = await readFile(file, 'utf8');
  const match = FRONT_MATTER.exec(source);
  if (!match) throw new PromptError(`${file} has no front matter (a --- block with at least a version)`);
  const meta = frontMatterSchema.safeParse(parseYaml(match[1]!));
  if (!meta.success) {
    throw new PromptError(
      `${file}: invalid front matter: ${meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const [system, user = ''] = source.slice(match[0].length).split(USER_MARKER) as [string, string?];
  return {
    name,
    version: meta.data.version,
    model: meta.data.model,
    temperature: meta.data.temperature,
    maxTokens: meta.data.max_tokens,
    system: system.trim(),
    user: user.trim(),
  };
}

/**
 * Replaces {{name}} with values[name]. Values are inserted once, left to right, so a value that itself
 * contains "{{…}}" (a document quoting a template) is never expanded.
 */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new PromptError(`template placeholder {{${key}}} has no value`);
    return value;
  });
}

/** Fills a prompt's system and user templates with the same values and sends them to the chat model. */
export function runPrompt(
  chat: ChatClient,
  prompt: Prompt,
  values: Record<string, string>,
  options: { json?: boolean } = {},
): Promise<string> {
  return chat.complete({
    model: prompt.model,
    temperature: prompt.temperature,
    maxTokens: prompt.maxTokens,
    json: options.json,
    messages: [
      { role: 'system', content: fillTemplate(prompt.system, values) },
      { role: 'user', content: fillTemplate(prompt.user, values) },
    ],
  });
}
