import { describe, expect, it } from 'vitest';
import {
  namedAcrossRomanisations,
  namedInHan,
  pinyinSyllablesOf,
  readingStream,
} from '../../src/text/transliteration.ts';

describe('names in Latin letters found in Chinese text by their readings', () => {
  it('cuts pinyin into syllables', () => {
    expect(pinyinSyllablesOf('mengzi')).toEqual(['meng', 'zi']);
    expect(pinyinSyllablesOf('guangxi')).toEqual(['guang', 'xi']);
    expect(pinyinSyllablesOf('hanoi')).not.toEqual(['hanoi']);
    expect(pinyinSyllablesOf('qwrt')).toBeNull();
  });

  it('finds a place or person written in pinyin, with or without spaces', () => {
    expect(namedInHan('会议在蒙自市举行。', 'Mengzi')).toBe(true);
    expect(namedInHan('自治区党委书记刘宁在南宁会场出席。', 'Liu Ning')).toBe(true);
    expect(namedInHan('自治区党委书记刘宁在南宁会场出席。', 'Liu Yong')).toBe(false);
    expect(namedInHan('会议在昆明举行。', 'Mengzi')).toBe(false);
  });

  it('finds a name written in its Hán-Việt reading', () => {
    expect(namedInHan('会议在蒙自市举行。', 'Mông Tự')).toBe(true);
    expect(namedInHan('会议在蒙自市举行。', 'Mong Tu')).toBe(true);
    expect(namedInHan('自治区党委书记陈刚会见越方代表团。', 'Trần Văn')).toBe(false);
  });

  // Some characters have no Hán-Việt reading in any table (㐀 here stands for one): the other two
  // syllables of a three-syllable name carry it.
  it('reads a three-syllable Vietnamese name whose one character has no Hán-Việt reading', () => {
    const text = '越南老街省人民委员会副主席邓㐀丰率领代表团出席会议。';
    expect(namedInHan(text, 'Đặng Xuân Phong')).toBe(true);
    expect(namedInHan(text, 'Dang Xuan Phong')).toBe(true);
    // Every character that has a reading must still read: 邓 is not Trần.
    expect(namedInHan(text, 'Trần Xuân Phong')).toBe(false);
    // Two syllables are not enough to leave one unread.
    expect(namedInHan(text, 'Xuân Phong')).toBe(false);
  });

  it('does not look for one syllable, nor in text without characters', () => {
    expect(namedInHan('刘宁出席', 'Liu')).toBe(false);
    expect(namedInHan('Liu Ning attended', 'Liu Ning')).toBe(false);
  });

  // The same person in pinyin and in Hán-Việt, through the characters both read (鹿心社, 周国平).
  it('finds a name written in one romanisation in text written in another', () => {
    // The reading stream of a text's folded words.
    const words = (text: string) =>
      readingStream(
        text
          .toLowerCase()
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .split(/\s+/),
      );
    expect(
      namedAcrossRomanisations(words('phia trung quoc co dong chi Lộc Tâm Xã uy vien'), 'Lu Xinshe'),
    ).toBe(true);
    expect(namedAcrossRomanisations(words('kamrat zhou guoping partisekreterare'), 'Chu Quốc Bình')).toBe(
      true,
    );
    // Stemmed spellings ("xinsh", "guop") are read with their ending put back.
    expect(namedAcrossRomanisations(words('dong chi loc tam xa'), 'lu xinsh')).toBe(true);
    expect(namedAcrossRomanisations(words('kamrat zhou guoping'), 'chu quoc binh')).toBe(true);
    // Another person does not read the same characters.
    expect(namedAcrossRomanisations(words('dong chi tran cuong uy vien'), 'Lu Xinshe')).toBe(false);
    expect(namedAcrossRomanisations(words('kamrat chen gang'), 'Chu Quốc Bình')).toBe(false);
    // One syllable is not looked for.
    expect(namedAcrossRomanisations(words('ong luu'), 'Liu')).toBe(false);
  });
});
