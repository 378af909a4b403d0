import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

// Any fixed number shared by every Minutebook process: pg_advisory_lock serialises migrators.
const MIGRATION_LOCK_KEY = 7_246_501;

export interface MigrationFile {
  version: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name), 'utf8');
      return {
        version: name.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so that
 * two processes starting together neither fail nor apply a file twice. Refuses to run when a file
 * that was already applied has changed since.
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = await readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version text PRIMARY KEY,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
      const { rows } = await client.query<{ version: string; checksum: string }>(
        'SELECT version, checksum FROM schema_migrations',
      );
      const applied = new Map(rows.map((row) => [row.version, row.checksum]));
      for (const [version, checksum] of applied) {
        const file = files.find((candidate) => candidate.version === version);
        if (file && file.checksum !== checksum) {
          throw new MigrationError(
            `migration ${version} was changed after it was applied; restore the original file and add a new migration instead`,
          );
        }
      }
      const result: MigrationResult = { applied: [], alreadyApplied: [] };
      for (const file of files) {
        if (applied.has(file.version)) {
          result.alreadyApplied.push(file.version);
          continue;
        }
        try {
          await client.query('BEGIN');
          await client.query(file.sql);
          await client.query('INSERT INTO schema_migrations (version, checksum) VALUES ($1, $2)', [
            file.version,
            file.checksum,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          const detail = error instanceof Error ? error.message : String(error);
          throw new MigrationError(`migration ${file.version} failed and was rolled back: ${detail}`);
        }
        result.applied.push(file.version);
      }
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/** True when every migration file has been applied (used by /readyz). */
export async function isSchemaCurrent(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<boolean> {
  const files = await readMigrations(dir);
  const exists = await pool.query("SELECT to_regclass('schema_migrations') AS name");
  if (!exists.rows[0].name) return false;
  const { rows } = await pool.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return files.every((file) => applied.has(file.version));
}
