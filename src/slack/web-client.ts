import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { boltLogger } from './bolt-logger.ts';

/**
 * How every Slack Web API client of Minutebook talks to Slack: the configured API URL and timeout;
 * rate-limited calls wait for Retry-After; 429s, 5xx and network errors are retried with backoff for up
 * to SLACK_RETRY_MAX_MS, so an outage delays a message instead of losing it.
 */
export function slackClientOptions(config: Config, logger: Logger) {
  return {
    slackApiUrl: config.SLACK_API_URL,
    timeout: config.SLACK_API_TIMEOUT_MS,
    rejectRateLimitedCalls: false,
    retryConfig: {
      retries: 30,
      factor: 2,
      minTimeout: 500,
      maxTimeout: 5_000,
      maxRetryTime: config.SLACK_RETRY_MAX_MS,
    },
    logger: boltLogger(logger.child({ module: 'bolt' })),
  } satisfies WebClientOptions;
}

/** The bot's Web API client outside the Bolt app (the CLI), with the app's retry settings. */
export function createSlackWebClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.SLACK_BOT_TOKEN, slackClientOptions(config, logger));
}
