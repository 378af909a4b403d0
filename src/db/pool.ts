import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import pgvector from 'pgvector/pg';
import { InFlight } from '../in-flight.ts';
import { embeddedOptions } from './embedded-options.ts';

/** Anything that runs a query: the pool or a client checked out of it (inside a transaction). */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface Database {
  readonly pool: pg.Pool;
  readonly backend: 'postgres' | 'pglite';
  /** The embedded instance, when backend is pglite (pg-boss attaches to it directly). */
  readonly pglite?: PGlite;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

const INSTALL_HINT =
  'Install pgvector on the server (Debian/Ubuntu: apt-get install postgresql-<major>-pgvector; ' +
  'Docker: use the image pgvector/pgvector:pg17), or unset DATABASE_URL to use the embedded database.';

/** Opens native Postgres (url) or embedded PGlite (dataDir or memory), ensures pgvector, registers its types. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if ('url' in target) return openNative(target.url);
  return openEmbedded('dataDir' in target ? target.dataDir : undefined);
}

async function openNative(url: string): Promise<Database> {
  const where = describeUrl(url);
  const bootstrap = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await bootstrap.connect();
  } catch (error) {
    throw new DatabaseError(`cannot connect to Postgres at ${where}: ${reason(error)}. Check DATABASE_URL.`);
  }
  let types: pg.CustomTypesConfig;
  try {
    const available = await bootstrap.query(
      "SELECT default_version, installed_version FROM pg_available_extensions WHERE name = 'vector'",
    );
    if (available.rowCount === 0) {
      throw new DatabaseError(
        `the pgvector extension is not available on Postgres at ${where}. ${INSTALL_HINT}`,
      );
    }
    if (!available.rows[0].installed_version) {
      try {
        await bootstrap.query('CREATE EXTENSION IF NOT EXISTS vector');
      } catch (error) {
        // Two processes starting together may both try to create it; the loser sees a duplicate.
        const again = await bootstrap.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'");
        if (again.rowCount === 0) {
          throw new DatabaseError(
            `cannot create the vector extension on ${where}: ${reason(error)}. ` +
              'Run CREATE EXTENSION vector as a superuser once, then start again.',
          );
        }
      }
    }
    const installed = await bootstrap.query("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
    const version = String(installed.rows[0].extversion);
    if (compareVersions(version, '0.5.0') < 0) {
      throw new DatabaseError(
        `pgvector ${version} on ${where} is too old: 0.5.0 or newer is needed (HNSW). ${INSTALL_HINT}`,
      );
    }
    types = await vectorTypes(bootstrap);
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: 10,
    connectionTimeoutMillis: 10_000,
    // No JIT compilation: every statement here takes milliseconds, but the planner compiles one as
    // soon as its cost estimate passes jit_above_cost, whatever it really takes (at 1M chunks 175 of
    // the 255 ms of storedLanguages, 50 ms without; 6–12 ms of every search's gloss counting before it
    // was capped: bench/scale.ts). Set on each new connection before the pool hands it out.
    onConnect: async (client) => {
      await client.query('SET jit = off');
    },
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it and the next query reports real failures.
  });
  return {
    pool,
    backend: 'postgres',
    close: () => pool.end(),
  };
}

/**
 * A folder without a database yet is given one by a short-lived child process (src/db/create-embedded.ts):
 * creating it peaks at ≈ 1.1 GB, which this process would otherwise keep for as long as it runs.
 */
async function createEmbedded(dataDir: string): Promise<void> {
  const script = fileURLToPath(new URL('./create-embedded.ts', import.meta.url));
  const child = spawn(process.execPath, [script, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  }).catch((error: unknown) => {
    throw new DatabaseError(`cannot create the embedded database in ${dataDir}: ${reason(error)}`);
  });
  if (code !== 0)
    throw new DatabaseError(
      `cannot create the embedded database in ${dataDir}: ${stderr.trim().split('\n').slice(-3).join(' ') || `exit ${code}`}`,
    );
}

async function openEmbedded(dataDir: string | undefined): Promise<Database> {
  if (dataDir) {
    try {
      await mkdir(path.resolve(dataDir), { recursive: true });
    } catch (error) {
      throw new DatabaseError(
        `cannot use ${path.resolve(dataDir)} as the embedded database folder: ${reason(error)}. Check MINUTEBOOK_DATA_DIR.`,
      );
    }
    if (!existsSync(path.join(path.resolve(dataDir), 'PG_VERSION')))
      await createEmbedded(path.resolve(dataDir));
  }
  let lite: PGlite;
  try {
    lite = await PGlite.create({
      dataDir: dataDir ? path.resolve(dataDir) : undefined,
      extensions: { vector },
      ...embeddedOptions(),
    });
  } catch (error) {
    throw new DatabaseError(`cannot open the embedded database in ${dataDir ?? 'memory'}: ${reason(error)}`);
  }
  await lite.exec('CREATE EXTENSION IF NOT EXISTS vector');
  const config = createPgConfig(lite);
  const bootstrap = new pg.Client(config);
  await bootstrap.connect();
  const types = await vectorTypes(bootstrap);
  await bootstrap.end();
  const pool = new pg.Pool({ ...config, types });
  const queries = embeddedQueries(pool);
  let closed = false;
  return {
    pool,
    backend: 'pglite',
    pglite: lite,
    async close() {
      if (closed) return;
      closed = true;
      // Queries already running finish first (work still in flight at shutdown, an answer being
      // logged): ending the pool under them ended PGlite's shared connection in the middle of one.
      queries.refuse();
      await queries.running.drain(CLOSE_WAIT_MS);
      await pool.end();
      // Closing PGlite flushes its files to the data dir.
      await lite.close();
    },
  };
}

/**
 * An error the server reported for a query (it has a severity and an SQLSTATE code). PGlite's adapter
 * builds these with its own copy of pg-protocol, so they are not instances of pg's DatabaseError.
 */
function isServerError(error: unknown): boolean {
  const fields = error as { severity?: unknown; code?: unknown } | null;
  return typeof fields?.severity === 'string' && typeof fields.code === 'string';
}

/** Longest wait for running embedded queries when the database closes. */
const CLOSE_WAIT_MS = 10_000;

/**
 * How the pool runs a query on the embedded database.
 *
 * PGlite runs each query on the calling thread, and its node-postgres adapter chains protocol messages
 * through promises and process.nextTick only: a run of queries (one answer's retrieval) never returned
 * to the event loop, so HTTP requests (Slack's acknowledgements, health checks) waited for the whole
 * run. A query through the pool now starts on a fresh event-loop turn when the last one is 10 ms old.
 * (Between queries only: a yield between the protocol messages of one query broke the adapter after a
 * failed query.)
 *
 * A query that fails keeps its client. pg-pool ends the client of any failed `pool.query`, but every
 * client of the embedded pool shares PGlite's one adapter connection, whose "end" is delivered late:
 * a client created meanwhile (a query started from the failed one's callback) received it and failed
 * with "Connection terminated unexpectedly". A server error leaves that connection usable, so the
 * client goes back to the pool; any other error still ends it.
 */
function embeddedQueries(pool: pg.Pool): { refuse(): void; running: InFlight } {
  let lastTurn = performance.now();
  let refusing = false;
  const running = new InFlight();
  const run = async (text: unknown, values: unknown): Promise<pg.QueryResult> => {
    if (refusing) throw new DatabaseError('the embedded database is closed');
    // A turn costs little but not nothing: at most one every YIELD_EVERY_MS of back-to-back queries.
    if (performance.now() - lastTurn >= YIELD_EVERY_MS) {
      await nextTurn();
      lastTurn = performance.now();
    }
    const client = await pool.connect();
    try {
      const result = await client.query(text as string, values as unknown[] | undefined);
      client.release();
      return result;
    } catch (error) {
      client.release(isServerError(error) ? undefined : (error as Error));
      throw error;
    }
  };
  pool.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof values === 'function') [values, callback] = [undefined, values];
    const result = running.track(run(text, values));
    if (typeof callback !== 'function') return result;
    result.then(
      (rows) => callback(undefined, rows),
      (error: unknown) => callback(error),
    );
    return undefined;
  }) as unknown as typeof pool.query;
  return {
    refuse: () => {
      refusing = true;
    },
    running,
  };
}

/** Longest run of embedded queries without a return to the event loop. */
const YIELD_EVERY_MS = 10;

async function vectorTypes(client: pg.Client): Promise<pg.CustomTypesConfig> {
  const overrides = new pg.TypeOverrides();
  await pgvector.registerTypes({
    query: (text: string, values: unknown[]) => client.query(text, values),
    setTypeParser: overrides.setTypeParser.bind(overrides),
  } as unknown as pg.ClientBase);
  return overrides;
}

/** Runs fn in one transaction on one client; rolls back on any error. */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    return code && !error.message.includes(code)
      ? `${error.message} (${code})`
      : error.message || String(code);
  }
  return String(error);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
