import { describe, expect, it } from 'vitest';
import { glossWords } from '../../src/text/gloss.ts';
import { hanVietSyllables, hasHanViet } from '../../src/text/hanviet.ts';
import { syllableKey } from '../../src/text/lexicon.ts';

// m17n's Hán-Việt input method is optional (Debian's m17n-db; CI installs it).
describe.runIf(hasHanViet())('Hán-Việt readings of m17n (installed)', () => {
  it('reads its Telex syllables with their characters, simplified ones included', () => {
    const table = new Map(hanVietSyllables()!.map(([syllable, chars]) => [syllableKey(syllable), chars]));
    expect(table.get(syllableKey('bắc'))).toContain('北');
    expect(table.get(syllableKey('trường'))).toEqual(expect.arrayContaining(['場', '场']));
    expect(table.get(syllableKey('tế'))).toContain('际');
  });

  it('reads a Chinese name by the Hán-Việt readings Unihan lacks or gets wrong', () => {
    // 春 has no reading in Unihan, 刚 an inferred "cong": 阮春奇 is Nguyễn Xuân Kỳ, 陈刚 Trần Cương.
    expect(glossWords('阮春奇', 'zh')).toEqual(expect.arrayContaining(['nguyen', 'xuan', 'ky']));
    expect(glossWords('陈刚', 'zh')).toEqual(expect.arrayContaining(['tran', 'cuong']));
  });

  it('reads Sino-Vietnamese words whose characters Unihan gives no reading', () => {
    // 范 phạm / 围 vi, 设 thiết / 计 kế: Unihan has none or a wrong one ("thết", "kể").
    expect(glossWords('phạm vi hợp tác', 'vi')).toContain('scope');
    expect(glossWords('thiết kế', 'vi')).toContain('design');
  });
});

describe('Sino-Vietnamese words and glossary phrases', () => {
  it('does not read a word across the start of a glossary phrase', () => {
    // 省电 (save electricity) would swallow the first syllable of Điện Biên.
    const words = glossWords('tỉnh Điện Biên', 'vi');
    expect(words).toEqual(expect.arrayContaining(['province', 'dien', 'bien']));
    expect(words).not.toContain('electricity');
  });
});
