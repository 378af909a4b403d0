import type { Queryable } from '../db/pool.ts';
import { textSearchConfig } from '../ingest/language.ts';
import { type DocumentFilter, documentConditions } from './filters.ts';

export interface LexicalCandidate {
  chunkId: number;
  score: number;
}

const HAN = /\p{Script=Han}/u;

/**
 * Full-text candidates. The query is parsed with the text-search config of every language present
 * (each chunk is matched with the query parsed in its own config) as an OR of its words, so that an
 * English question finds French text through shared names and numbers instead of failing on "what".
 * Words that are stop words in the question's own language are dropped first; alias variants are
 * OR'ed in as phrases. Ranked by cover density.
 */
export async function lexicalSearch(
  db: Queryable,
  query: string,
  variants: string[],
  queryConfig: string,
  limit: number,
  filter: DocumentFilter,
): Promise<LexicalCandidate[]> {
  const words = [...new Set(terms(query).map((term) => term.toLowerCase()))];
  const kept = await dropStopWords(db, words, queryConfig);
  const clauses = [
    ...kept.map((word) => phrase([word])),
    ...variants.map((variant) => phrase(terms(variant).map((term) => term.toLowerCase()))),
  ].filter(Boolean);
  if (clauses.length === 0) return [];
  const tsquery = [...new Set(clauses)].join(' | ');
  const configs = await configsInUse(db, queryConfig);
  const where = documentConditions(filter, 4);
  const { rows } = await db.query<{ id: string; score: number }>(
    `WITH queries AS (
       SELECT config::regconfig AS config, to_tsquery(config::regconfig, $1) AS query
         FROM unnest($3::text[]) AS config
     )
     SELECT c.id, ts_rank_cd(c.tsv, q.query, 1) AS score
       FROM queries q
       JOIN chunks c ON c.lang_config = q.config AND c.tsv @@ q.query
       JOIN documents d ON d.id = c.document_id
      WHERE numnode(q.query) > 0 AND ${where.sql}
      ORDER BY score DESC, c.id
      LIMIT $2`,
    [tsquery, limit, configs, ...where.params],
  );
  return rows.map((row) => ({ chunkId: Number(row.id), score: Number(row.score) }));
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

/** Text-search configs of the languages stored (documents and their mixed-language chunks) and of the query. */
async function configsInUse(db: Queryable, queryConfig: string): Promise<string[]> {
  const { rows } = await db.query<{ language: string }>(
    `SELECT language FROM documents
     UNION SELECT jsonb_array_elements_text(metadata -> 'languages') FROM documents`,
  );
  return [...new Set(['simple', queryConfig, ...rows.map((row) => textSearchConfig(row.language))])];
}

async function dropStopWords(db: Queryable, words: string[], config: string): Promise<string[]> {
  if (words.length === 0 || config === 'simple') return words;
  const { rows } = await db.query<{ word: string }>(
    `SELECT word FROM unnest($1::text[]) WITH ORDINALITY AS t(word, n)
      WHERE to_tsvector($2::regconfig, word) <> ''::tsvector ORDER BY n`,
    [words, config],
  );
  return rows.map((row) => row.word);
}
