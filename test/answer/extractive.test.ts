import { describe, expect, it } from 'vitest';
import { extractiveAnswer } from '../../src/answer/extractive.ts';
import { documentContexts, profileQuestion } from '../../src/answer/relevance.ts';
import { documentText, rankByOverlap, seedPassages } from './fixtures.ts';

const passages = seedPassages();
// As in answers: each passage is read in its document (years, ordinals and names stated around it).
const contexts = documentContexts(
  passages,
  new Map(passages.map((passage) => [passage.documentId, documentText(passage)])),
);

function ask(question: string) {
  return extractiveAnswer(profileQuestion(question, 'en'), rankByOverlap(passages, question), { contexts });
}

describe('extractive answers over the seed articles', () => {
  it('quotes the AI cooperation centre passage for "What did Guangxi propose on AI?"', () => {
    const result = ask('What did Guangxi propose on AI?');
    expect(result.citations.length).toBeGreaterThan(0);
    const quotes = result.citations.map((citation) => citation.quote).join('\n');
    expect(quotes).toMatch(
      /centre de coopération Chine-Vietnam en matière d’innovation en intelligence artificielle|centrum för innovationssamarbete inom artificiell intelligens/,
    );
    for (const citation of result.citations) {
      expect(result.answer).toContain(`[${citation.n}]`);
      expect(documentText(citation.passage).slice(citation.startChar, citation.endChar)).toBe(citation.quote);
    }
  });

  it('finds the 2022 trade figure for an English question over a French article', () => {
    const question =
      'What was the total import-export turnover between the border provinces and Guangxi in 2022?';
    const figure = passages.find((passage) => passage.text.includes('72,2 milliards'))!;
    const hits = rankByOverlap(passages, question, 5).filter((passage) => passage !== figure);
    hits.splice(2, 0, figure);
    const result = extractiveAnswer(profileQuestion(question, 'en'), hits, { contexts });
    expect(result.citations.map((citation) => citation.quote).join(' ')).toContain('72,2 milliards');
  });

  it('abstains on the budget of the AI centre: no amount is stated anywhere', () => {
    expect(ask('What was the budget of the AI centre?').citations).toEqual([]);
    expect(ask('What was the budget allocated to the AI cooperation center?').citations).toEqual([]);
  });

  it('abstains when the topic is absent even though the names are everywhere', () => {
    expect(ask('Who won the 2024 football match between Guangxi and Quang Ninh?').citations).toEqual([]);
  });

  it('does not quote both translations of one sentence', () => {
    const result = ask('What did Guangxi propose on AI?');
    const byGroup = new Map<number, Set<number>>();
    for (const citation of result.citations) {
      const group = citation.passage.documentId === 5 ? 1 : citation.passage.documentId;
      byGroup.set(group, (byGroup.get(group) ?? new Set()).add(citation.passage.documentId));
    }
    for (const documents of byGroup.values()) expect(documents.size).toBe(1);
  });
});
