import { randomBytes } from 'node:crypto';
import type { ChatClient } from '../llm/chat.ts';
import { type Prompt, runPrompt } from '../llm/prompts.ts';
import type { Passage } from './citations.ts';

/** The model's reply when the sources do not answer (prompts/answer.md). */
const NOT_FOUND_REPLY = /^\W*NOT_FOUND\W*$/;

export interface GeneratedReply {
  /** The raw reply, to be verified before anyone sees it. */
  reply: string;
  /** The model said the sources do not contain the answer. */
  notFound: boolean;
}

/** English name of a language code for the prompt ("fr" → "French"); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// A source's text can say "</source …>" to try to end the quote early: the tag word is defanged, and the
// real tags carry a random nonce a document cannot know.
function defang(text: string): string {
  return text.replace(/<(\/?)(source)/gi, '‹$1$2');
}

function attribute(value: string): string {
  return defang(value).replace(/["\n\r]/g, ' ');
}

/** The numbered sources block: each passage between nonce-tagged delimiters, with its metadata. */
export function formatSources(passages: Passage[], nonce: string): string {
  return passages
    .map((passage, index) => {
      const date = passage.publishedOn ? ` date="${attribute(passage.publishedOn)}"` : '';
      return [
        `<source ${nonce} n="${index + 1}" title="${attribute(passage.title)}" language="${attribute(passage.language)}"${date}>`,
        defang(passage.text),
        `</source ${nonce}>`,
      ].join('\n');
    })
    .join('\n\n');
}

export function newNonce(): string {
  return randomBytes(6).toString('hex');
}

/** Asks the model to answer from the passages, numbered [1]…[n] in the given order, and the commitments ([C12]). */
export async function generateAnswer(
  chat: ChatClient,
  prompt: Prompt,
  input: {
    question: string;
    language: string;
    passages: Passage[];
    /** The commitments block, numbered [C12], made with the nonce given (commitment-sources.ts). */
    commitments?: (nonce: string) => string;
  },
): Promise<GeneratedReply> {
  const nonce = newNonce();
  const values = {
    nonce,
    language_name: languageName(input.language),
    sources: formatSources(input.passages, nonce),
    commitments: input.commitments?.(nonce) ?? '(none)',
    question: input.question,
  };
  const reply = await runPrompt(chat, prompt, values);
  return { reply, notFound: NOT_FOUND_REPLY.test(reply.trim()) };
}
