import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.ts';

const TTL_MS = 60 * 60 * 1000;
/** Past this, the default zone is used; the lookup keeps running and fills the cache for next time. */
const DEFAULT_WAIT_MS = 10_000;

export interface ResolvedTimeZone {
  tz: string;
  /** False when Slack could not say in time (error, timeout, no zone set): `tz` is the default zone. */
  fromSlack: boolean;
}

/** A user's IANA time zone from users.info, cached for an hour; the default when Slack cannot say. */
export function createTimeZoneLookup(defaultTimeZone: string, logger: Logger) {
  const cache = new Map<string, ResolvedTimeZone & { at: number }>();
  const fetchZone = async (client: WebClient, userId: string): Promise<ResolvedTimeZone> => {
    try {
      const info = await client.users.info({ user: userId });
      const tz = info.user?.tz;
      const resolved = tz ? { tz, fromSlack: true } : { tz: defaultTimeZone, fromSlack: false };
      cache.set(userId, { ...resolved, at: Date.now() });
      return resolved;
    } catch (error) {
      logger.warn({ err: error, userId }, 'users.info failed; using the default time zone');
      return { tz: defaultTimeZone, fromSlack: false };
    }
  };
  const resolve = async (
    client: WebClient,
    userId: string,
    options: { waitMs?: number } = {},
  ): Promise<ResolvedTimeZone> => {
    const cached = cache.get(userId);
    if (cached && Date.now() - cached.at < TTL_MS) return { tz: cached.tz, fromSlack: cached.fromSlack };
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<ResolvedTimeZone>((done) => {
      timer = setTimeout(() => {
        logger.warn({ userId, waitMs }, 'users.info too slow; using the default time zone');
        done({ tz: defaultTimeZone, fromSlack: false });
      }, waitMs);
    });
    try {
      return await Promise.race([fetchZone(client, userId), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    resolve,
    /** Just the zone, for surfaces where a default-zone "today" is good enough. */
    userTimeZone: async (client: WebClient, userId: string) => (await resolve(client, userId)).tz,
  };
}

export type TimeZoneLookup = ReturnType<typeof createTimeZoneLookup>;
export type UserTimeZoneLookup = TimeZoneLookup['userTimeZone'];
export type ResolveTimeZone = TimeZoneLookup['resolve'];
