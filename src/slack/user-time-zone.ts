import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.ts';

const TTL_MS = 60 * 60 * 1000;

/** A user's IANA time zone from users.info, cached for an hour; the default when Slack cannot say. */
export function createTimeZoneLookup(defaultTimeZone: string, logger: Logger) {
  const cache = new Map<string, { tz: string; at: number }>();
  return async function userTimeZone(client: WebClient, userId: string): Promise<string> {
    const cached = cache.get(userId);
    if (cached && Date.now() - cached.at < TTL_MS) return cached.tz;
    try {
      const info = await client.users.info({ user: userId });
      const tz = info.user?.tz || defaultTimeZone;
      cache.set(userId, { tz, at: Date.now() });
      return tz;
    } catch (error) {
      logger.warn({ err: error, userId }, 'users.info failed; using the default time zone');
      return defaultTimeZone;
    }
  };
}

export type UserTimeZoneLookup = ReturnType<typeof createTimeZoneLookup>;
