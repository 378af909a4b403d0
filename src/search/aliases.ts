import { type AliasGroup, canonicalOf, insertAliasGroups, listAliasGroups } from '../db/aliases.ts';
import { cachedFact } from '../db/corpus-cache.ts';
import type { Queryable } from '../db/pool.ts';
import { foldSpaced } from '../text/fold.ts';

/**
 * Adds names to a group. The first name is the canonical one, unless it already belongs to a group:
 * then the other names join that group. Returns the resulting group.
 */
export async function addAliases(db: Queryable, names: string[]): Promise<AliasGroup> {
  const clean = [...new Set(names.map((name) => name.trim().normalize('NFC')).filter(Boolean))];
  if (clean.length === 0) throw new Error('no names given');
  let canonical = clean[0]!;
  for (const name of clean) {
    const existing = await canonicalOf(db, name);
    if (existing) {
      canonical = existing;
      break;
    }
  }
  await insertAliasGroups(db, [{ canonical, aliases: clean }]);
  const groups = await listAliasGroups(db);
  return groups.find((group) => group.canonical === canonical) ?? { canonical, aliases: clean };
}

export { listAliasGroups, seedAliases } from '../db/aliases.ts';

export interface AliasMatch {
  canonical: string;
  /** The spelling found in the query. */
  matched: string;
  /** Every variant of the group, the matched one included. */
  variants: string[];
}

/**
 * The alias groups a query mentions. Matching ignores case and diacritics ("nguyen xuan thang" finds
 * "Nguyễn Xuân Thắng") at word boundaries; short all-capital aliases ("AI", "IA") must match exactly so
 * that the Vietnamese word "ai" (who) does not; Chinese names match as substrings (no word spaces).
 */
export async function findAliasMatches(db: Queryable, query: string): Promise<AliasMatch[]> {
  const groups = await aliasGroups(db);
  const foldedQuery = foldSpaced(query);
  const matches: AliasMatch[] = [];
  for (const group of groups) {
    const matched = group.aliases.find((alias) => mentions(query, foldedQuery, alias));
    if (matched) matches.push({ canonical: group.canonical, matched, variants: group.aliases });
  }
  return matches;
}

/** Every spelling of every alias group the query mentions (the mentioned spellings included). */
export async function expandAliases(db: Queryable, query: string): Promise<string[]> {
  return spellingsOf(await findAliasMatches(db, query));
}

/** Every spelling of the alias groups of `matches`, each once. */
function spellingsOf(matches: AliasMatch[]): string[] {
  return [...new Set(matches.flatMap((match) => match.variants))];
}

/**
 * The query as the dense and gloss retrievers read it: the query, then each spelling of the alias groups
 * it mentions (`matches`: findAliasMatches) that it does not already hold, joined by " ; ".
 */
export function withAliasSpellings(query: string, matches: AliasMatch[]): string {
  return [
    query,
    ...spellingsOf(matches).filter((spelling) => spelling !== query && !query.includes(spelling)),
  ].join(' ; ');
}

function mentions(query: string, foldedQuery: string, alias: string): boolean {
  let matcher = matchers.get(alias);
  if (!matcher) {
    matcher = compileMatcher(alias);
    // Aliases are few (a table a person curates); the bound only guards against a runaway table.
    if (matchers.size >= MAX_MATCHERS) matchers.clear();
    matchers.set(alias, matcher);
  }
  return matcher(query, foldedQuery);
}

/** Compiled matchers by alias: each alias's pattern is built once per process, not once per query. */
const matchers = new Map<string, (query: string, foldedQuery: string) => boolean>();
const MAX_MATCHERS = 10_000;

function compileMatcher(alias: string): (query: string, foldedQuery: string) => boolean {
  if (/^\p{Lu}{1,3}$/u.test(alias)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${alias}(?![\\p{L}\\p{N}])`, 'u');
    return (query) => pattern.test(query);
  }
  if (/\p{Script=Han}/u.test(alias)) return (query) => query.includes(alias);
  const folded = foldSpaced(alias);
  if (!folded) return () => false;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(folded)}(?![\\p{L}\\p{N}])`, 'u');
  return (_query, foldedQuery) => pattern.test(foldedQuery);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const ALIASES_TTL_MS = 60_000;

/**
 * The alias groups, kept in the process until an alias is added here, or a minute (another process
 * adding one: src/db/corpus-cache.ts). A table a person curates, read by every search.
 */
function aliasGroups(db: Queryable): Promise<AliasGroup[]> {
  return cachedFact(db, 'alias groups', ALIASES_TTL_MS, () => listAliasGroups(db));
}
