import { describe, expect, it } from 'vitest';
import type { Passage } from '../../src/answer/citations.ts';
import { extractiveAnswer } from '../../src/answer/extractive.ts';
import { documentContexts, profileQuestion } from '../../src/answer/relevance.ts';
import { documentText, rankByOverlap, seedPassages } from './fixtures.ts';

const passages = seedPassages();
// As in answers: each passage is read in its document (years, ordinals and names stated around it).
const contexts = documentContexts(
  passages,
  new Map(passages.map((passage) => [passage.documentId, documentText(passage)])),
);

/** A passage that is its whole document (offsets from 0). */
function passageOf(
  documentId: number,
  text: string,
  meta: { title: string; language: string; publishedOn: string },
): Passage {
  return {
    chunkId: documentId,
    documentId,
    sourceUri: `file:///minutes/${documentId}.txt`,
    ...meta,
    text,
    startChar: 0,
    endChar: text.length,
  };
}

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

  it('quotes another article only when it states something the quotes before it do not', () => {
    const page = (documentId: number, text: string, publishedOn: string) =>
      passageOf(documentId, text, {
        title: `Spring Meeting ${publishedOn.slice(0, 4)}`,
        language: 'en',
        publishedOn,
      });
    const report = page(
      1,
      'At the 2025 Spring Meeting in Ha Long the provinces signed 29 cooperation documents.',
      '2025-02-21',
    );
    const echo = page(
      2,
      'A year ago the Spring Meeting in Ha Long had ended with 29 cooperation documents signed by the provinces.',
      '2026-03-05',
    );
    const other = page(
      3,
      'At the 2026 Spring Meeting in Fangchenggang the provinces signed 34 cooperation documents.',
      '2026-03-05',
    );
    const quoted = (question: string, passages: Passage[]) =>
      extractiveAnswer(profileQuestion(question, 'en'), passages, { minCoverage: 0 }).citations.map(
        (citation) => citation.passage.documentId,
      );
    // The same count again from another article is not quoted twice…
    expect(
      quoted('How many cooperation documents were signed at the Spring Meeting in Ha Long?', [report, echo]),
    ).toEqual([1]);
    // …nor another article's count in a sentence that answers less well (it does not name the meeting)…
    const vaguer = page(4, 'In all 12 cooperation documents were signed.', '2026-03-05');
    expect(
      quoted('How many cooperation documents were signed at the Spring Meetings?', [report, vaguer]),
    ).toEqual([1]);
    // …but another article's count as good as the first is.
    expect(
      quoted('How many cooperation documents were signed at the Spring Meetings?', [report, other]),
    ).toEqual([1, 3]);
  });

  it('quotes a long sentence around the words of the question it holds, inflected or not', () => {
    const text =
      'The Spring Meeting opened in Guilin on February 23 with a ceremony at the regional guesthouse, a review of the 2017 action plan, a tour of the new logistics centre, a visit to the border trade zone at Dongxing and a dinner offered by the regional government, and the Vietnamese delegations were headed by Lam Thi Phuong Thanh, Lai Xuan Mon and Trieu Tai Vinh.';
    const passage = passageOf(1, text, {
      title: 'Spring Meeting in Guilin',
      language: 'en',
      publishedOn: '2018-02-24',
    });
    const question = profileQuestion(
      'Which Vietnamese leaders headed the provincial delegations at the Guilin Spring Meeting?',
      'en',
    );
    const result = extractiveAnswer(question, [passage], { minCoverage: 0 });
    expect(text.length).toBeGreaterThan(300);
    expect(result.citations[0]?.quote).toContain('headed by Lam Thi Phuong Thanh');
  });

  it('quotes a long sentence around the name a question asks about', () => {
    const text =
      "L'après-midi du 22 août 2023, à Cao Bang, Hoang Xuan Anh, secrétaire adjoint du Comité provincial du Parti et président du Comité populaire de la province, a reçu la délégation de Baise, venue examiner l'ouverture de la paire de postes frontières Tra Linh - Longbang, la construction d'un pont routier dans la zone des bornes 5-6 et le raccordement des autoroutes des deux côtés de la frontière.";
    const passage = passageOf(1, text, {
      title: 'Cao Bang et Baise',
      language: 'fr',
      publishedOn: '2023-08-23',
    });
    const result = extractiveAnswer(profileQuestion('Who is Hoang Xuan Anh?', 'en'), [passage], {
      minCoverage: 0,
    });
    expect(text.length).toBeGreaterThan(300);
    expect(result.citations[0]?.quote).toContain('Hoang Xuan Anh, secrétaire adjoint');
  });
  it('does not answer of a meeting from a report on the meeting that prepared it', () => {
    const text = [
      'On the afternoon of 9 January a preparatory meeting for the secretariats was held in Ha Long ahead of the 2025 Spring Meeting between the Party Secretaries of the provinces.',
      'The meeting was chaired by Cao Tuong Huy, Vice Chairman of the Quang Ninh People’s Committee, and by Wei Ran, director of the Guangxi foreign affairs office.',
      'The Guangxi delegation, some 150 people, will enter Vietnam over the Bac Luan 2 bridge on 19 February.',
    ].join(' ');
    const passage = passageOf(1, text, {
      title: 'Preparatory meeting ahead of the 2025 Spring Meeting',
      language: 'en',
      publishedOn: '2025-01-10',
    });
    const quotes = (question: string) =>
      extractiveAnswer(profileQuestion(question, 'en'), [passage], { minCoverage: 0 }).citations.map(
        (citation) => citation.quote,
      );
    // The preparatory meeting's chairs are not the Spring Meeting's…
    expect(quotes('Who chaired the 2025 Spring Meeting?').join(' ')).not.toContain('Cao Tuong Huy');
    // …though a question about the preparatory meeting itself is answered…
    expect(quotes('Who chaired the preparatory meeting for the 2025 Spring Meeting?').join(' ')).toMatch(
      /preparatory meeting for the secretariats|Cao Tuong Huy/,
    );
    // …and what the report says of the Spring Meeting's plans still answers.
    expect(
      quotes('How large was the Guangxi delegation to the 2025 Spring Meeting expected to be?').join(' '),
    ).toContain('some 150 people');
  });

  it('does not date what follows a plan for next year by the plan', () => {
    const text = [
      'The 15th meeting of the Joint Working Committee was held in Beihai on 27 February 2024.',
      'The sides agreed that the 16th meeting of the Joint Working Committee will be hosted by Quang Ninh in 2025.',
      'The Vietnamese leaders thanked Beihai for its arrangements, said Nguyen Xuan Ky, who co-chaired the talks.',
    ].join(' ');
    const passage = passageOf(1, text, {
      title: 'Joint Working Committee meets in Beihai',
      language: 'en',
      publishedOn: '2024-02-28',
    });
    const result = extractiveAnswer(
      profileQuestion('Who co-chaired the 16th meeting of the Joint Working Committee?', 'en'),
      [passage],
      { minCoverage: 0 },
    );
    expect(result.citations.map((citation) => citation.quote).join(' ')).not.toContain('Nguyen Xuan Ky');
  });
  it('answers a question of size with a sentence that gives a figure', () => {
    const text = [
      'The sides agreed to speed up the planning of the core areas of the Dong Dang–Pingxiang cross-border economic cooperation zone on each side.',
      'Its core area covers about 8.5 km2 in Pingxiang on one side and about 4.5 km2 in Dong Dang on the other.',
    ].join(' ');
    const passage = passageOf(1, text, {
      title: 'Dong Dang–Pingxiang cooperation zone',
      language: 'en',
      publishedOn: '2024-05-10',
    });
    const result = extractiveAnswer(
      profileQuestion(
        'What size are the core areas of the Dong Dang–Pingxiang cross-border economic cooperation zone on each side?',
        'en',
      ),
      [passage],
    );
    expect(result.citations.map((citation) => citation.quote)).toEqual([
      'Its core area covers about 8.5 km2 in Pingxiang on one side and about 4.5 km2 in Dong Dang on the other.',
    ]);
  });
  it('answers what was proposed on a topic with a sentence that names the topic', () => {
    const text = [
      'At the 2025 Spring Meeting in Ha Long, Guangxi proposed to extend the mechanism to Hai Phong and to open more border gates.',
      'The sides also discussed cooperation in artificial intelligence, among other topics on the agenda.',
    ].join(' ');
    const passage = passageOf(1, text, {
      title: 'Spring Meeting 2025 in Ha Long',
      language: 'en',
      publishedOn: '2025-02-21',
    });
    const result = extractiveAnswer(
      profileQuestion(
        'What did Guangxi propose on artificial intelligence at the 2025 Spring Meeting?',
        'en',
      ),
      [passage],
      { minCoverage: 0 },
    );
    expect(result.citations.map((citation) => citation.quote).join(' ')).not.toContain('Hai Phong');
  });
  it('does not give the investment of one work for another', () => {
    const text = [
      'Quang Ninh is preparing the Mong Cai–Dongxing smart border gate under the 2025 framework agreement.',
      'The new road is about 4.5 kilometres long, and its total investment is estimated at 2,000 billion dong.',
    ].join(' ');
    const passage = passageOf(1, text, {
      title: 'Mong Cai–Dongxing smart border gate',
      language: 'en',
      publishedOn: '2026-01-20',
    });
    const result = extractiveAnswer(
      profileQuestion('What is the total investment for the Mong Cai–Dongxing smart border gate?', 'en'),
      [passage],
      { minCoverage: 0 },
    );
    expect(result.citations).toEqual([]);
  });
});
