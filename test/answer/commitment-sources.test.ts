import { describe, expect, it } from 'vitest';
import {
  relevantCommitments,
  verifyWithCommitments,
  withCurrentStatuses,
} from '../../src/answer/commitment-sources.ts';
import { profileQuestion } from '../../src/answer/relevance.ts';
import type { Commitment } from '../../src/commitments/service.ts';

function commitment(id: number, title: string, overrides: Partial<Commitment> = {}): Commitment {
  return {
    id,
    title,
    owners: ['U1'],
    createdBy: 'U1',
    dueOn: '2026-12-04',
    tz: 'Asia/Ho_Chi_Minh',
    status: 'open',
    channelId: null,
    visibility: 'public',
    threadTs: null,
    sourcePermalink: null,
    sourceText: null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-01T00:00:00Z'),
    completedAt: null,
    version: 1,
    ...overrides,
  };
}

const aliases = [['guangxi', 'quang tay', '广西']];
const passage = {
  chunkId: 7,
  documentId: 3,
  title: 'Minutes',
  sourceUri: 'file:///minutes.md',
  language: 'en',
  publishedOn: null,
  text: 'The Vietnamese side promised Guangxi to finish the railway feasibility study by the end of 2026.',
  startChar: 0,
  endChar: 96,
};

describe('relevantCommitments', () => {
  const survey = commitment(12, 'send Guangxi the railway survey data');
  const vietnamese = commitment(13, 'gửi Quảng Tây số liệu khảo sát đường sắt');
  const other = commitment(14, 'book the hotel for the Hanoi meeting');
  const yunnan = commitment(15, 'send Yunnan the railway survey data');

  it('matches across languages and spellings, the words asking for promises aside', () => {
    const question = profileQuestion('What did we promise Guangxi on railways?', 'en', aliases);
    const found = relevantCommitments(question, [survey, vietnamese, other, yunnan]).map(
      (s) => s.commitment.id,
    );
    expect(found.sort()).toEqual([12, 13]);
  });

  it('takes none for a question about something else that only shares a name', () => {
    const question = profileQuestion('Who is the party secretary of Guangxi?', 'en', aliases);
    expect(relevantCommitments(question, [survey, vietnamese])).toEqual([]);
  });
});

describe('verifyWithCommitments', () => {
  const survey = commitment(12, 'send Guangxi the railway survey data');
  const yard = commitment(40, 'build a railway freight yard for Guangxi', { status: 'cancelled' });
  const sources = [
    { commitment: survey, score: 1 },
    { commitment: yard, score: 1 },
  ];

  it('reads [C12] beside [1], renumbers documents and keeps commitment ids', () => {
    const verified = verifyWithCommitments(
      'The feasibility study will be finished by the end of 2026 [1, C12]. We promised to send Guangxi the railway survey data by 4 December 2026 [C12].',
      [passage],
      sources,
      { answerLanguage: 'en', aliases },
    );
    expect(verified.answer).toBe(
      'The feasibility study will be finished by the end of 2026 [1]. We promised to send Guangxi the railway survey data by 4 December 2026 [C12].',
    );
    expect(verified.citations.map((citation) => citation.passage.chunkId)).toEqual([7]);
    expect(verified.commitments.map((citation) => citation.id)).toEqual([12]);
  });

  it('never lets a document number reach a commitment, nor an unknown [C99] pass', () => {
    // [2] would be the first commitment's position among the passages: it is no document.
    const verified = verifyWithCommitments(
      'We promised to send Guangxi the railway survey data [2]. We promised Guangxi a railway bridge [C99].',
      [passage],
      sources,
      { answerLanguage: 'en', aliases },
    );
    expect(verified.answer).toBe('');
    expect(verified.dropped.map((dropped) => dropped.reason)).toEqual([
      'unknown-citation',
      'unknown-citation',
    ]);
  });

  it('drops a claim that presents a cancelled commitment as owed, keeps one that says it was cancelled', () => {
    const verified = verifyWithCommitments(
      'We promised to build a railway freight yard for Guangxi [C40]. The railway freight yard for Guangxi was cancelled [C40].',
      [passage],
      sources,
      { answerLanguage: 'en', aliases },
    );
    expect(verified.answer).toBe('The railway freight yard for Guangxi was cancelled [C40].');
    expect(verified.commitments).toEqual([expect.objectContaining({ id: 40, status: 'cancelled' })]);
  });
});

describe('withCurrentStatuses', () => {
  it('brings the status phrases of a logged offline answer up to date', () => {
    const logged =
      '“send the data” [C12] (open, due 2026-12-04)\n“book the hall” [C13] (open, due 2026-12-01)';
    const now = withCurrentStatuses(
      logged,
      [
        {
          id: 12,
          title: 'send the data',
          status: 'done',
          owners: ['U1'],
          due_on: '2026-12-04',
          completed_on: '2026-11-28',
          source_permalink: null,
        },
      ],
      'en',
    );
    // C13 is no longer visible here: its quoted title stays, its status is not claimed.
    expect(now).toBe('“send the data” [C12] (done on 2026-11-28)\n“book the hall” [C13]');
  });
});
