import type pg from 'pg';
import { cachedFact } from '../db/corpus-cache.ts';
import type { Queryable } from '../db/pool.ts';
import {
  type DocumentFilter,
  parseQueryTerms,
  rankedTextMatches,
  storedLanguages,
  textSearchStats,
  withoutSequentialScans,
} from '../db/search.ts';
import { fold } from '../text/fold.ts';
import { textSearchConfig } from '../text/language.ts';

export interface LexicalCandidate {
  chunkId: number;
  score: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * A concept in more than this share of chunks, or in more than COMMON_TERM_ROWS of them, does not
 * select: it only ranks (see lexicalSearch). The row bound keeps the work per query flat as the
 * corpus grows: ranking costs about 1 ms per 150 matches.
 */
export const COMMON_TERM_SHARE = 0.2;
export const COMMON_TERM_ROWS = 2000;
/**
 * At most this many matches are ranked per query: when the filter is in at least COMMON_TERM_SHARE
 * of chunks (by ANALYZE's statistics), the newest, read from the primary key backwards instead of as
 * a bitmap of all their chunks; otherwise the first the GIN index gives (rankedTextMatches).
 */
export const CANDIDATE_CAP = 1000;

/**
 * Full-text candidates. The query is parsed with the text-search config of every language present
 * (the readings OR'ed into one tsquery; a chunk's tsv holds its own config's lexemes, so it meets its
 * own reading) as an OR of its words, so that an
 * English question finds French text through shared names and numbers instead of failing on "what".
 * Words that are stop words in the question's own language are dropped first; every spelling of the
 * alias groups the query names is OR'ed in as a phrase. Ranked by ts_rank (term frequency,
 * length-normalised).
 *
 * Cost control (bench/scale.ts, up to 1M chunks): a concept (a word, or an alias group) found in more
 * than 20% of chunks, or in more than 2,000 of them (Postgres's own statistics of the tsv column,
 * pg_stats.most_common_elems), still counts in the rank but does not select chunks when the query has
 * rarer concepts, the way IDF makes it near-worthless in BM25. A query made only of common concepts
 * selects the chunks holding all of them, then any of them. At most CANDIDATE_CAP matches are ranked
 * (when common concepts select, the newest: rankedTextMatches), so no query ranks, or even reads,
 * every chunk of a word that is in most of them.
 */
export async function lexicalSearch(
  db: pg.Pool,
  query: string,
  aliases: { matched: string; variants: string[] }[],
  queryConfig: string,
  limit: number,
  filter: DocumentFilter,
): Promise<LexicalCandidate[]> {
  // Concepts: each alias group the query names (all its spellings), then each remaining word.
  // Aliases match accent- and case-insensitively ("Quảng Tây" names the alias "Quang Tay"): so do
  // the words they take out of the query.
  const named = new Set(aliases.flatMap((alias) => terms(alias.matched).map((term) => fold(term))));
  const words = [...new Set(terms(query).map((term) => term.toLowerCase()))].filter(
    (word) => !named.has(fold(word)),
  );
  const aliasConcepts = aliases
    .map((alias) =>
      [
        ...new Set(alias.variants.map((variant) => phrase(terms(variant).map((term) => term.toLowerCase())))),
      ].filter(Boolean),
    )
    .filter((operands) => operands.length > 0);
  if (aliasConcepts.length === 0 && words.length === 0) return [];
  const [configs, stats] = await Promise.all([configsInUse(db), lexemeShares(db)]);
  if (configs.length === 0) return [];
  // One statement parses everything: which words are stop words in the question's language (they are
  // dropped), and how every operand reads in every config in use (the shares and the tsqueries below).
  const wordOperands = words.map((word) => phrase([word]));
  const parsedOperands = [...new Set([...aliasConcepts.flat(), ...wordOperands])];
  const { stopWords, parses } = await parseQueryTerms(
    db,
    words,
    queryConfig === 'simple' ? null : queryConfig,
    parsedOperands,
    configs,
  );
  const readings = new Map<string, Map<string, string>>();
  for (const { index, config, lexemes } of parses) {
    const operand = parsedOperands[index]!;
    const byConfig = readings.get(operand) ?? new Map<string, string>();
    byConfig.set(config, lexemes);
    readings.set(operand, byConfig);
  }
  const concepts = [
    ...aliasConcepts,
    ...wordOperands.filter((operand, i) => operand && !stopWords.has(i)).map((operand) => [operand]),
  ];
  const operands = [...new Set(concepts.flat())];
  if (operands.length === 0) return [];
  const shares = operandShares(operands, readings, stats.shares);
  const threshold = Math.min(COMMON_TERM_SHARE, COMMON_TERM_ROWS / Math.max(stats.rows, 1));
  // A concept is as common as its commonest spelling (its matches are about the union of them).
  const shareOf = (concept: string[]) => Math.max(...concept.map((operand) => shares.get(operand) ?? 0));
  const selective = concepts.filter((concept) => shareOf(concept) <= threshold).flat();
  // Each query as every config in use reads it (see tsqueriesInConfigs).
  const read = (groups: string[][]) => tsqueriesInConfigs(groups, configs, readings);
  const rankParts = read([operands]);
  if (rankParts.length === 0) return [];
  const rankQuery = rankParts.map((part) => `(${part})`).join(' | ');
  // Every ranking statement on one client that does not scan chunks sequentially (the planner would
  // for a rare filter of words it has no statistics for: see withoutSequentialScans).
  return withoutSequentialScans(db, async (client) => {
    const ranked = async (groups: string[][], kind: 'rare' | 'common'): Promise<LexicalCandidate[]> => {
      const filterQueries = read(groups);
      if (filterQueries.length === 0) return [];
      const rows = await rankedTextMatches(
        client,
        { filter: filterQueries, rank: rankQuery, limit, cap: CANDIDATE_CAP, newest: kind === 'common' },
        filter,
      );
      return rows.map((row) => ({ chunkId: row.id, score: row.score }));
    };
    // Walking the newest chunks pays only for a filter in a good share of them (≤ 5 rows read per match).
    const kind = (share: number) => (share >= COMMON_TERM_SHARE ? 'common' : 'rare');
    const any = () => ranked([operands], kind(Math.max(...concepts.map(shareOf))));
    if (selective.length === 0) {
      // Only common concepts: the chunks holding all of them first (a conjunction is rarer than each
      // of its words: about the product of their shares), then, if they are too few, those holding any.
      const share = concepts.reduce((product, concept) => product * shareOf(concept), 1);
      const found = concepts.length > 1 ? await ranked(concepts, kind(share)) : [];
      if (found.length >= limit) return found;
      return merge(found, await any(), limit);
    }
    const found = await ranked([selective], 'rare');
    if (found.length >= limit) return found;
    // The rare concepts matched too little (a word that is in no chunk is "rare" too): fill up from all.
    return merge(found, await any(), limit);
  });
}

/** Two ranked lists as one, best first, each chunk once. */
function merge(first: LexicalCandidate[], second: LexicalCandidate[], limit: number): LexicalCandidate[] {
  const seen = new Set(first.map((hit) => hit.chunkId));
  return [...first, ...second.filter((hit) => !seen.has(hit.chunkId))]
    .sort((a, b) => b.score - a.score || a.chunkId - b.chunkId)
    .slice(0, limit);
}

/**
 * Tsqueries (as text) of which a chunk matches one when it holds, for each group, any of its operands,
 * as any config in use reads them: per config, the AND of the groups' ORs of that config's readings
 * (an operand that is only stop words there drops out, a group left empty too, as to_tsquery does).
 * Distinct readings only (a chunk's tsv holds its own config's lexemes, so it meets its own reading);
 * empty when nothing is left in any config.
 *
 * Readings that are conjunctions (more than one group) stay apart: one GIN scan each
 * (`tsv @@ ANY (…)`, OR'ed as a bitmap). GIN skips through posting lists only for lexemes that every
 * match needs, and in `(a & b) | (c & d)` there are none, so the OR of the readings read every list
 * whole (bench/scale.ts at 1M: 58 → 31 ms for a question read in three configs). Readings of one
 * group are OR'ed into one tsquery, as before: the scans would be the same, and a chunk the planner
 * tests one by one (walking an index) would have its tsv read out of TOAST once per element
 * (a question of alias spellings: 4 → 12 ms).
 */
function tsqueriesInConfigs(
  groups: string[][],
  configs: string[],
  readings: Map<string, Map<string, string>>,
): string[] {
  const inConfig = (config: string) =>
    groups
      .map((group) => [
        ...new Set(group.map((operand) => readings.get(operand)?.get(config) ?? '').filter(Boolean)),
      ])
      .filter((alternatives) => alternatives.length > 0)
      .map((alternatives) => `(${alternatives.map((part) => `(${part})`).join(' | ')})`);
  const perConfig = configs.map(inConfig).filter((parts) => parts.length > 0);
  if (perConfig.length === 0) return [];
  const conjunctions = perConfig.some((parts) => parts.length > 1);
  const distinct = [...new Set(perConfig.map((parts) => parts.join(' & ')))];
  return conjunctions ? distinct : [distinct.map((reading) => `(${reading})`).join(' | ')];
}

/**
 * Share of chunks holding each operand, at most, under the configs in use (0 when unknown or rare):
 * a phrase is as rare as its rarest word, an operand as common as its commonest reading.
 */
function operandShares(
  operands: string[],
  readings: Map<string, Map<string, string>>,
  lexemes: Map<string, number>,
): Map<string, number> {
  const result = new Map<string, number>();
  if (lexemes.size === 0) return result;
  for (const operand of operands) {
    for (const reading of readings.get(operand)?.values() ?? []) {
      const parsed = [...reading.matchAll(/'((?:[^']|'')*)'/g)].map((match) => match[1]!.replace(/''/g, "'"));
      if (parsed.length === 0) continue;
      const share = Math.min(...parsed.map((lexeme) => lexemes.get(lexeme) ?? 0));
      result.set(operand, Math.max(result.get(operand) ?? 0, share));
    }
  }
  return result;
}

const STATS_TTL_MS = 5 * 60_000;
const CONFIGS_TTL_MS = 60_000;

interface LexemeStats {
  /** Share of chunks containing each frequent lexeme. */
  shares: Map<string, number>;
  /** Estimated number of chunks. */
  rows: number;
}

/**
 * ANALYZE's statistics of the tsv column (empty before the first ANALYZE), kept in the process until
 * the next ANALYZE or ingestion here, or five minutes (src/db/corpus-cache.ts).
 */
function lexemeShares(db: Queryable): Promise<LexemeStats> {
  return cachedFact(db, 'tsv statistics', STATS_TTL_MS, () => textSearchStats(db, 'tsv'));
}

/** Words of a text; Chinese runs are cut into words (ICU dictionary), then into characters. */
function terms(text: string): string[] {
  const out: string[] = [];
  for (const token of text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!HAN.test(token)) {
      out.push(token);
      continue;
    }
    for (const { segment, isWordLike } of new Intl.Segmenter('zh', { granularity: 'word' }).segment(token)) {
      if (isWordLike) out.push(segment);
    }
  }
  return out;
}

/** A to_tsquery operand: one word, or words (and Chinese characters, indexed one by one) joined by <->. */
function phrase(words: string[]): string {
  const lexemes = words.flatMap((word) => (HAN.test(word) ? [...word] : [word]));
  if (lexemes.length === 0) return '';
  const quoted = lexemes.map((lexeme) => `'${lexeme.replace(/'/g, "''")}'`);
  return quoted.length === 1 ? quoted[0]! : `(${quoted.join(' <-> ')})`;
}

/**
 * Text-search configs of the languages stored (documents and their mixed-language chunks). Only
 * these: parsing the query with a config no chunk uses would scan the index for nothing. Kept in the
 * process until the next ingestion here, or a minute (src/db/corpus-cache.ts).
 */
function configsInUse(db: Queryable): Promise<string[]> {
  return cachedFact(db, 'text-search configs', CONFIGS_TTL_MS, async () => [
    ...new Set((await storedLanguages(db)).map(textSearchConfig)),
  ]);
}
