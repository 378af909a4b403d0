import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.ts';

const TTL_MS = 10 * 60 * 1000;

export type ConversationVisibility = 'public' | 'private';

/**
 * Whether a conversation is a public channel or private (private channel, DM, group DM), from
 * conversations.info, cached for ten minutes. Private when Slack cannot say (the bot is not in a
 * private channel, the call failed): what was said there must not show up elsewhere.
 */
export function createConversationVisibilityLookup(logger: Logger) {
  const cache = new Map<string, { visibility: ConversationVisibility; at: number }>();
  return async function conversationVisibility(
    client: WebClient,
    channelId: string,
  ): Promise<ConversationVisibility> {
    const cached = cache.get(channelId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.visibility;
    try {
      const { channel } = await client.conversations.info({ channel: channelId });
      if (!channel) throw new Error('conversations.info returned no channel');
      const visibility =
        channel.is_channel && !channel.is_private && !channel.is_im && !channel.is_mpim
          ? 'public'
          : 'private';
      cache.set(channelId, { visibility, at: Date.now() });
      return visibility;
    } catch (error) {
      logger.warn(
        { err: error, channelId },
        'conversations.info failed; treating the conversation as private',
      );
      return 'private';
    }
  };
}

export type ConversationVisibilityLookup = ReturnType<typeof createConversationVisibilityLookup>;
