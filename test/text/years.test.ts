import { describe, expect, it } from 'vitest';
import { backgroundYears, lookBackSpans } from '../../src/text/years.ts';

describe('years a sentence looks back to', () => {
  it('finds the starting point of "since", "depuis", "sedan", "sau khi" and 以来 in its own clause', () => {
    expect(
      backgroundYears('The first time it was held online since the format was launched in 2016.'),
    ).toEqual(new Set([2016]));
    expect(
      backgroundYears(
        'La rencontre a permis de faire le bilan de cinq années de coopération, en particulier depuis la réunion de Lang Son en 2019.',
      ),
    ).toEqual(new Set([2019]));
    expect(
      backgroundYears('Detta var första gången som vårmötet hölls online sedan mekanismen inrättades 2016.'),
    ).toEqual(new Set([2016]));
    expect(
      backgroundYears(
        'Đây là lần đầu tiên tỉnh Tuyên Quang tham gia, sau khi tỉnh Hà Giang hợp nhất vào tỉnh Tuyên Quang từ ngày 1/7/2025.',
      ),
    ).toEqual(new Set([2025]));
    expect(backgroundYears('各方回顾了5年来，特别是2019年在越南谅山会晤以来取得的合作成果。')).toEqual(
      new Set([2019]),
    );
  });

  it('finds the year of an earlier session whose tasks a sentence reports on', () => {
    expect(
      backgroundYears(
        'Both sides had carried out most tasks set out at the 10th meeting in Kunming in June 2024, including a fruit lane.',
      ),
    ).toEqual(new Set([2024]));
  });

  it('leaves the years of what the sentence reports', () => {
    expect(backgroundYears('The 2020 Spring Meeting was held in Liuzhou on 6 January 2020.')).toEqual(
      new Set(),
    );
    // A clause ends the cue's reach: the year after the comma dates the event.
    expect(backgroundYears('After the talks, the two sides met again on 22 February 2016.')).toEqual(
      new Set(),
    );
    expect(backgroundYears('2020年新春会晤在柳州举行。')).toEqual(new Set());
    // A year also written as an event of its own is not only background.
    expect(backgroundYears('The 2019 meeting in Lang Son. Trade has doubled since 2019.')).toEqual(new Set());
  });
});

describe('lookBackSpans', () => {
  it('does not end a clause at the colon of a Swedish ordinal or the point of a decimal', () => {
    const text = 'Ett möte hölls inför den 16:e konferensen i den gemensamma arbetskommittén, i Ha Long.';
    expect(lookBackSpans(text).map(([start, end]) => text.slice(start, end))).toEqual([
      'inför den 16:e konferensen i den gemensamma arbetskommittén',
    ]);
    const figure = 'Trade grew after the 2.5 percent fall of 2023: it rose again.';
    expect(lookBackSpans(figure).map(([start, end]) => figure.slice(start, end))).toEqual([
      'after the 2.5 percent fall of 2023',
    ]);
  });
});
