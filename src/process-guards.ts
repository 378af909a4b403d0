import type { Logger } from './log.ts';

export interface ProcessGuards {
  /** Resolves with the error when an exception escaped every handler: the process must stop. */
  readonly fatal: Promise<Error>;
  dispose(): void;
}

/**
 * Process-level safety net of the long-running server. A promise rejected with no handler is a bug in
 * one request's work, not a broken process: it is logged with its stack and the server keeps serving
 * (Node's default is to exit, taking every other request with it). An uncaught exception may leave
 * state half-changed, so it is logged as fatal and `fatal` resolves: the caller stops receiving, lets
 * work under way finish and exits 1 for the supervisor to restart it.
 */
export function guardProcess(logger: Logger): ProcessGuards {
  let raise: (error: Error) => void = () => undefined;
  const fatal = new Promise<Error>((resolve) => {
    raise = resolve;
  });
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, 'unhandled promise rejection (the server keeps running)');
  };
  const onException = (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception: stopping');
    raise(error);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    fatal,
    dispose() {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
