import { createHmac, randomUUID } from 'node:crypto';
import { parseConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/pool.ts';
import { createChatClient } from '../../src/llm/chat.ts';
import { createLogger } from '../../src/log.ts';
import { type CreateSlackAppOptions, createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { FakeSlack } from '../fakes/slack.ts';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackHarness {
  fake: FakeSlack;
  slack: SlackApp;
  ctx: AppContext;
  baseUrl: string;
  /** POSTs a raw body to /slack/events, signed like Slack does (or with a wrong signature). */
  post(
    body: string,
    contentType: string,
    options?: { badSignature?: boolean; headers?: Record<string, string> },
  ): Promise<Response>;
  event(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<Response>;
  command(
    command: string,
    text: string,
    options?: { userId?: string; channelId?: string; triggerId?: string },
  ): Promise<Response>;
  interaction(payload: Record<string, unknown>): Promise<Response>;
  /** Waits until the predicate holds (the bot works after acknowledging Slack). */
  until<T>(
    probe: () => T | undefined | false | Promise<T | undefined | false>,
    timeoutMs?: number,
  ): Promise<T>;
  /** Ack bodies Slack would show to the user (ephemeral replies to commands). */
  responses(): Record<string, unknown>[];
  stop(): Promise<void>;
}

export async function startSlackHarness(
  db: Database,
  options: {
    env?: Record<string, string>;
    now?: () => Date;
    embedder?: AppContext['embedder'];
    app?: Omit<CreateSlackAppOptions, 'port' | 'now'>;
    logger?: AppContext['logger'];
  } = {},
): Promise<SlackHarness> {
  const fake = await new FakeSlack().start();
  fake.route('POST /response', () => ({ body: { ok: true } }));
  fake.route('GET /files/report.txt', () => ({ body: 'unused' }));
  const config = parseConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const { createEmbedder } = await import('../../src/embed/index.ts');
  const ctx: AppContext = {
    config,
    db,
    logger,
    embedder: options.embedder ?? createEmbedder(config, logger),
    chat: createChatClient(config),
  };
  const slack = createSlackApp(ctx, { ...options.app, port: 0, now: options.now });
  const { port } = await slack.start();
  const baseUrl = `http://127.0.0.1:${port}`;

  const post: SlackHarness['post'] = async (body, contentType, postOptions = {}) => {
    const timestamp = Math.floor(Date.now() / 1000).toString();
    const signature = `v0=${createHmac('sha256', postOptions.badSignature ? 'wrong' : SIGNING_SECRET)
      .update(`v0:${timestamp}:${body}`)
      .digest('hex')}`;
    return fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
        ...postOptions.headers,
      },
      body,
    });
  };
  const acks: Record<string, unknown>[] = [];
  const form = async (fields: Record<string, string>) => {
    const response = await post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
    const text = await response.text();
    if (text) acks.push(JSON.parse(text));
    return response;
  };

  return {
    fake,
    slack,
    ctx,
    baseUrl,
    post,
    event(event, eventOptions = {}) {
      return post(
        JSON.stringify({
          token: 'legacy',
          team_id: 'T1',
          api_app_id: 'A1',
          type: 'event_callback',
          event_id: eventOptions.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
          event,
        }),
        'application/json',
        eventOptions.retryNum
          ? {
              headers: {
                'x-slack-retry-num': String(eventOptions.retryNum),
                'x-slack-retry-reason': 'http_timeout',
              },
            }
          : {},
      );
    },
    command(command, text, commandOptions = {}) {
      return form({
        token: 'legacy',
        team_id: 'T1',
        channel_id: commandOptions.channelId ?? 'C1',
        channel_name: 'secretariat',
        user_id: commandOptions.userId ?? 'U1',
        user_name: 'lan',
        command,
        text,
        api_app_id: 'A1',
        response_url: `${fake.url}/response`,
        trigger_id: commandOptions.triggerId ?? `trigger-${randomUUID()}`,
      });
    },
    interaction(payload) {
      return form({
        payload: JSON.stringify({ team: { id: 'T1' }, api_app_id: 'A1', token: 'legacy', ...payload }),
      });
    },
    async until(probe, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await probe();
        if (value) return value;
        if (Date.now() > deadline) throw new Error('timed out waiting for the Slack app');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    responses: () => acks,
    async stop() {
      await slack.stop();
      await fake.stop();
    },
  };
}

/** Bodies posted to the command's response_url (respond()). */
export function responseUrlPosts(fake: FakeSlack): Record<string, unknown>[] {
  return fake.requestsTo('POST /response').map((request) => request.body as Record<string, unknown>);
}
