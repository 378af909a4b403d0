import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseWords, glossary, hanReadings, syllableKey } from '../../src/text/lexicon.ts';

const DATA = new URL('../../data-files/', import.meta.url);

describe('chineseWords: the compact Chinese–English dictionary', () => {
  it('gives every word of zh-en.tsv the gloss words of its line, and the longest word each character starts', () => {
    const words = chineseWords();
    const longest = new Map<string, number>();
    const note = (word: string) => {
      const chars = [...word];
      longest.set(chars[0]!, Math.max(longest.get(chars[0]!) ?? 0, chars.length));
    };
    let count = 0;
    const plain = new Map<string, string[]>();
    for (const line of readFileSync(new URL('lexicon/zh-en.tsv', DATA), 'utf8').split('\n')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      plain.set(line.slice(0, tab), line.slice(tab + 1).split(' '));
    }
    for (const [word, gloss] of plain) {
      count++;
      note(word);
      if (!words.has(word)) throw new Error(`missing ${word}`);
      const got = words.get(word);
      if (got?.join('\u0000') !== gloss.join('\u0000')) expect(got, word).toEqual(gloss);
    }
    for (const form of glossary().zh.keys()) note(form);
    expect(count).toBeGreaterThan(100_000);
    for (const [char, length] of longest)
      if (words.longestFrom(char) !== length) expect(words.longestFrom(char), char).toBe(length);
    expect(words.longestFrom('会')).toBeGreaterThanOrEqual(2);
    expect(words.longestFrom('a')).toBe(0);
    expect(words.get('会谈')).toEqual(expect.arrayContaining(['talks']));
    expect(words.get('不是一个词语')).toBeUndefined();
    expect(words.has('不是一个词语')).toBe(false);
    // The beginnings of longer words: 联合工作 starts 联合工作组; a whole word of two begins nothing longer.
    expect(words.startsLonger('联合')).toBe(true);
    expect(words.startsLonger('不是一个')).toBe(false);
  });

  it('hands out a new array each time, so a caller cannot change the dictionary', () => {
    const words = chineseWords();
    const first = words.get('会谈')!;
    const before = [...first];
    first.push('changed');
    first[0] = 'changed';
    expect(words.get('会谈')).toEqual(before);
  });
});

describe('glossary', () => {
  it('gives every entry forms in all five languages', () => {
    const raw = JSON.parse(readFileSync(new URL('glossary.json', DATA), 'utf8')) as {
      entries: Record<string, unknown>[];
    };
    for (const entry of raw.entries) {
      for (const language of ['en', 'fr', 'sv', 'vi', 'zh']) {
        const forms = entry[language];
        expect(Array.isArray(forms) && forms.length > 0, `${String(entry.en)} has ${language}`).toBe(true);
      }
    }
  });
});

describe('hanReadings', () => {
  it('reads 陈 and 刚 as chen/gang and Trần/Cương', () => {
    const { pinyin, hanViet, charsOfSyllable } = hanReadings();
    expect([pinyin.get('陈'), pinyin.get('刚')]).toEqual(['chen', 'gang']);
    expect(hanViet.get('陈')?.[0]).toBe('trần');
    expect(charsOfSyllable.get(syllableKey('trần'))).toContain('陈');
  });
});
