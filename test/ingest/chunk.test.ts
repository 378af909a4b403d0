import { describe, expect, it } from 'vitest';
import { chunkText, estimateTokens } from '../../src/ingest/chunk.ts';
import { cleanText } from '../../src/ingest/clean.ts';
import { readSeed } from '../helpers/seeds.ts';

describe('chunkText', () => {
  it('cuts the seed article into 300–500-token chunks whose offsets quote the text exactly', async () => {
    const { content } = cleanText(await readSeed('000'));
    const chunks = chunkText(content, { language: 'fr' });
    expect(chunks.length).toBeGreaterThan(5);
    chunks.forEach((chunk, index) => {
      expect(chunk.ord).toBe(index);
      expect(content.slice(chunk.startChar, chunk.endChar)).toBe(chunk.text);
      expect(chunk.text).toBe(chunk.text.trim());
      if (index < chunks.length - 1) {
        expect(chunk.tokens).toBeGreaterThanOrEqual(200);
        expect(chunk.tokens).toBeLessThanOrEqual(520);
      }
    });
    expect(chunks[0]!.startChar).toBe(0);
    expect(chunks.at(-1)!.endChar).toBe(content.length);
  });

  it('ends chunks at sentence boundaries and overlaps the next one by a short sentence at most', () => {
    const sentences = Array.from(
      { length: 80 },
      (_, i) => `Phrase numéro ${i} sur la coopération entre le Guangxi et Quang Ninh.`,
    );
    const content = sentences.join(' ');
    const chunks = chunkText(content, { language: 'fr' });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.text).toMatch(/^Phrase numéro \d+/);
      expect(chunk.text).toMatch(/Quang Ninh\.$/);
    }
    for (let i = 1; i < chunks.length; i++) {
      const overlap = chunks[i - 1]!.endChar - chunks[i]!.startChar;
      expect(overlap).toBeGreaterThanOrEqual(0);
      expect(estimateTokens(content.slice(chunks[i]!.startChar, chunks[i - 1]!.endChar))).toBeLessThanOrEqual(
        60,
      );
    }
  });

  it('splits an unpunctuated wall of text between words', () => {
    const content = Array.from({ length: 2000 }, (_, i) => `mot${i}`).join(' ');
    const chunks = chunkText(content);
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.tokens).toBeLessThanOrEqual(520);
      expect(content.slice(chunk.startChar, chunk.endChar)).toBe(chunk.text);
      expect(chunk.text).toMatch(/^mot\d+/);
      expect(chunk.text).toMatch(/mot\d+$/);
    }
  });

  it('handles Chinese sentences and a short document', () => {
    const chinese = '广西壮族自治区党委书记陈刚会见了广宁省委书记。双方同意建设人工智能创新合作中心。'.repeat(
      30,
    );
    const chunks = chunkText(chinese, { language: 'zh' });
    for (const chunk of chunks) expect(chinese.slice(chunk.startChar, chunk.endChar)).toBe(chunk.text);
    expect(chunks.every((chunk) => chunk.text.endsWith('。'))).toBe(true);
    expect(chunkText('Une seule phrase.')).toEqual([
      { ord: 0, text: 'Une seule phrase.', startChar: 0, endChar: 17, tokens: 4 },
    ]);
    expect(chunkText('')).toEqual([]);
  });
});
