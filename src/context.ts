import { type Config, loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/pool.ts';
import { createEmbedder, type Embedder } from './embed/index.ts';
import { type ChatClient, createChatClient } from './llm/chat.ts';
import { createLogger, type Logger } from './log.ts';

/**
 * What every service needs: configuration, the database, a logger, the embedder and the chat model
 * (null when no OPENAI_API_KEY is set). Built once per process.
 */
export interface AppContext {
  readonly config: Config;
  readonly db: Database;
  readonly logger: Logger;
  readonly embedder: Embedder;
  readonly chat: ChatClient | null;
}

/** Opens the database chosen by the config (native when DATABASE_URL is set, else embedded). */
export async function openAppContext(config: Config = loadConfig(), logger?: Logger): Promise<AppContext> {
  const log = logger ?? createLogger(config.LOG_LEVEL);
  const embedder = createEmbedder(config, log);
  const db = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.MINUTEBOOK_DATA_DIR },
  );
  return { config, db, logger: log, embedder, chat: createChatClient(config) };
}
