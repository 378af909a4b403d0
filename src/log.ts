import pino from 'pino';

/** One root logger; modules take `logger.child({ module })`. Logs go to stderr so CLI output stays clean. */
export function createLogger(level: string) {
  return pino({ level, base: undefined }, pino.destination(2));
}

export type Logger = pino.Logger;
