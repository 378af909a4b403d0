import type { WebClient } from '@slack/web-api';
import { composeBrief } from '../brief/service.ts';
import { todayIn } from '../dates.ts';
import type { SlackDeps } from './deps.ts';
import { briefMessages, type SlackMessage } from './presenters/brief.ts';

export const BRIEF_USAGE =
  'Usage: `/brief <counterpart or topic>`, e.g. `/brief Guangxi` (or `@Minutebook brief me on Guangxi`): ' +
  'the meetings, proposals of each side, agreements signed, open commitments and unanswered questions about it, each line cited.';

/** "brief me on Guangxi", "brief Guangxi", "fais-moi un dossier sur le Guangxi": the subject, or null when not a brief request. */
export function briefSubjectOf(text: string): string | null {
  const match =
    /^\s*(?:please\s+)?brief(?:\s+me)?(?:\s+(?:on|about))?\s+(.+?)\s*[?.!]*$/i.exec(text) ??
    /^\s*(?:fais(?:-moi)?\s+)?(?:un\s+)?dossier\s+(?:sur|à propos de)\s+(?:le\s+|la\s+|les\s+|l['’])?(.+?)\s*[?.!]*$/i.exec(
      text,
    );
  return match?.[1]?.trim() || null;
}

/** The brief of a subject as seen from one conversation, as Slack messages in the asker's language. */
export async function briefForSlack(
  deps: SlackDeps,
  client: WebClient,
  request: {
    subject: string;
    text: string;
    userId: string;
    channelId: string;
    postedInConversation?: boolean;
  },
): Promise<SlackMessage[]> {
  const tz = await deps.userTimeZone(client, request.userId);
  // "/brief Guangxi" has no words of the asker's besides the subject: their Slack locale tells the language.
  const bare = request.text.replace(request.subject, '').trim() === '';
  const brief = await composeBrief(deps.ctx, request.subject, {
    request: request.text,
    language: bare ? await slackLanguage(deps, client, request.userId) : undefined,
    today: todayIn(tz, deps.now()),
    viewer: { userId: request.userId, channelId: request.channelId },
    postedInConversation: request.postedInConversation,
  });
  return briefMessages(brief);
}

/** "@Minutebook brief me on Guangxi": the brief in the message's thread, continued in further replies when long. */
export async function briefInThread(
  deps: SlackDeps,
  client: WebClient,
  request: { subject: string; text: string; userId: string; channelId: string; threadTs: string },
): Promise<void> {
  const messages = await briefForSlack(deps, client, { ...request, postedInConversation: true });
  for (const message of messages) {
    await client.chat.postMessage({ channel: request.channelId, thread_ts: request.threadTs, ...message });
  }
}

/** The two-letter language of a user's Slack locale ("fr-FR" → "fr"); undefined when Slack cannot say. */
async function slackLanguage(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user: userId, include_locale: true });
    const locale = (info.user as { locale?: string } | undefined)?.locale;
    return locale && /^[a-z]{2}\b/i.test(locale) ? locale.slice(0, 2).toLowerCase() : undefined;
  } catch (error) {
    deps.ctx.logger.warn({ err: error, userId }, 'users.info failed; the brief is in English');
    return undefined;
  }
}
