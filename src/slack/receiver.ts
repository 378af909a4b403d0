import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  ErrorCode,
  HTTPModuleFunctions,
  HTTPReceiver,
  type HTTPReceiverOptions,
} from '@slack/bolt';
import type { Logger } from '../log.ts';
import { slackAckSeconds } from '../metrics.ts';
import { createSignatureCheck } from './signature.ts';

/** Marks, in Bolt's context, an event that the receiver acknowledged before the app saw it. */
export const ACKNOWLEDGED_EARLY = 'acknowledgedEarly';

/**
 * Events API requests acknowledged as soon as their signature is verified, before Bolt (authorization,
 * middleware, the event dedupe, listeners) sees them: Slack expects an empty 200 within 3 s whatever the
 * event, so nothing else is needed for the acknowledgement. Slash commands and interactions still go
 * through Bolt, whose listeners choose what the acknowledgement says.
 */
export interface EarlyEventAck {
  /** False while the bot's identity is unknown: Bolt's path then fails the event (401) so Slack retries it. */
  enabled(): boolean;
  /** Awaited after the acknowledgement and before the app processes the event. */
  beforeDispatch(): Promise<void>;
  /** Tracks the event's processing (shutdown waits for it). */
  track(work: Promise<void>): void;
}

/**
 * Bolt's HTTP receiver, refusing signed bodies it cannot route. Bolt reads `body.ssl_check` before
 * anything checks the shape, so a signed `null` (or `payload=null`) threw outside any handler, left the
 * request unanswered and, as an unhandled rejection, killed the process. A body that is not an object,
 * or that Bolt could not classify, now gets 400 at once (401 when the signature is wrong, as Bolt
 * would answer).
 */
export function createHttpReceiver(
  options: HTTPReceiverOptions & { log: Logger; earlyEventAck?: EarlyEventAck },
): HTTPReceiver {
  const { log: logger, earlyEventAck, ...receiverOptions } = options;
  const receiver = new HTTPReceiver({
    ...receiverOptions,
    // Bolt throws on signed bodies of the wrong shape (a null `user`, `actions` or `view`...) before any
    // listener runs; listener errors never get here (withVisibleFailure handles them). Such a body is
    // the sender's fault: 400, not 500. A failed authorization stays 401, so Slack retries the event.
    processEventErrorHandler: async ({ error, response, request }) => {
      if (response.headersSent) return false;
      const unauthorized = (error as { code?: string }).code === ErrorCode.AuthorizationError;
      if (unauthorized) logger.warn({ err: error }, 'Slack request refused: bot identity unknown');
      else logger.warn({ err: error, path: request.url }, 'Slack request of a shape Bolt cannot process');
      HTTPModuleFunctions.buildNoBodyResponse(response, unauthorized ? 401 : 400);
      return true;
    },
  });
  let boltApp: App | undefined;
  const init = receiver.init.bind(receiver);
  receiver.init = (app: App) => {
    boltApp = app;
    init(app);
  };
  const endpoints = [receiverOptions.endpoints ?? '/slack/events'].flat();
  const boltListener = receiver.requestListener;
  const bodyLimit = receiverOptions.bodyLimit ?? HTTPModuleFunctions.defaultBodyLimit;
  const signedBySlack = createSignatureCheck(receiverOptions.signingSecret as string);
  receiver.requestListener = (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || !endpoints.includes(path)) return boltListener(req, res);
    const arrived = performance.now();
    guard(req, res, path, arrived).then(
      (pass) => {
        if (pass) boltListener(req, res);
      },
      (error: unknown) => {
        logger.error({ err: error, path }, 'Slack request could not be read');
        if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 400);
      },
    );
  };
  return receiver;

  /** True when Bolt can take the request; otherwise the answer has been sent. */
  async function guard(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    arrived: number,
  ): Promise<boolean> {
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.bufferIncomingMessage>>;
    try {
      // Bolt reuses the buffered body (it checks for rawBody), so the stream is read only once.
      buffered = await HTTPModuleFunctions.bufferIncomingMessage(req, bodyLimit);
    } catch (error) {
      const tooLarge = HTTPModuleFunctions.isRawBodyError(error) && error.statusCode === 413;
      logger.warn({ err: error, path }, 'Slack request body could not be read');
      HTTPModuleFunctions.buildNoBodyResponse(res, tooLarge ? 413 : 400);
      return false;
    }
    let body: unknown;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      return true; // Malformed: Bolt answers 400 after checking the signature.
    }
    if (isObject(body) && earlyEventAck && isPlainEvent(body) && boltApp && earlyEventAck.enabled()) {
      if (!signedBySlack(buffered.headers, buffered.rawBody)) {
        logger.warn({ path }, 'Slack event refused: signature or timestamp invalid');
        HTTPModuleFunctions.buildNoBodyResponse(res, 401);
        return false;
      }
      HTTPModuleFunctions.buildNoBodyResponse(res, 200);
      slackAckSeconds.observe({ surface: `event:${body.event.type}` }, (performance.now() - arrived) / 1000);
      const eventType = body.event.type;
      earlyEventAck.track(
        dispatch(boltApp, earlyEventAck, req, body).catch((error: unknown) => {
          logger.warn({ err: error, path, eventType }, 'acknowledged Slack event could not be processed');
        }),
      );
      return false;
    }
    if (isObject(body) && dispatchable(body)) return true;
    if (!signedBySlack(buffered.headers, buffered.rawBody)) {
      HTTPModuleFunctions.buildNoBodyResponse(res, 401);
      return false;
    }
    logger.warn({ path, type: describeBody(body) }, 'signed Slack request of no known shape');
    HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    return false;
  }
}

/** Hands an acknowledged event to the app, as Bolt's receiver would (its ack has nothing left to do). */
async function dispatch(
  app: App,
  early: EarlyEventAck,
  req: IncomingMessage,
  body: Record<string, unknown>,
): Promise<void> {
  await early.beforeDispatch();
  await app.processEvent({
    body,
    ack: async () => undefined,
    retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
    retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
    customProperties: { [ACKNOWLEDGED_EARLY]: true },
  });
}

/** An Events API callback whose acknowledgement carries nothing (function_executed is acked by its listener). */
function isPlainEvent(body: Record<string, unknown>): body is { event: { type: string } } {
  return (
    body.type === 'event_callback' &&
    isObject(body.event) &&
    typeof body.event.type === 'string' &&
    body.event.type !== 'function_executed'
  );
}

/** Payload types Bolt dispatches by their `type` alone (others have `event`, `command`, `actions`…). */
const DISPATCHED_TYPES = new Set([
  'url_verification',
  'block_suggestion',
  'dialog_submission',
  'shortcut',
  'message_action',
  'view_submission',
  'view_closed',
]);

/**
 * Whether Bolt can route the body: it reads fields of `event` without checking it is an object, and
 * leaves a body it cannot classify unanswered for 3 s before a 404.
 */
function dispatchable(body: Record<string, unknown>): boolean {
  if (body.event !== undefined) return isObject(body.event) && typeof body.event.type === 'string';
  if (body.ssl_check !== undefined || body.command !== undefined || body.name !== undefined) return true;
  if (body.actions !== undefined) return true;
  return typeof body.type === 'string' && DISPATCHED_TYPES.has(body.type);
}

function describeBody(body: unknown): string {
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'array';
  if (isObject(body)) return `object of type ${String(body.type)}`;
  return typeof body;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
