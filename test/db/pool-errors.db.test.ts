import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../helpers/db.ts';

const getDb = useMigratedDatabase();

// A query that fails must fail alone: queries waiting for the connection at that moment still run.
// (On the embedded database every client shares one PGlite connection; the pool used to end the client
// of a failed query, and that client's late "end" reached the next client, which then failed with
// "Connection terminated unexpectedly".)
describe('a failed query among others', () => {
  it('fails with its own error while the queries around it succeed', async () => {
    const pool = getDb().db.pool;
    const results = await Promise.allSettled([
      pool.query('SELECT 1 AS n'),
      pool.query('SELECT * FROM no_such_table'),
      pool.query('SELECT 2 AS n'),
      pool.query('SELECT 3 AS n'),
      pool.query('SELECT * FROM no_such_table_either'),
      pool.query('SELECT 4 AS n'),
    ]);
    const outcome = results.map((result) =>
      result.status === 'fulfilled' ? result.value.rows[0].n : String(result.reason.message),
    );
    expect(outcome).toEqual([
      1,
      'relation "no_such_table" does not exist',
      2,
      3,
      'relation "no_such_table_either" does not exist',
      4,
    ]);
    expect((await pool.query('SELECT 5 AS n')).rows[0].n).toBe(5);
  });

  it('runs a query started from the callback of a failed one', async () => {
    const pool = getDb().db.pool;
    const next = await new Promise<string>((resolve) => {
      pool.query('SELECT * FROM no_such_table', () => {
        pool.query('SELECT 1 AS n', (error: Error | undefined, result: { rows: { n: number }[] }) =>
          resolve(error ? error.message : `n = ${result.rows[0]?.n}`),
        );
      });
    });
    expect(next).toBe('n = 1');
  });

  // The embedded pool only: a native pool replaces a failed query's client, as pg-pool does.
  it.runIf(process.env.TEST_BACKEND === 'pglite')(
    'keeps its connection after a server error (PGlite reports them with its own error class)',
    async () => {
      const pool = getDb().db.pool;
      const before = await pool.connect();
      before.release();
      await expect(pool.query("SELECT 'x'::bigint")).rejects.toMatchObject({ code: '22P02' });
      const after = await pool.connect();
      after.release();
      // The same client: ending it would have ended the one connection every client of the pool shares.
      expect(after).toBe(before);
    },
  );

  it('leaves a transaction on another client untouched', async () => {
    const pool = getDb().db.pool;
    await pool.query('CREATE TABLE IF NOT EXISTS pool_errors_probe (v int)');
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('INSERT INTO pool_errors_probe VALUES (1)');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const [failed, counted] = await Promise.allSettled([
      pool.query('SELECT * FROM no_such_table'),
      pool.query('SELECT count(*)::int AS n FROM pool_errors_probe'),
    ]);
    expect(failed.status).toBe('rejected');
    expect(counted.status === 'fulfilled' && counted.value.rows[0].n).toBe(1);
  });
});
