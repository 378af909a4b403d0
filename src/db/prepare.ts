import type pg from 'pg';
import { glossText, glossVersion } from '../text/gloss.ts';
import { seedAliases } from './aliases.ts';
import { chunksToGloss, updateGlosses } from './chunks.ts';
import { type MigrationResult, migrate } from './migrate.ts';
import type { Queryable } from './pool.ts';

/**
 * What every start does before serving: apply pending migrations, seed reference data, and gloss the
 * chunks stored before the current gloss version (idempotent).
 */
export async function prepareDatabase(pool: pg.Pool): Promise<MigrationResult> {
  const result = await migrate(pool);
  await seedAliases(pool);
  await glossStoredChunks(pool);
  return result;
}

/** Chunks glossed per batch when catching up. */
const GLOSS_BATCH = 500;

/** Glosses the chunks stored with another gloss version (after an upgrade); returns how many. */
export async function glossStoredChunks(db: Queryable): Promise<number> {
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await chunksToGloss(db, glossVersion(), afterId, GLOSS_BATCH);
    if (batch.length === 0) return done;
    await updateGlosses(
      db,
      batch.map((chunk) => ({ id: chunk.id, gloss: glossText(chunk.text, chunk.language) })),
      glossVersion(),
    );
    done += batch.length;
    afterId = batch.at(-1)!.id;
  }
}
