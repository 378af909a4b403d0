import { type Config, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/pool.ts';
import { createLogger, type Logger } from './log.ts';

/** What every service needs: configuration, the database and a logger. Built once per process. */
export interface AppContext {
  readonly config: Config;
  readonly db: Database;
  readonly logger: Logger;
}

/** Opens the database chosen by the config (native when DATABASE_URL is set, else embedded). */
export async function openAppContext(config: Config = loadConfig(), logger?: Logger): Promise<AppContext> {
  const log = logger ?? createLogger(config.LOG_LEVEL);
  const db = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MINUTEBOOK_DATA_DIR },
  );
  return { config, db, logger: log };
}
