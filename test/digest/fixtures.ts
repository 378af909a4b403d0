import type { DigestData } from '../../src/digest/compose.ts';

const period = { start: new Date('2026-11-16T02:00:00Z'), end: new Date('2026-11-23T02:00:00Z') };

/** A week with something in every section, for composition and presenter tests. */
export function fixtureData(): DigestData {
  return {
    channelId: 'C1',
    period,
    tz: 'Asia/Ho_Chi_Minh',
    documents: [
      {
        title: 'Réunion de printemps 2025',
        language: 'fr',
        publishedOn: '2025-02-21',
        ingestedAt: new Date('2026-11-17T03:00:00Z'),
        content:
          'Vietnam.vn - Nền tảng quảng bá Việt Nam\n\nRéunion de printemps 2025\n\nLe matin du 21 février, à Ha Long, les secrétaires des provinces frontalières ont rencontré le secrétaire du Guangxi. Ils ont signé trois accords.',
      },
      {
        title: 'Möte i början av våren 2025',
        language: 'sv',
        publishedOn: null,
        ingestedAt: new Date('2026-11-22T20:00:00Z'),
        content: 'x',
        summary: 'Vårmötet i Ha Long samlade fyra provinser och Guangxi.',
      },
    ],
    commitmentsCreated: [
      { id: 7, title: 'Send the <draft> MoU & annex', owners: ['U012ABCDEF', 'Lan'], dueOn: '2026-11-27' },
    ],
    commitmentsCompleted: [{ id: 3, title: 'Book the venue', owners: ['U0AAAAAAA'], dueOn: null }],
    dueSoon: [
      { id: 7, title: 'Send the <draft> MoU & annex', owners: ['U012ABCDEF', 'Lan'], dueOn: '2026-11-27' },
    ],
    overdue: [{ id: 2, title: 'Translate the minutes', owners: ['Minh'], dueOn: '2026-11-20' }],
    mostAsked: [
      { question: 'What did Guangxi propose on AI?', count: 3 },
      { question: 'Who attended the spring meeting?', count: 1 },
    ],
    unanswered: [{ question: 'What is the 2027 budget?', count: 2 }],
  };
}
