import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestData, firstSentence, renderDigestText } from '../../src/digest/compose.ts';
import { fixtureData } from './fixtures.ts';

const empty = (): DigestData => ({
  ...fixtureData(),
  documents: [],
  commitmentsCreated: [],
  commitmentsCompleted: [],
  dueSoon: [],
  overdue: [],
  mostAsked: [],
  unanswered: [],
});

describe('composeDigest', () => {
  it('renders every section from fixture data', () => {
    const digest = composeDigest(fixtureData(), { quietWeek: 'post' })!;
    expect(digest.sections.map((section) => section.kind)).toEqual([
      'documents',
      'created',
      'completed',
      'due-soon',
      'overdue',
      'most-asked',
      'unanswered',
    ]);
    expect(renderDigestText(digest)).toMatchInlineSnapshot(`
      "Weekly digest · 16–23 Nov 2026
      ==============================

      New documents (2)
      - Réunion de printemps 2025 (2025-02-21, fr)
        Le matin du 21 février, à Ha Long, les secrétaires des provinces frontalières ont rencontré le secrétaire du Guangxi.
      - Möte i början av våren 2025 (undated, added 2026-11-23, sv)
        Vårmötet i Ha Long samlade fyra provinser och Guangxi.

      Commitments logged (1)
      - #7 Send the <draft> MoU & annex (@U012ABCDEF, Lan, due 2026-11-27)

      Commitments completed (1)
      - #3 Book the venue (@U0AAAAAAA)

      Due in the next 7 days (1)
      - #7 Send the <draft> MoU & annex (@U012ABCDEF, Lan, due 2026-11-27)

      Overdue (1)
      - #2 Translate the minutes (Minh, due 2026-11-20)

      Most asked questions (2)
      - What did Guangxi propose on AI? (asked 3×)
      - Who attended the spring meeting?

      Questions the documents could not answer (1)
      - What is the 2027 budget? (asked 2×)"
    `);
  });

  it('omits empty sections', () => {
    const data = { ...empty(), overdue: fixtureData().overdue };
    const digest = composeDigest(data, { quietWeek: 'post' })!;
    expect(renderDigestText(digest)).toMatchInlineSnapshot(`
      "Weekly digest · 16–23 Nov 2026
      ==============================

      Overdue (1)
      - #2 Translate the minutes (Minh, due 2026-11-20)"
    `);
  });

  it('posts one quiet line for an empty week, or nothing when configured to skip', () => {
    const quiet = composeDigest(empty(), { quietWeek: 'post' })!;
    expect(quiet.quiet).toBe(true);
    expect(renderDigestText(quiet)).toMatchInlineSnapshot(`
      "Weekly digest · 16–23 Nov 2026
      ==============================
      A quiet week: no new documents, commitments or questions."
    `);
    expect(composeDigest(empty(), { quietWeek: 'skip' })).toBeNull();
  });
});

describe('firstSentence', () => {
  it('skips banners and the repeated title, then cuts at the first sentence end', () => {
    const content = fixtureData().documents[0]!.content;
    expect(firstSentence(content, 'Réunion de printemps 2025', 'fr')).toBe(
      'Le matin du 21 février, à Ha Long, les secrétaires des provinces frontalières ont rencontré le secrétaire du Guangxi.',
    );
  });

  it('clips a very long first sentence in the digest', () => {
    const long = `${'mot '.repeat(200)}fin.`;
    const data = { ...empty(), documents: [{ ...fixtureData().documents[0]!, content: long }] };
    const digest = composeDigest(data, { quietWeek: 'post' })!;
    const section = digest.sections[0]!;
    if (section.kind !== 'documents') throw new Error('expected documents');
    expect(section.items[0]!.summary.length).toBeLessThanOrEqual(240);
    expect(section.items[0]!.summary.endsWith('…')).toBe(true);
  });
});
