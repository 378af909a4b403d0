import { describe, expect, it } from 'vitest';
import {
  backgroundOrdinals,
  hanNumber,
  isOrdinalWord,
  ordinalsIn,
  ordinalValues,
} from '../../src/text/ordinals.ts';

describe('backgroundOrdinals', () => {
  it('finds the sessions a sentence only looks back to', () => {
    expect(
      backgroundOrdinals(
        'kể từ Phiên họp thứ 8 tổ chức theo hình thức trực tuyến, các bên đã triển khai nhận thức chung.',
      ),
    ).toEqual(new Set([8]));
    expect(backgroundOrdinals('Since the 8th meeting, both sides have opened two lanes.')).toEqual(
      new Set([8]),
    );
    // The session the sentence reports is not background, even when it also looks back.
    expect(backgroundOrdinals('The 10th meeting reviewed the work done since the 9th meeting.')).toEqual(
      new Set([9]),
    );
    expect(backgroundOrdinals('The 8th meeting was held online; since the 8th meeting trade grew.')).toEqual(
      new Set(),
    );
  });

  it('finds the earlier session whose outcome a sentence carries out', () => {
    expect(
      backgroundOrdinals('老街省愿与云南方面共同努力，全面落实第四次会议达成的共识，推动合作区建设。'),
    ).toEqual(new Set([4]));
    expect(
      backgroundOrdinals(
        'The committee had completed most tasks set at its 15th conference in Beihai a year earlier.',
      ),
    ).toEqual(new Set([15]));
    expect(backgroundOrdinals('第十次会议以来，双方开通了两条通道。')).toEqual(new Set([10]));
    // "此前" (before this): what an earlier session did, told as background.
    expect(
      backgroundOrdinals(
        '此前，云南省与越南四省联合工作组第五次会议也将河口—老街跨境经济合作区列为重点合作内容。',
      ),
    ).toEqual(new Set([5]));
    expect(backgroundOrdinals('第五次会议在昆明举行，双方签署了会议纪要。')).toEqual(new Set());
    // …or the next session it prepares.
    expect(
      backgroundOrdinals(
        'Förberedande sekretariatsmöte inför vårmötet 2025 och den 16:e konferensen i arbetskommittén',
      ),
    ).toEqual(new Set([16]));
    expect(
      backgroundOrdinals('The secretariats met in Ha Long ahead of the 16th conference of the committee.'),
    ).toEqual(new Set([16]));
  });
});

describe('ordinalValues', () => {
  it('does not read a part of a year as an ordinal', () => {
    for (const text of [
      'in the first seven months of 2023',
      'in the first quarter',
      'durant le premier semestre 2023',
      'under de första nio månaderna',
      'trong 7 tháng đầu năm, quý I',
      '前7个月，第一季度',
    ]) {
      expect(ordinalValues(text), text).toEqual([]);
    }
    expect(ordinalValues('the first meeting in the first half of 2024')).toEqual([1]);
  });

  it('reads "second" as 2 in every language and script', () => {
    for (const text of [
      'the second meeting',
      'the 2nd round',
      'pour la deuxième fois',
      'la 2e réunion',
      'för andra gången',
      '2:a mötet',
      'lần thứ hai',
      '第二次会议',
    ]) {
      expect(ordinalValues(text), text).toEqual([2]);
    }
  });

  it('reads "first" written without a number in Vietnamese and Chinese', () => {
    for (const text of [
      'for the first time',
      'lần đầu tiên',
      'hội nghị đầu tiên',
      'lần đầu tham dự',
      '首次举办',
      '首届博览会',
    ]) {
      expect(ordinalValues(text), text).toEqual([1]);
    }
    expect(ordinalValues('đầu xuân')).toEqual([]);
    expect(ordinalValues('首都')).toEqual([]);
  });

  it('reads other ordinals by their value, not as 2', () => {
    expect(ordinalValues('for the third time')).toEqual([3]);
    expect(ordinalValues('la quatrième conférence')).toEqual([4]);
    expect(ordinalValues('den femte konferensen')).toEqual([5]);
    expect(ordinalValues('hội nghị lần thứ tư')).toEqual([4]);
    expect(ordinalValues('lần thứ mười')).toEqual([10]);
    // Vietnamese numbers above ten are words too: mười bốn = 14, mười lăm = 15, hai mươi mốt = 21.
    expect(ordinalValues('Hội nghị lần thứ mười bốn Ủy ban')).toEqual([14]);
    expect(ordinalValues('lần thứ mười lăm')).toEqual([15]);
    expect(ordinalValues('kỳ họp thứ hai mươi')).toEqual([20]);
    expect(ordinalValues('lần thứ hai mươi mốt tại Nam Ninh')).toEqual([21]);
    expect(ordinalValues('lần thứ hai bên đã ký')).toEqual([2]);
    expect(ordinalValues('la première visite')).toEqual([1]);
    expect(ordinalValues('le 1er sommet')).toEqual([1]);
    expect(ordinalValues('the first and the third')).toEqual([1, 3]);
  });

  it('reads Chinese numerals after 第', () => {
    expect(ordinalValues('第十四次会议')).toEqual([14]);
    expect(ordinalValues('第二十一届博览会')).toEqual([21]);
    expect(ordinalValues('第十次')).toEqual([10]);
    expect(ordinalValues('第22届中国—东盟博览会')).toEqual([22]);
  });

  it('reads digits with an ordinal ending: 16e, 16:e, 16th, lần thứ 16', () => {
    for (const text of [
      'le 16e sommet',
      'det 16:e mötet',
      'the 16th meeting',
      'Hội nghị lần thứ 16',
      '第十六次会议',
    ]) {
      expect(ordinalValues(text), text).toEqual([16]);
    }
  });

  it('does not read a plain number, a year, a time or a date as an ordinal', () => {
    for (const text of [
      'in 2024',
      '15 documents',
      'Hai bên ký 15 văn kiện năm 2024.',
      '双方签署了15份文件。',
      '2024年',
      'Updated 10:51 GMT+7',
      'ngày 16/12/2025',
      'les 12 et 13 mars',
      '72,2 milliards de dollars',
      'hai bên',
    ]) {
      expect(ordinalValues(text), text).toEqual([]);
    }
  });

  // Guards Swedish counts: "25 st." (stycken, pieces) is a number of things, not "the 25th".
  // Known limitation: the English ending "st" is read after any number.
  it('does not read the Swedish count "25 st." as an ordinal', () => {
    expect(ordinalValues('Parterna undertecknade totalt 25 st. avtal.')).toEqual([]);
  });
});

describe('ordinalsIn', () => {
  it('gives offsets that cut the ordinal out of the text', () => {
    const text = 'Le Guangxi a accueilli pour la deuxième fois le 16e sommet, 第十四次会议.';
    const found = ordinalsIn(text);
    expect(found.map((match) => match.value)).toEqual([2, 16, 14]);
    expect(found.map((match) => text.slice(match.start, match.end))).toEqual(['deuxième', '16e', '第十四']);
  });
});

describe('hanNumber', () => {
  it('reads Chinese numerals up to 99 and digits', () => {
    expect(hanNumber('十四')).toBe(14);
    expect(hanNumber('二十一')).toBe(21);
    expect(hanNumber('二十')).toBe(20);
    expect(hanNumber('十')).toBe(10);
    expect(hanNumber('五')).toBe(5);
    expect(hanNumber('九十九')).toBe(99);
    expect(hanNumber('22')).toBe(22);
  });

  it('gives null for what it cannot read', () => {
    expect(hanNumber('')).toBeNull();
    expect(hanNumber('会议')).toBeNull();
    expect(hanNumber('abc')).toBeNull();
  });
});

describe('isOrdinalWord', () => {
  it('knows ordinal words and digits with endings, not numbers or other words', () => {
    for (const word of ['second', 'deuxième', 'Deuxième', 'andra', 'tredje', '16th', '16e', '1er']) {
      expect(isOrdinalWord(word), word).toBe(true);
    }
    for (const word of ['2024', '15', 'hai', 'meeting', 'thứ']) {
      expect(isOrdinalWord(word), word).toBe(false);
    }
  });
});
