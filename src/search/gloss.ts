import type { Queryable } from '../db/pool.ts';
import {
  chunkCount,
  type DocumentFilter,
  glossDocumentFrequencies,
  parseTextQueries,
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
  const lexemes = await englishLexemes(db, words);
  if (lexemes.length === 0) return [];
  const { shares, rows } = await textSearchStats(db, 'gloss');
  const total = Math.max(rows, await chunkCount(db), 1);
  const unknown = lexemes.filter((lexeme) => !shares.has(lexeme));
  const counted = new Map<string, number>();
  if (unknown.length > 0) {
    const frequencies = await glossDocumentFrequencies(db, unknown.map(quote));
    for (const [index, lexeme] of unknown.entries()) counted.set(lexeme, frequencies[index]!);
  }
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

/** The english-config lexemes of the gloss words (stop words dropped, stems kept once). */
async function englishLexemes(db: Queryable, words: string[]): Promise<string[]> {
  const parsed = await parseTextQueries(db, words.map(quote), ['english']);
  const lexemes = new Set<string>();
  for (const row of parsed) {
    for (const match of row.lexemes.matchAll(/'((?:[^']|'')*)'/g)) lexemes.add(match[1]!.replace(/''/g, "'"));
  }
  return [...lexemes];
}
