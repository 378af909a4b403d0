import { parseConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/context.ts';
import type { Database } from '../../src/db/pool.ts';
import { createLocalEmbedder } from '../../src/embed/local.ts';
import type { Embedder } from '../../src/embed/provider.ts';
import { createChatClient } from '../../src/llm/chat.ts';
import { createLogger } from '../../src/log.ts';

/** An AppContext on a test database: silent logger, offline embedder unless another is given. */
export function testContext(
  db: Database,
  env: Record<string, string> = {},
  embedder: Embedder = createLocalEmbedder(),
): AppContext {
  const config = parseConfig(env);
  return { config, db, logger: createLogger('silent'), embedder, chat: createChatClient(config) };
}
