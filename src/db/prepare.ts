import type pg from 'pg';
import { seedAliases } from './aliases.ts';
import { type MigrationResult, migrate } from './migrate.ts';

/** What every start does before serving: apply pending migrations, then seed reference data (idempotent). */
export async function prepareDatabase(pool: pg.Pool): Promise<MigrationResult> {
  const result = await migrate(pool);
  await seedAliases(pool);
  return result;
}
