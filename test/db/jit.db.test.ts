import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../helpers/db.ts';

const getDb = useMigratedDatabase();

// Minutebook's statements run in milliseconds, but the planner compiles one with JIT as soon as its
// cost estimate passes jit_above_cost, whatever it really takes: at 1M chunks that cost 175 of the
// 255 ms of the statement that lists the languages stored (a set-returning function counted at 100
// rows per document), and 6–12 ms of each search's gloss counting before it was capped.
describe('statements of the pool', () => {
  it('are never compiled with JIT', async () => {
    const pool = getDb().db.pool;
    // Every connection of the pool, not only the first one (PGlite has a single one).
    const count = getDb().backend === 'postgres' ? 3 : 1;
    const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
    try {
      for (const client of clients) {
        const { rows } = await client.query<{ jit: boolean }>(
          "SELECT current_setting('jit') = 'on' AND pg_jit_available() AS jit",
        );
        expect(rows[0]!.jit).toBe(false);
      }
    } finally {
      for (const client of clients) client.release();
    }
  });
});
