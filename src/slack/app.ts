import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import type { AppContext } from '../context.ts';
import { isSchemaCurrent } from '../db/migrate.ts';
import { claimSlackEvent } from '../db/slack-events.ts';
import { registry } from '../metrics.ts';
import type { SlackDeps } from './deps.ts';
import { InFlight } from './in-flight.ts';
import { instrumentRequests } from './instrument.ts';
import { registerListeners } from './listeners/index.ts';
import { createTimeZoneLookup } from './user-time-zone.ts';

export interface SlackApp {
  readonly app: App;
  readonly deps: SlackDeps;
  /** Starts receiving; returns the HTTP port (undefined in Socket Mode). */
  start(): Promise<{ port?: number }>;
  /** Stops receiving, then waits (bounded) for answers and posts already under way. */
  stop(): Promise<void>;
}

export interface CreateSlackAppOptions {
  now?: () => Date;
  /** Port of the HTTP receiver (defaults to config PORT); 0 picks a free one. */
  port?: number;
}

const DRAIN_TIMEOUT_MS = 25_000;

export function createSlackApp(ctx: AppContext, options: CreateSlackAppOptions = {}): SlackApp {
  const { config, logger } = ctx;
  if (!config.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is required for the Slack app');
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  if (!socketMode && !config.SLACK_SIGNING_SECRET) {
    throw new Error(
      'SLACK_SIGNING_SECRET is required for the HTTP receiver (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }
  const log = logger.child({ module: 'slack' });
  const health = async (_req: IncomingMessage, res: ServerResponse, check: () => Promise<boolean>) => {
    let ok = false;
    try {
      ok = await check();
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
    }
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok }));
  };
  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    ...(socketMode
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          signingSecret: config.SLACK_SIGNING_SECRET,
          port: options.port ?? config.PORT,
          customRoutes: [
            {
              path: '/healthz',
              method: ['GET'],
              handler: (req, res) => void health(req, res, async () => true),
            },
            {
              path: '/readyz',
              method: ['GET'],
              handler: (req, res) => void health(req, res, () => isSchemaCurrent(ctx.db.pool)),
            },
            {
              path: '/metrics',
              method: ['GET'],
              handler: (_req, res) => void serveMetrics(res),
            },
          ],
        }),
    clientOptions: {
      slackApiUrl: config.SLACK_API_URL,
      // Rate-limited calls wait for Retry-After and are retried, a bounded number of times.
      rejectRateLimitedCalls: false,
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
    },
    logLevel: config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? LogLevel.DEBUG : LogLevel.WARN,
  });
  instrumentRequests(app);
  const serveMetrics = async (res: ServerResponse) => {
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(body);
    } catch (error) {
      log.error({ err: error }, 'metrics could not be collected');
      res.writeHead(500).end();
    }
  };
  const inFlight = new InFlight();
  const deps: SlackDeps = {
    ctx,
    inFlight,
    userTimeZone: createTimeZoneLookup(config.DEFAULT_TIMEZONE, log),
    now: options.now ?? (() => new Date()),
  };

  // Slack retries an event up to three times when it thinks we were slow; handle each event id once.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await claimSlackEvent(ctx.db.pool, eventId))) {
      log.debug({ eventId }, 'duplicate Slack event ignored');
      return;
    }
    await inFlight.track(next());
  });

  registerListeners(app, deps);

  app.error(async (error) => {
    log.error({ err: error }, 'unhandled error in a Slack listener');
  });

  let stopped = false;
  return {
    app,
    deps,
    async start() {
      const server = (await app.start()) as { address?: () => unknown } | undefined;
      const address = socketMode ? undefined : (server?.address?.() as { port: number } | null | undefined);
      log.info({ socketMode, port: address?.port }, 'Slack app started');
      return { port: address?.port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.stop();
      const drained = await inFlight.drain(DRAIN_TIMEOUT_MS);
      if (!drained) log.warn({ pending: inFlight.size }, 'stopped with Slack work still running');
    },
  };
}
