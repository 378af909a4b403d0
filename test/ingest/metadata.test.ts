import { describe, expect, it } from 'vitest';
import { findPublishedDate, findTitle, parseDate } from '../../src/ingest/metadata.ts';

describe('parseDate', () => {
  it.each([
    ['2025-02-21', '2025-02-21'],
    ['21/02/2025', '2025-02-21'],
    ['21.02.2025', '2025-02-21'],
    ['le 21 février 2025', '2025-02-21'],
    ['1er mars 2024', '2024-03-01'],
    ['den 21 februari 2025', '2025-02-21'],
    ['February 21, 2025', '2025-02-21'],
    ['21st of May 2025', '2025-05-21'],
    ['ngày 21 tháng 2 năm 2025', '2025-02-21'],
    ['2025年2月21日', '2025-02-21'],
    ['2025-02-21T08:00:00+07:00', '2025-02-21'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it('reads numeric dates in the configured order and rejects impossible ones', () => {
    expect(parseDate('05/12/2026', 'DMY')).toBe('2026-12-05');
    expect(parseDate('05/12/2026', 'MDY')).toBe('2026-05-12');
    expect(parseDate('31/02/2025')).toBeNull();
    expect(parseDate('no date here')).toBeNull();
  });
});

describe('findPublishedDate', () => {
  const order = 'DMY' as const;

  it('prefers declared metadata, then removed date stamps', () => {
    expect(findPublishedDate({ declared: '2024-01-05', hints: ['20/02/2025'], content: 'x', order })).toBe(
      '2024-01-05',
    );
    expect(findPublishedDate({ hints: ['20/02/2025'], content: 'Le 3 mars 2020', order })).toBe('2025-02-20');
  });

  it('completes "le 21 février" with the nearest year of the opening lines', () => {
    const content =
      'Le matin du 21 février, à Ha Long, a accueilli la réunion de printemps 2025 entre les secrétaires.';
    expect(findPublishedDate({ hints: [], content, order })).toBe('2025-02-21');
  });

  it('completes a day and month with a "date 2025-02" hint', () => {
    expect(
      findPublishedDate({
        hints: ['2025-02'],
        content: 'Il a reçu le 20 février à Ha Long Chen Gang.',
        order,
      }),
    ).toBe('2025-02-20');
  });

  it('returns null when the opening lines carry no date', () => {
    const content = 'En 2022, les provinces frontalières ont organisé plus de 50 entretiens.';
    expect(findPublishedDate({ hints: [], content, order })).toBeNull();
  });
});

describe('findTitle', () => {
  it('uses the declared title, a headline-like first line, or the first sentence shortened', () => {
    expect(findTitle('Body.', 'Declared  title', 'file')).toBe('Declared title');
    expect(findTitle('Möte i början av våren 2025\n\nPå morgonen den 21 februari…', undefined, 'file')).toBe(
      'Möte i början av våren 2025',
    );
    const long = `Le matin du 21 février, dans la ville de Ha Long, province de Quang Ninh, a accueilli la réunion de printemps 2025 entre les secrétaires. Suite.`;
    const title = findTitle(long, undefined, 'file');
    expect(title.endsWith('…')).toBe(true);
    expect(title.length).toBeLessThanOrEqual(121);
    expect(long.startsWith(title.slice(0, -1))).toBe(true);
    expect(findTitle('', undefined, 'file')).toBe('file');
  });
});
