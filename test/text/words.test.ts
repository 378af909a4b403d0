import { describe, expect, it } from 'vitest';
import { fold, learnAcronyms, numbersIn, properNames, splitSentences } from '../../src/text/words.ts';

describe('numbersIn', () => {
  it('reads one value across English, French and Swedish conventions', () => {
    expect(numbersIn('72.2 billion US dollars')).toEqual([72.2e9]);
    expect(numbersIn('a atteint 72,2 milliards de dollars')).toEqual([72.2e9]);
    expect(numbersIn('72,2 miljarder dollar')).toEqual([72.2e9]);
  });

  it('tells thousands separators from decimal marks', () => {
    expect(numbersIn('1,000 delegates')).toEqual([1000]);
    expect(numbersIn('50 000 visitors')).toEqual([50000]);
    expect(numbersIn('3.5 percent')).toEqual([3.5]);
    expect(numbersIn('1.234,5 and 1,234.5')).toEqual([1234.5, 1234.5]);
  });

  it('keeps the two years of a period apart', () => {
    expect(numbersIn('(période 2023 - 2027)')).toEqual([2023, 2027]);
    expect(numbersIn('2024-2026')).toEqual([2024, 2026]);
  });
});

describe('text helpers', () => {
  it('folds diacritics and đ', () => {
    expect(fold('Coopération Quảng Ninh Đông')).toBe('cooperation quang ninh dong');
  });

  it('finds proper names but not sentence-initial words', () => {
    expect(properNames('Guangxi proposed that Chen Gang visit Ha Long.')).toEqual([
      'chen',
      'gang',
      'ha',
      'long',
    ]);
  });

  it('splits sentences with offsets', () => {
    const text = 'First one. Second one!\nThird';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual([
      'First one.',
      'Second one!',
      'Third',
    ]);
  });
});

describe('learnAcronyms', () => {
  it('learns a spelt-out form used twice or defined once, in either word order, and not a one-off', () => {
    const passages = [
      "L'intelligence artificielle progresse. Un centre d'intelligence artificielle est prévu.",
      "Politiques d'attraction des investissements.",
      'Samarbete inom artificiell intelligens (AI).',
    ];
    expect(learnAcronyms(['AI'], passages)).toEqual([
      ['ai', 'ia', 'intelligence artificielle', 'artificiell intelligens'],
    ]);
    expect(learnAcronyms(['AI'], [passages[1]!])).toEqual([]);
  });
});
