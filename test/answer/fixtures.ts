import { readdirSync, readFileSync } from 'node:fs';
import type { RetrievedPassage } from '../../src/answer/answer.ts';
import { conceptCoverage, GlossedText, profileQuestion } from '../../src/answer/relevance.ts';

const SAMPLES = new URL('../../samples/minutes/', import.meta.url);

/** The seed articles cut into paragraphs, as chunks with offsets into each file (000 and 004 are translations). */
export function seedPassages(): RetrievedPassage[] {
  const passages: RetrievedPassage[] = [];
  const files = readdirSync(SAMPLES)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  for (const [fileIndex, name] of files.entries()) {
    const content = readFileSync(new URL(name, SAMPLES), 'utf8');
    const language = name.startsWith('004') ? 'sv' : 'fr';
    for (const match of content.matchAll(/[^\n]+/g)) {
      if (match[0].trim().length < 40) continue;
      passages.push({
        chunkId: passages.length + 1,
        documentId: fileIndex + 1,
        title: name,
        sourceUri: `samples/minutes/${name}`,
        language,
        publishedOn: '2025-02-21',
        translationGroup: name.startsWith('004') ? 1 : fileIndex + 1,
        text: match[0],
        startChar: match.index,
        endChar: match.index + match[0].length,
      });
    }
  }
  return passages;
}

/** A stand-in for hybrid search in unit tests: paragraphs ranked by how much of the query they mention. */
export function rankByOverlap(passages: RetrievedPassage[], query: string, k = 8): RetrievedPassage[] {
  const question = profileQuestion(query, 'en');
  return passages
    .map((passage) => {
      const text = new GlossedText(passage.text, passage.language);
      const named = question.entities.filter((entity) => text.names(entity)).length;
      return { passage, score: 2 * conceptCoverage(question, text, text) + named };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((entry) => entry.passage);
}

export function documentText(passage: RetrievedPassage): string {
  return readFileSync(new URL(passage.title, SAMPLES), 'utf8');
}
