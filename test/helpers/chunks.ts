import type pg from 'pg';
import { insertDocument } from '../../src/db/documents.ts';
import { glossText, glossVersion } from '../../src/text/gloss.ts';

/**
 * One public English document whose chunks are `texts`, in order, with their English gloss and no
 * vectors (as before a reindex): a table of known term frequencies for the full-text tests, written in
 * one statement (thousands of chunks in well under a second). Each distinct text is glossed once.
 * Returns the id of the first chunk of each text.
 */
export async function insertGlossedChunks(
  pool: pg.Pool,
  slug: string,
  texts: string[],
): Promise<Map<string, number>> {
  const documentId = await insertDocument(pool, {
    sourceUri: `/minutes/${slug}.txt`,
    title: slug[0]!.toUpperCase() + slug.slice(1),
    language: 'en',
    publishedOn: null,
    content: 'generated',
    contentHash: slug,
    channelId: null,
    visibility: 'public',
    ingestedBy: null,
    metadata: {},
  });
  const glosses = new Map([...new Set(texts)].map((text) => [text, glossText(text, 'en')] as const));
  await pool.query(
    `INSERT INTO chunks (document_id, ord, text, start_char, end_char, language, lang_config, gloss, gloss_version)
     SELECT $1, ord - 1, text, 0, length(text), 'en', 'english', to_tsvector('english', gloss), $4
       FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS t(text, gloss, ord)`,
    [documentId, texts, texts.map((text) => glosses.get(text)!), glossVersion()],
  );
  const { rows } = await pool.query<{ id: string; text: string }>(
    'SELECT min(id) AS id, text FROM chunks WHERE document_id = $1 GROUP BY text',
    [documentId],
  );
  return new Map(rows.map((row) => [row.text, Number(row.id)]));
}
