import type { NewChunk } from '../db/chunks.ts';
import { glossText } from '../text/gloss.ts';
import { detectLanguage, textSearchConfig } from '../text/language.ts';
import { chunkText } from './chunk.ts';
import { cleanText } from './clean.ts';
import { type Fingerprint, fingerprint } from './dedupe.ts';
import { type LoadedDocument, SkipError } from './loaders/types.ts';
import { findPublishedDate, findTitle } from './metadata.ts';

/** A document ready to be stored: its text cleaned and cut into glossed chunks, its metadata found. */
export interface Prepared {
  content: string;
  title: string;
  language: string;
  publishedOn: string | null;
  chunks: Omit<NewChunk, 'embedding'>[];
  fingerprint: Fingerprint;
  metadata: Record<string, unknown>;
}

/**
 * Cleaning, language, metadata and chunking: everything that needs no database. Pure (plain data in
 * and out), so that a batch can run it in a worker thread (./preparer.ts). Throws SkipError for a
 * document without text.
 */
export function prepare(loaded: LoadedDocument, name: string, order: 'DMY' | 'MDY'): Prepared {
  const { content, dateHints } = cleanText(loaded.text);
  if (!/[\p{L}\p{N}]/u.test(content)) throw new SkipError('no text found');
  const detected = detectLanguage(content);
  const language = detected !== 'und' ? detected : (loaded.language ?? 'und');
  const chunks = chunkText(content, { language }).map((chunk) => {
    const own = detectLanguage(chunk.text);
    // Mixed documents: a chunk clearly in another language gets that language's text-search config.
    const chunkLanguage = own !== 'und' ? own : language;
    return {
      ord: chunk.ord,
      text: chunk.text,
      startChar: chunk.startChar,
      endChar: chunk.endChar,
      language: chunkLanguage,
      langConfig: textSearchConfig(chunkLanguage),
      gloss: glossText(chunk.text, chunkLanguage),
    };
  });
  const print = fingerprint(content);
  return {
    content,
    title: findTitle(content, loaded.title, name.replace(/\.[^.]+$/, '')),
    language,
    publishedOn: findPublishedDate({ declared: loaded.date, hints: dateHints, content, order }),
    chunks,
    fingerprint: print,
    metadata: {
      format: loaded.format,
      fingerprint: print,
      // Chunk languages, so that search parses queries with every text-search config in use.
      languages: [...new Set(chunks.map((chunk) => chunk.language))],
      ...(loaded.metadata ?? {}),
    },
  };
}
