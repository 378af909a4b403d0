import { WebAPIPlatformError, WebAPIRateLimitedError, type WebClient } from '@slack/web-api';
import type { Digest } from '../digest/compose.ts';
import { DigestNotPostedError } from '../digest/service.ts';
import { digestMessages } from './presenters/digest.ts';

/**
 * Posts a digest: its first message in the channel, the rest in that message's thread. An error reply
 * to the first message (not a timeout) becomes DigestNotPostedError so the scheduler may retry it.
 */
export function slackDigestPoster(
  client: WebClient,
): (channelId: string, digest: Digest) => Promise<{ ts: string }> {
  return async (channelId, digest) => {
    const [first, ...rest] = digestMessages(digest);
    let ts: string;
    try {
      const posted = await client.chat.postMessage({
        channel: channelId,
        text: first!.text,
        blocks: first!.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
      });
      ts = posted.ts!;
    } catch (error) {
      if (error instanceof WebAPIPlatformError || error instanceof WebAPIRateLimitedError) {
        throw new DigestNotPostedError(`Slack refused the digest for ${channelId}: ${error.message}`, {
          cause: error,
        });
      }
      throw error;
    }
    for (const message of rest) {
      await client.chat.postMessage({
        channel: channelId,
        thread_ts: ts,
        text: message.text,
        blocks: message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
      });
    }
    return { ts };
  };
}
