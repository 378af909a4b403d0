import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const list = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)
      : value,
  z.array(z.string()).default([]),
);
const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));
const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone such as Asia/Ho_Chi_Minh or Europe/Paris' },
);

/** Every setting of Minutebook, read from the environment once. */
const schema = z.object({
  /** Native Postgres (needs the pgvector extension). Unset: embedded PGlite in MINUTEBOOK_DATA_DIR. */
  DATABASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Folder of the embedded database and other local state. */
  MINUTEBOOK_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),

  /** Key for an OpenAI-compatible API. Unset: offline embedder and extractive answers. */
  OPENAI_API_KEY: optionalString,
  /** Base URL of the OpenAI-compatible API (OpenAI, Azure, Ollama, vLLM). */
  OPENAI_BASE_URL: optionalString,
  /** Chat model used for answers, digest summaries and extraction. */
  OPENAI_CHAT_MODEL: z.preprocess(emptyToUndefined, z.string().default('gpt-4o-mini')),
  /** Embedding model of the openai embedder. */
  OPENAI_EMBED_MODEL: z.preprocess(emptyToUndefined, z.string().default('text-embedding-3-small')),
  /** Dimensions requested from the embedding model (must match what the model returns). */
  OPENAI_EMBED_DIMENSIONS: positiveInt(1536),
  /** Which embedder to use: auto (openai when OPENAI_API_KEY is set, else local), openai or local. */
  EMBEDDER: z.preprocess(emptyToUndefined, z.enum(['auto', 'openai', 'local']).default('auto')),
  /** Timeout of one model request, in milliseconds. */
  LLM_TIMEOUT_MS: positiveInt(30_000),

  /** Slack bot token (xoxb-…). With the signing secret, turns on the Slack app. */
  SLACK_BOT_TOKEN: optionalString,
  /** Slack signing secret, to verify requests sent to the HTTP receiver. */
  SLACK_SIGNING_SECRET: optionalString,
  /** Slack app-level token (xapp-…). Set: Socket Mode; unset: HTTP receiver on PORT. */
  SLACK_APP_TOKEN: optionalString,
  /** Slack Web API base URL; only changed to point at a test double. */
  SLACK_API_URL: z.preprocess(emptyToUndefined, z.url().default('https://slack.com/api/')),
  /** Timeout of one Slack Web API request, in milliseconds (a hanging request is aborted and retried). */
  SLACK_API_TIMEOUT_MS: positiveInt(10_000),
  /**
   * How long a Slack Web API call keeps retrying (429s after their Retry-After, 5xx, network errors)
   * before it fails, in milliseconds: a message is delayed by an outage this long, not lost.
   */
  SLACK_RETRY_MAX_MS: positiveInt(120_000),
  /** Channel ids where the bot answers every message, not only mentions. */
  SLACK_ANSWER_CHANNELS: list,
  /** Channel ids where shared files are ingested. */
  SLACK_INGEST_CHANNELS: list,
  /**
   * Slack questions (mentions, DMs, /ask, briefs) answered at the same time by one process; more wait in
   * a queue, so a burst of questions never delays Slack's acknowledgements. Each answer is mostly
   * database and CPU work with the offline model, so 2 suits the embedded database and a 2-core host;
   * raise it with a remote model (answers then mostly wait on the network) or more cores.
   */
  ANSWER_CONCURRENCY: positiveInt(2),
  /**
   * Slack questions that may wait for a turn; beyond, the asker is told at once that Minutebook is busy
   * and to ask again in a few minutes.
   */
  ANSWER_QUEUE_LIMIT: positiveInt(500),
  /** HTTP port of the Slack receiver and health checks. */
  PORT: positiveInt(3000),

  /** Time zone used when a user's own is unknown. */
  DEFAULT_TIMEZONE: z.preprocess(emptyToUndefined, timeZone.default('Asia/Ho_Chi_Minh')),
  /** How numeric dates such as 05/12/2026 are read: DMY (5 December) or MDY (12 May). */
  DATE_ORDER: z.preprocess(emptyToUndefined, z.enum(['DMY', 'MDY']).default('DMY')),
  /** Local hour (0-23) at which commitment reminders are sent. */
  REMINDER_HOUR: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(23).default(9)),
  /** What a digest with nothing to report does: post a one-line "quiet week" or skip. */
  DIGEST_QUIET_WEEK: z.preprocess(emptyToUndefined, z.enum(['post', 'skip']).default('post')),

  /** Largest file or download accepted by ingestion, in bytes. */
  INGEST_MAX_BYTES: positiveInt(20 * 1024 * 1024),
  /** Timeout of a URL download during ingestion, in milliseconds. */
  INGEST_FETCH_TIMEOUT_MS: positiveInt(15_000),
  /**
   * Hosts that URL ingestion may fetch although they are loopback, private, link-local or otherwise
   * not public (intranet use): host names, IP addresses or CIDR ranges (10.0.0.0/8), or * for any.
   * Empty (default): only public addresses are fetched.
   */
  INGEST_ALLOW_PRIVATE_HOSTS: list,
  /**
   * Documents ingested on the first start of an empty database. Default: the samples/minutes folder
   * of the installation, whatever the working directory.
   */
  SAMPLES_DIR: z.preprocess(
    emptyToUndefined,
    z.string().default(fileURLToPath(new URL('../samples/minutes/', import.meta.url))),
  ),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** The names of every setting (deployment files are checked against them). */
export const SETTING_NAMES: readonly string[] = Object.keys(schema.shape);

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates an environment; the message names each invalid variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  }
  return Object.freeze(result.data);
}

let cached: Config | undefined;

/** The process configuration, read from process.env on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Test and tool entry points that must read a value without validating the whole environment. */
export function readTestEnv(name: 'TEST_DATABASE_URL' | 'TEST_BACKEND' | 'CI'): string | undefined {
  return process.env[name] || undefined;
}
