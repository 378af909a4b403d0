import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

const request = new AsyncLocalStorage<{ requestId: string }>();

/**
 * One root logger; modules take `logger.child({ module })`. Logs go to stderr (or `destination`), so
 * CLI output on stdout stays clean.
 * Every line written while a Slack request is handled carries its `requestId` (see withRequestId).
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)) {
  return pino({ level, base: undefined, mixin: () => request.getStore() ?? {} }, destination);
}

/** Runs fn (and everything it starts) as one request: log lines carry requestId, apologies show it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return request.run({ requestId }, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return request.getStore()?.requestId;
}

export type Logger = pino.Logger;
