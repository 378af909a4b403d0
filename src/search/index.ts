import type { AppContext } from '../context.ts';
import { ensureEmbeddingModel } from '../db/chunks.ts';
import { type ChunkHitRow, chunkHits } from '../db/search.ts';
import { detectLanguage, textSearchConfig } from '../text/language.ts';
import { findAliasMatches, withAliasSpellings } from './aliases.ts';
import { constraintsHeld, questionConstraints, rankByConstraints } from './constraints.ts';
import { denseSearch } from './dense.ts';
import { reciprocalRankFusion } from './fuse.ts';
import { glossSearch } from './gloss.ts';
import { lexicalSearch } from './lexical.ts';

export { expandAliases } from './aliases.ts';

export interface SearchOptions {
  /** Chunks returned (default 10). */
  k?: number;
  /** At most this many chunks of one document (default 2). */
  perDocument?: number;
  /** Public documents plus the private documents of this channel; unset: public documents only. */
  channelId?: string | null;
  /** Only documents in these languages (ISO 639-1). */
  languages?: string[];
  /** published_on range, YYYY-MM-DD, inclusive; undated documents are left out when set. */
  from?: string;
  to?: string;
  /** When collapsing a translation group, keep the member in this language if present. */
  preferLanguage?: string;
}

/** A retrieved chunk with its document, and how each retriever ranked it. */
export interface SearchHit extends ChunkHitRow {
  /** Fused reciprocal-rank score. */
  score: number;
  denseRank: number | null;
  lexicalRank: number | null;
  lexicalScore: number | null;
  /** Rank in the cross-lingual gloss retriever (src/search/gloss.ts), null when absent. */
  glossRank: number | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Weights of the three retrievers in the fusion, and its rank constant. The gloss retriever is the
 * only one that meets a question in one language with evidence in another: dense search with the
 * offline embedder (character n-grams) and lexical search match shared names only, so across
 * languages their lists are mostly noise that would drown the gloss's. Measured on the dev set
 * (eval/, 107 answerable questions, a source among the top 5 documents): gloss alone 0.75, equal
 * weights with k = 60 0.61, these weights 0.75 with same-language questions kept at 1.00. A small k
 * lets a retriever's first ranks count more than agreement far down the lists.
 */
const DENSE_WEIGHT = 0.5;
const LEXICAL_WEIGHT = 1;
const GLOSS_WEIGHT = 4;
const FUSION_K = 10;

/**
 * Hybrid search: dense (HNSW, cosine) and lexical (full text in each chunk's language config) over
 * the query expanded with its aliases, fused by reciprocal rank, at most `perDocument` chunks per
 * document, translations of one article collapsed to one member, filtered by channel, language and
 * date.
 */
export async function search(
  ctx: AppContext,
  query: string,
  options: SearchOptions = {},
): Promise<SearchHit[]> {
  const k = Math.max(1, Math.floor(options.k ?? 10));
  const perDocument = Math.max(1, Math.floor(options.perDocument ?? 2));
  for (const [name, value] of [
    ['from', options.from],
    ['to', options.to],
  ] as const) {
    if (value !== undefined && !DATE.test(value)) throw new RangeError(`${name} must be a date YYYY-MM-DD`);
  }
  const text = query.normalize('NFC').trim();
  if (!text) return [];
  const pool = ctx.db.pool;
  const filter = {
    channelId: options.channelId,
    languages: options.languages,
    from: options.from,
    to: options.to,
  };
  const matches = await findAliasMatches(pool, text);
  const expanded = withAliasSpellings(text, matches);
  const { embedder } = ctx;
  await ensureEmbeddingModel(pool, embedder.model, embedder.dims);
  const [vector] = await embedder.embed([expanded]);
  const candidates = Math.max(50, k * perDocument * 3);
  const queryLanguage = detectLanguage(text);
  const [dense, lexical, glossed] = await Promise.all([
    denseSearch(pool, embedder.model, embedder.dims, vector!, candidates, filter),
    lexicalSearch(pool, text, matches, textSearchConfig(queryLanguage), candidates, filter),
    glossSearch(pool, expanded, queryLanguage, candidates, filter),
  ]);
  const fused = reciprocalRankFusion(
    [dense.map((hit) => hit.chunkId), lexical.map((hit) => hit.chunkId), glossed.map((hit) => hit.chunkId)],
    FUSION_K,
    [DENSE_WEIGHT, LEXICAL_WEIGHT, GLOSS_WEIGHT],
  );
  if (fused.length === 0) return [];
  const similarity = new Map(dense.map((hit) => [hit.chunkId, hit.similarity]));
  const lexicalScore = new Map(lexical.map((hit) => [hit.chunkId, hit.score]));
  const ids = fused.map((entry) => entry.id);
  const constraints = questionConstraints(text);
  // The chunks, and which constraints their documents meet, read at the same time.
  const [hitRows, held] = await Promise.all([
    chunkHits(pool, ids, vector!, embedder.model, embedder.dims),
    constraints.length > 0 ? constraintsHeld(pool, ids, constraints) : new Map<number, Set<string>>(),
  ]);
  const rows = new Map(hitRows.map((row) => [row.chunkId, row]));
  const hits: SearchHit[] = [];
  for (const entry of fused) {
    const row = rows.get(entry.id);
    if (!row) continue;
    hits.push({
      ...row,
      score: entry.score,
      denseRank: entry.ranks[0] ?? null,
      lexicalRank: entry.ranks[1] ?? null,
      glossRank: entry.ranks[2] ?? null,
      denseSimilarity: similarity.get(entry.id) ?? row.denseSimilarity,
      lexicalScore: lexicalScore.get(entry.id) ?? null,
    });
  }
  const ranked = rankByConstraints(hits, constraints, held);
  return collapseTranslations(limitPerDocument(ranked, perDocument), options.preferLanguage).slice(0, k);
}

/** Keeps the best `limit` chunks of each document so one long document cannot fill the list. */
export function limitPerDocument<T extends { documentId: number }>(hits: T[], limit: number): T[] {
  const counts = new Map<number, number>();
  return hits.filter((hit) => {
    const count = counts.get(hit.documentId) ?? 0;
    counts.set(hit.documentId, count + 1);
    return count < limit;
  });
}

/**
 * Translations of one article count as one source: of each translation group only one document's
 * chunks remain, the one in `preferLanguage` when present, else the best-ranked one. Order is kept.
 */
export function collapseTranslations<
  T extends { documentId: number; translationGroup: number | null; language: string },
>(hits: T[], preferLanguage?: string): T[] {
  const keep = new Map<number, { documentId: number; language: string }>();
  for (const hit of hits) {
    if (hit.translationGroup === null) continue;
    const kept = keep.get(hit.translationGroup);
    const better = preferLanguage && hit.language === preferLanguage && kept?.language !== preferLanguage;
    if (!kept || better)
      keep.set(hit.translationGroup, { documentId: hit.documentId, language: hit.language });
  }
  return hits.filter(
    (hit) => hit.translationGroup === null || keep.get(hit.translationGroup)?.documentId === hit.documentId,
  );
}
