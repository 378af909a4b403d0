import type { Config } from '../config.ts';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';
import { createLocalEmbedder } from './local.ts';
import { createOpenAIEmbedder } from './openai.ts';
import type { Embedder } from './provider.ts';

export { type Embedder, EmbedderError } from './provider.ts';

/**
 * The embedder the config asks for: EMBEDDER=local, openai, or auto (openai when OPENAI_API_KEY is
 * set, else the offline one). A keyless OpenAI-compatible server (Ollama) works with EMBEDDER=openai
 * and OPENAI_BASE_URL.
 */
export function createEmbedder(config: Config, logger: Logger): Embedder {
  const kind = config.EMBEDDER === 'auto' ? (config.OPENAI_API_KEY ? 'openai' : 'local') : config.EMBEDDER;
  if (kind === 'local') return createLocalEmbedder();
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new ConfigError(
      'EMBEDDER=openai needs OPENAI_API_KEY (or OPENAI_BASE_URL for a keyless local server)',
    );
  }
  return createOpenAIEmbedder({
    apiKey: config.OPENAI_API_KEY ?? 'unused',
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_EMBED_MODEL,
    dims: config.OPENAI_EMBED_DIMENSIONS,
    timeoutMs: config.LLM_TIMEOUT_MS,
    logger: logger.child({ module: 'embed' }),
  });
}
