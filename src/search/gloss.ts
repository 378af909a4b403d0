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
 * others are counted with the index, up to one more than the count that makes a lexeme common
 * (beyond it a lexeme only ranks, and its weight is estimated: cappedLexemeFrequency).
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
  const total = Math.max(rows, 1);
  // A lexeme in more than 20% of chunks, or in more than 2,000, only ranks: it does not select (as in
  // lexical search), so that the chunks read per query stay bounded as the corpus grows.
  const common = Math.min(COMMON_TERM_SHARE * total, COMMON_TERM_ROWS);
  // Counting a lexeme reads a heap page per chunk: counts stop at the first one that makes it common.
  const cap = Math.floor(common) + 1;
  // One statement: the words' lexemes, and how many chunks hold each one the statistics do not know.
  const parsed = await glossLexemeFrequencies(db, words, [...shares.keys()], cap);
  const lexemes = parsed.map((entry) => entry.lexeme);
  if (lexemes.length === 0) return [];
  // No lexeme the statistics leave out is in more chunks than the least frequent one they list.
  const bound = shares.size > 0 ? Math.min(...shares.values()) * total : total;
  const counted = new Map<string, number>();
  for (const entry of parsed)
    if (entry.chunks !== null)
      counted.set(entry.lexeme, entry.chunks < cap ? entry.chunks : cappedLexemeFrequency(cap, bound));
  const frequency = (lexeme: string) => counted.get(lexeme) ?? (shares.get(lexeme) ?? 0) * total;
  const present = lexemes.filter((lexeme) => frequency(lexeme) > 0);
  if (present.length === 0) return [];
  const weights = present.map((lexeme) => {
    const n = frequency(lexeme);
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  });
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

/**
 * The number of chunks assumed for a lexeme counted up to `cap` (so in at least that many) that ANALYZE
 * does not list (so in at most `bound`, the least frequent lexeme it lists): the geometric mean of the
 * two, halfway between them on the log scale its IDF weight works on, so the weight is off by at most
 * half the weights' spread between the bounds. It stays between the weight of any counted lexeme and
 * that of any listed one: a rare word still outweighs it, and it outweighs a frequent one. (At 1M
 * chunks: cap 2,001, bound ≈ 25,000, estimate ≈ 7,100.) A bound below the cap (ANALYZE's sample
 * missed this lexeme's share) gives the cap.
 */
export function cappedLexemeFrequency(cap: number, bound: number): number {
  return Math.sqrt(cap * Math.max(cap, bound));
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
