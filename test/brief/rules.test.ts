import { describe, expect, it } from 'vitest';
import { proposalSide } from '../../src/brief/rules.ts';

const counterpart = new Set(['Tran Cuong']);
const ours = new Set(['Vu Dai Thang']);

describe('proposalSide', () => {
  it('takes the person right after the verb as its subject when none comes before it (Swedish puts the verb second)', () => {
    const sentence =
      'För att främja samarbetet mellan gränsprovinserna och den autonoma regionen Guangxi Zhuang föreslog kamrat Vu Dai Thang att parterna stärker handeln.';
    const at = sentence.indexOf('föreslog');
    expect(proposalSide(sentence.slice(0, at), ['Guangxi'], counterpart, ours, sentence.slice(at))).toBe(
      'ours',
    );
    // Without the words after the verb only the region is named before it: read as the counterpart's.
    expect(proposalSide(sentence.slice(0, at), ['Guangxi'], counterpart, ours)).toBe('counterpart');
  });

  it('keeps the person named before the verb as the subject', () => {
    const sentence = 'Tran Cuong a proposé, avec le camarade Vu Dai Thang, de renforcer la coopération.';
    const at = sentence.indexOf('a proposé');
    expect(proposalSide(sentence.slice(0, at), ['Guangxi'], counterpart, ours, sentence.slice(at))).toBe(
      'counterpart',
    );
  });
});
