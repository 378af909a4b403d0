import { readFile } from 'node:fs/promises';
import { corpusChanged } from './corpus-cache.ts';
import type { Queryable } from './pool.ts';

export interface AliasGroup {
  canonical: string;
  /** Every variant, the canonical name included. */
  aliases: string[];
}

/** Adds groups; existing rows are kept (idempotent). Each group's canonical name is also one of its aliases. */
export async function insertAliasGroups(db: Queryable, groups: AliasGroup[]): Promise<number> {
  const canonicals: string[] = [];
  const aliases: string[] = [];
  for (const group of groups) {
    for (const alias of new Set([group.canonical, ...group.aliases])) {
      canonicals.push(group.canonical);
      aliases.push(alias);
    }
  }
  if (aliases.length === 0) return 0;
  const { rowCount } = await db.query(
    `INSERT INTO aliases (canonical, alias)
     SELECT * FROM unnest($1::text[], $2::text[])
     ON CONFLICT DO NOTHING`,
    [canonicals, aliases],
  );
  corpusChanged();
  return rowCount ?? 0;
}

export async function listAliasGroups(db: Queryable): Promise<AliasGroup[]> {
  const { rows } = await db.query<{ canonical: string; aliases: string[] }>(
    `SELECT canonical, array_agg(alias ORDER BY alias = canonical DESC, created_at, alias) AS aliases
       FROM aliases GROUP BY canonical ORDER BY lower(canonical)`,
  );
  return rows;
}

/** The canonical name of the group an alias belongs to (case-insensitive), if any. */
export async function canonicalOf(db: Queryable, alias: string): Promise<string | undefined> {
  const { rows } = await db.query<{ canonical: string }>(
    'SELECT canonical FROM aliases WHERE lower(alias) = lower($1) ORDER BY created_at LIMIT 1',
    [alias],
  );
  return rows[0]?.canonical;
}

export const ALIASES_FILE = new URL('../../data-files/aliases.json', import.meta.url);

/** Reads data-files/aliases.json: `{ "groups": [["Guangxi", "Quảng Tây", "广西"], …] }`, canonical first. */
export async function readAliasFile(file: URL | string = ALIASES_FILE): Promise<AliasGroup[]> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as { groups?: unknown };
  if (!Array.isArray(parsed.groups)) throw new Error(`${String(file)}: expected { "groups": [[…], …] }`);
  return parsed.groups.map((group, index) => {
    if (
      !Array.isArray(group) ||
      group.length < 2 ||
      !group.every((name) => typeof name === 'string' && name.trim())
    ) {
      throw new Error(`${String(file)}: group ${index + 1} must list at least two non-empty names`);
    }
    const names = group.map((name: string) => name.trim().normalize('NFC'));
    return { canonical: names[0]!, aliases: names };
  });
}

/** Seeds the aliases table from the data file; rows already there (or added by users) are kept. */
export async function seedAliases(db: Queryable, file: URL | string = ALIASES_FILE): Promise<number> {
  return insertAliasGroups(db, await readAliasFile(file));
}
