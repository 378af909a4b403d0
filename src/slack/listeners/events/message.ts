import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { botAnsweredInThread } from '../../../answer/questions.ts';
import { answerInThread, questionFromText } from '../../answer-flow.ts';
import type { SlackDeps } from '../../deps.ts';
import { ingestSharedFiles, type SharedFile } from '../../file-ingest.ts';

interface MessageLike {
  channel: string;
  channel_type?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  subtype?: string;
  bot_id?: string;
  files?: SharedFile[];
}

/**
 * Plain messages: direct messages to the bot, replies in threads the bot answered (follow-ups, no
 * mention needed), every message in the channels configured to be answered, and files shared where
 * ingestion is configured. Messages that mention the bot are left to the app_mention listener.
 */
export function register(app: App, deps: SlackDeps) {
  const { config } = deps.ctx;
  app.message(async ({ message, client, context }) => {
    const event = message as unknown as MessageLike;
    if (event.bot_id || !event.user) return;
    if (event.subtype && event.subtype !== 'file_share' && event.subtype !== 'thread_broadcast') return;
    const isDirect = event.channel_type === 'im';
    if (event.subtype === 'file_share' && event.files?.length) {
      if (isDirect || config.SLACK_INGEST_CHANNELS.includes(event.channel)) {
        await ingestSharedFiles(deps, client as WebClient, {
          channel: event.channel,
          channelType: event.channel_type ?? 'channel',
          threadTs: event.thread_ts ?? event.ts,
          userId: event.user,
          files: event.files,
        });
      }
      return;
    }
    const text = event.text ?? '';
    if (context.botUserId && text.includes(`<@${context.botUserId}`)) return;
    const question = questionFromText(text);
    if (!question) return;
    const inBotThread =
      event.thread_ts !== undefined && (await botAnsweredInThread(deps.ctx, event.channel, event.thread_ts));
    const inAnswerChannel = !event.thread_ts && config.SLACK_ANSWER_CHANNELS.includes(event.channel);
    if (!isDirect && !inBotThread && !inAnswerChannel) return;
    await answerInThread(deps, client as WebClient, {
      channel: event.channel,
      threadTs: event.thread_ts ?? event.ts,
      messageTs: event.ts,
      question,
      userId: event.user,
    });
  });
}
