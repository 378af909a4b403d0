import type pg from 'pg';

/**
 * Words of random letters from a seeded generator, so that a test's text does not compress (as minutes'
 * names and numbers mostly do not): each call continues the sequence.
 */
export function incompressibleWords(seed: number): (count: number) => string {
  let state = seed;
  const word = () =>
    Array.from({ length: 4 + (state % 5) }, () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return String.fromCharCode(97 + (state % 26));
    }).join('');
  return (count) => Array.from({ length: count }, word).join(' ');
}

/** Sizes of the values stored out of line for chunks (bytes each), largest first. */
export async function toastedValueSizes(pool: pg.Pool): Promise<number[]> {
  const { rows } = await pool.query<{ toast: string }>(
    "SELECT reltoastrelid::regclass::text AS toast FROM pg_class WHERE oid = 'chunks'::regclass",
  );
  const sizes = await pool.query<{ size: number }>(
    `SELECT sum(length(chunk_data))::int AS size FROM ${rows[0]!.toast} GROUP BY chunk_id ORDER BY 1 DESC`,
  );
  return sizes.rows.map((row) => row.size);
}
