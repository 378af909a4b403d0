import { type AppOptions, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.ts';

type SlackLogger = NonNullable<AppOptions['logger']>;

const fromPino: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt's and the Web API client's logs, written through pino: one structured stream with LOG_LEVEL
 * applied (LOG_LEVEL=silent silences them too) instead of a second, plain-text one on the console.
 */
export function boltLogger(log: Logger): SlackLogger {
  const text = (parts: unknown[]) =>
    parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: (...parts) => log.debug(text(parts)),
    info: (...parts) => log.info(text(parts)),
    warn: (...parts) => log.warn(text(parts)),
    error: (...parts) => log.error(text(parts)),
    // The level is pino's (LOG_LEVEL); Bolt asks for it to skip building debug messages.
    setLevel: () => undefined,
    getLevel: () => fromPino[log.level] ?? LogLevel.WARN,
    setName: () => undefined,
  };
}
