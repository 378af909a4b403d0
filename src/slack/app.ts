import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, ErrorCode } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.ts';
import { isSchemaCurrent } from '../db/migrate.ts';
import { claimSlackEvent } from '../db/slack-events.ts';
import { InFlight } from '../in-flight.ts';
import { registry } from '../metrics.ts';
import { AckFirst } from './ack-first.ts';
import { AnswerQueue } from './answer-queue.ts';
import { createConversationVisibilityLookup } from './conversation-visibility.ts';
import type { SlackDeps } from './deps.ts';
import { type Backoff, createSlackIdentity } from './identity.ts';
import { instrumentRequests } from './instrument.ts';
import { registerListeners } from './listeners/index.ts';
import { createHttpReceiver } from './receiver.ts';
import { refuseStaleRequests } from './request-freshness.ts';
import { createTimeZoneLookup } from './user-time-zone.ts';
import { acknowledgeUnhandled, withVisibleFailure } from './visible-failure.ts';
import { createSlackWebClient, slackClientOptions } from './web-client.ts';

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
  /** Waits between checks of the bot identity while Slack is unreachable (tests shorten them). */
  identityBackoff?: Backoff;
}

/** The body of /readyz: ready when the database schema is current and Slack knows the bot. */
export interface Readiness {
  ok: boolean;
  database?: boolean;
  slack?: boolean;
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
  const { logger: boltLog, ...clientOptions } = slackClientOptions(config, logger);
  // The identity check fails fast (no retries of its own): it has its own backoff, and a request that
  // arrives while Slack is unreachable should not wait minutes for it.
  const identity = createSlackIdentity(
    new WebClient(undefined, { ...clientOptions, retryConfig: { retries: 0 }, logger: boltLog }),
    config.SLACK_BOT_TOKEN,
    log,
    options.identityBackoff,
  );
  const health = async (_req: IncomingMessage, res: ServerResponse, check: () => Promise<Readiness>) => {
    let readiness: Readiness = { ok: false };
    try {
      readiness = await check();
    } catch (error) {
      log.warn({ err: error }, 'readiness check failed');
    }
    res.writeHead(readiness.ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify(readiness));
  };
  const ready = async (): Promise<Readiness> => {
    const database = await isSchemaCurrent(ctx.db.pool).catch((error: unknown) => {
      log.warn({ err: error }, 'readiness: database unreachable');
      return false;
    });
    return { ok: database && identity.verified, database, slack: identity.verified };
  };
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
  // Counts every Slack request from its arrival until answered, so work that can wait lets it go first.
  const ackFirst = new AckFirst();
  const receiver = socketMode
    ? undefined
    : createHttpReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET as string,
        earlyEventAck: {
          enabled: () => identity.verified,
          beforeDispatch: () => ackFirst.acknowledged(),
          track: (work) => void inFlight.track(work),
        },
        port: options.port ?? config.PORT,
        logger: boltLog,
        log,
        customRoutes: [
          {
            path: '/healthz',
            method: ['GET'],
            handler: (req, res) => void health(req, res, async () => ({ ok: true })),
          },
          {
            path: '/readyz',
            method: ['GET'],
            handler: (req, res) => void health(req, res, ready),
          },
          {
            path: '/metrics',
            method: ['GET'],
            handler: (_req, res) => void serveMetrics(res),
          },
        ],
      });
  if (receiver) {
    refuseStaleRequests(receiver, log);
    ackFirst.watch(receiver); // outermost: counts a request from its arrival
  }
  const app = new App({
    authorize: () => identity.authorize(),
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.SLACK_APP_TOKEN }),
    clientOptions,
    logger: boltLog,
  });
  // With `authorize` instead of a token Bolt's own client has none: jobs (digests, reminders) use it.
  app.client = createSlackWebClient(config, logger);
  instrumentRequests(app);
  const timeZones = createTimeZoneLookup(config.DEFAULT_TIMEZONE, log);
  const deps: SlackDeps = {
    ctx,
    inFlight,
    answerQueue: new AnswerQueue({
      concurrency: config.ANSWER_CONCURRENCY,
      limit: config.ANSWER_QUEUE_LIMIT,
      beforeTurn: () => ackFirst.acknowledged(),
    }),
    userTimeZone: timeZones.userTimeZone,
    resolveTimeZone: timeZones.resolve,
    conversationVisibility: createConversationVisibilityLookup(log),
    now: options.now ?? (() => new Date()),
  };

  // Every request: tracked for shutdown, handled once per Slack event id (Slack retries an event up
  // to three times when it thinks we were slow), and any failure is shown to the user. Events reach
  // this already acknowledged (by the receiver, or by Bolt in Socket Mode), so the dedupe query is
  // never on the acknowledgement's path: a retry that arrives meanwhile is still dropped here.
  app.use((args) =>
    inFlight.track(
      withVisibleFailure(deps, args, async () => {
        const eventId = (args.body as { event_id?: unknown }).event_id;
        if (typeof eventId === 'string' && !(await claimSlackEvent(ctx.db.pool, eventId))) {
          log.debug({ eventId }, 'duplicate Slack event ignored');
          return;
        }
        await args.next();
        await acknowledgeUnhandled(args);
      }),
    ),
  );

  registerListeners(app, deps);

  app.error(async (error) => {
    // Slack could not be reached to learn the bot's identity: fail the request (401) so that Slack
    // retries the event and a slash command shows its error, instead of a 200 that drops it.
    if (error.code === ErrorCode.AuthorizationError) throw error;
    log.error({ err: error, requestId: randomUUID().slice(0, 8) }, 'unhandled error in a Slack listener');
  });

  let stopped = false;
  return {
    app,
    deps,
    async start() {
      identity.start();
      const server = (await app.start()) as { address?: () => unknown } | undefined;
      const address = socketMode ? undefined : (server?.address?.() as { port: number } | null | undefined);
      log.info({ socketMode, port: address?.port }, 'Slack app started');
      return { port: address?.port };
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      identity.stop();
      // Questions still waiting for their turn are told to ask again rather than answered past the drain.
      deps.answerQueue.stop();
      await app.stop();
      const drained = await inFlight.drain(DRAIN_TIMEOUT_MS);
      if (!drained) log.warn({ pending: inFlight.size }, 'stopped with Slack work still running');
    },
  };
}
