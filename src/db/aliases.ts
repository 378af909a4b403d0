import type { Queryable } from './pool.ts';

/** Every alias group: the canonical name followed by its variants. */
export async function listAliasGroups(db: Queryable): Promise<string[][]> {
  const { rows } = await db.query<{ canonical: string; aliases: string[] }>(
    'SELECT canonical, array_agg(alias ORDER BY alias) AS aliases FROM aliases GROUP BY canonical ORDER BY canonical',
  );
  return rows.map((row) => [row.canonical, ...row.aliases]);
}
