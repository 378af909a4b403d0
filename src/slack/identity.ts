import type { AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.ts';

export interface Backoff {
  /** First wait after a failed check, doubled after each failure. */
  minMs: number;
  /** Longest wait between two checks. */
  maxMs: number;
}

export const DEFAULT_IDENTITY_BACKOFF: Backoff = { minMs: 1_000, maxMs: 60_000 };

/**
 * The bot's own identity (auth.test), needed before any Slack request can be handled: Bolt uses it to
 * ignore the bot's own messages and to recognise mentions. Bolt's built-in version calls auth.test once
 * in its constructor and never again, so an unreachable Web API at start rejected a promise nobody
 * awaited (the process died) and would have failed every later request. Here a failed check is retried
 * in the background with exponential backoff and on each incoming request, and `verified` feeds /readyz.
 */
export interface SlackIdentity {
  /** Bolt's `authorize`: the token and identity, or a rejection while Slack cannot be reached. */
  authorize(): Promise<AuthorizeResult>;
  readonly verified: boolean;
  /** Starts checking in the background until the identity is known. */
  start(): void;
  stop(): void;
}

export function createSlackIdentity(
  client: WebClient,
  token: string,
  logger: Logger,
  backoff: Backoff = DEFAULT_IDENTITY_BACKOFF,
): SlackIdentity {
  let identity: { botUserId?: string; botId?: string } | undefined;
  let pending: Promise<{ botUserId?: string; botId?: string }> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;

  // One check at a time: requests arriving during an outage share it instead of piling up calls.
  const check = () => {
    pending ??= client.auth
      .test({ token })
      .then((result) => {
        identity = { botUserId: result.user_id, botId: result.bot_id };
        if (failures > 0) logger.info({ failures }, 'Slack Web API reachable again: identity verified');
        return identity;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };

  const loop = async () => {
    timer = undefined;
    if (stopped || identity) return;
    try {
      await check();
    } catch (error) {
      failures += 1;
      const delay = Math.min(backoff.maxMs, backoff.minMs * 2 ** Math.min(failures - 1, 20));
      logger.warn({ err: error, failures, retryInMs: delay }, 'Slack Web API unreachable: will retry');
      if (!stopped && !identity) {
        timer = setTimeout(() => void loop(), delay);
        timer.unref();
      }
    }
  };

  return {
    async authorize() {
      const known = identity ?? (await check());
      return { botToken: token, botUserId: known.botUserId, botId: known.botId };
    },
    get verified() {
      return identity !== undefined;
    },
    start() {
      void loop();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
