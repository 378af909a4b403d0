import { escapeSlack, section } from './text.ts';

/** What the user sees when a request Slack already acknowledged could not be carried out. */
export function failureNotice(requestId: string) {
  const text = `Sorry, that did not work: something went wrong on our side (request id ${requestId}). Please try again in a moment.`;
  return { text, blocks: [section(`:warning: ${escapeSlack(text)}`)] };
}

/** A Home tab that says it could not be loaded, instead of leaving a stale one. */
export function failureHomeView(requestId: string) {
  const text = `Your commitments and questions could not be loaded right now (request id ${requestId}). Open this tab again in a moment.`;
  return { type: 'home' as const, blocks: [section(`:warning: ${escapeSlack(text)}`)] };
}
