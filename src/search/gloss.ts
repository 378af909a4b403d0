import { cachedFact } from '../db/corpus-cache.ts';
import type { Queryable } from '../db/pool.ts';
import {
  chunkCount,
  type DocumentFilter,
  glossLexemeFrequencies,
  textSearchStats,
  weightedGlossMatches,
} from '../db/search.ts';
import { glossWords } from '../text/gloss.ts';
import { COMMON_TERM_ROWS, COMMON_TERM_SHARE, type LexicalCandidate } from './lexical.ts';

/**
 * Most matches scored when common lexemes select: the newest of them (weightedGlossMatches), read
 * along the primary key instead of as a bitmap of all their chunks.
 */
const CANDIDATE_CAP = 1000;

/**
 * Cross-lingual candidates: the question's English gloss against the chunks' glosses (src/text/gloss.ts),
 * each chunk scored by the IDF weights of the question's lexemes it holds, so that "Guangxi" (in most
 * chunks) counts little and "railway" much. Frequent lexemes are taken from ANALYZE's statistics; the
 * others are counted (they are rare, so the index answers fast).
 */
export async function glossSearch(
  db: Queryable,
  query: string,
  language: string,
  limit: number,
  filter: DocumentFilter,
): Promise<LexicalCandidate[]> {
  const words = [...new Set(glossWords(query, language))];
  if (words.length === 0) return [];
  const { shares, rows } = await glossStats(db);
  // One statement: the words' lexemes, and how many chunks hold each one the statistics do not know
  // (they are rare, so the index answers fast).
  const parsed = await glossLexemeFrequencies(db, words, [...shares.keys()]);
  const lexemes = parsed.map((entry) => entry.lexeme);
  if (lexemes.length === 0) return [];
  const total = Math.max(rows, 1);
  const counted = new Map<string, number>();
  for (const entry of parsed) if (entry.chunks !== null) counted.set(entry.lexeme, entry.chunks);
  const frequency = (lexeme: string) => counted.get(lexeme) ?? (shares.get(lexeme) ?? 0) * total;
  const present = lexemes.filter((lexeme) => frequency(lexeme) > 0);
  if (present.length === 0) return [];
  const weights = present.map((lexeme) => {
    const n = frequency(lexeme);
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  });
  // A lexeme in more than 20% of chunks, or in more than 2,000, only ranks: it does not select (as in
  // lexical search), so that the chunks read per query stay bounded as the corpus grows.
  const common = Math.min(COMMON_TERM_SHARE * total, COMMON_TERM_ROWS);
  const selective = present.filter((lexeme) => frequency(lexeme) <= common);
  const scored = { lexemes: present, weights, limit, cap: CANDIDATE_CAP };
  const orQuery = (list: string[]) => list.map(quote).join(' | ');
  // Rare lexemes select; when all are common, the chunks holding all of them (rarer than each) do.
  const first =
    selective.length > 0 ? orQuery(selective) : present.length > 1 ? present.map(quote).join(' & ') : null;
  // Rare lexemes' matches are all scored (their counts bound them); common ones' the newest CANDIDATE_CAP.
  const found = first
    ? await weightedGlossMatches(
        db,
        { ...scored, filterQuery: first, cap: selective.length > 0 ? null : CANDIDATE_CAP },
        filter,
      )
    : [];
  if (found.length < limit && (first === null || selective.length < present.length)) {
    // The selecting lexemes matched too little: fill up with the chunks that hold any.
    const seen = new Set(found.map((row) => row.id));
    const more = await weightedGlossMatches(db, { ...scored, filterQuery: orQuery(present) }, filter);
    found.push(...more.filter((row) => !seen.has(row.id)));
    // Stable: equal scores keep the order the database gave them (ts_rank, then id).
    found.sort((a, b) => b.score - a.score);
  }
  return found.slice(0, limit).map((row) => ({ chunkId: row.id, score: row.score }));
}

function quote(lexeme: string): string {
  return `'${lexeme.replace(/'/g, "''")}'`;
}

const STATS_TTL_MS = 5 * 60_000;

/**
 * ANALYZE's statistics of the gloss column and the number of chunks (the planner's estimate, or
 * counted before the first ANALYZE), kept in the process until the next ANALYZE or ingestion here, or
 * five minutes (src/db/corpus-cache.ts).
 */
function glossStats(db: Queryable): Promise<{ shares: Map<string, number>; rows: number }> {
  return cachedFact(db, 'gloss statistics', STATS_TTL_MS, async () => {
    const [stats, count] = await Promise.all([textSearchStats(db, 'gloss'), chunkCount(db)]);
    return { shares: stats.shares, rows: Math.max(stats.rows, count) };
  });
}
