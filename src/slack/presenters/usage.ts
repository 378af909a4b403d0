import { escapeSlack, section } from './text.ts';

/** An ephemeral reply to bad input: what went wrong and how to use the command. */
export function usageMessage(problem: string, usage: string) {
  return {
    text: escapeSlack(`${problem}\n${usage}`),
    blocks: [section(`:warning: ${escapeSlack(problem)}`), section(escapeSlack(usage))],
  };
}
