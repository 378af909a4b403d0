import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/pool.ts';

/**
 * A database for one benchmark run: embedded PGlite in memory, or a new native database created on
 * the server of `nativeUrl` and dropped by `cleanup()` (unless `keep`).
 */
export async function openThrowawayDatabase(
  nativeUrl: string | undefined,
  options: { prefix: string; keep?: boolean },
): Promise<{ db: Database; cleanup: () => Promise<void> }> {
  if (!nativeUrl) {
    const db = await openDatabase({ memory: true });
    return { db, cleanup: () => db.close() };
  }
  const native = await throwawayNativeUrl(nativeUrl, options.prefix);
  const db = await openDatabase({ url: native.url });
  return {
    db,
    async cleanup() {
      await db.close();
      if (options.keep) {
        console.log(`kept database ${native.name}`);
        return;
      }
      await native.drop();
    },
  };
}

/** A new empty database on the server of `nativeUrl`: its URL, and how to drop it. */
export async function throwawayNativeUrl(
  nativeUrl: string,
  prefix: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: nativeUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  await admin.end();
  return {
    url: databaseUrl(nativeUrl, name),
    name,
    async drop() {
      const again = new pg.Client({ connectionString: nativeUrl });
      await again.connect();
      await again.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await again.end();
    },
  };
}

/** The URL of database `name` on the server of `serverUrl` (a kept database: --reuse). */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
