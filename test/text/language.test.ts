import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../src/ingest/chunk.ts';
import { detectLanguage, textSearchConfig } from '../../src/text/language.ts';

describe('detectLanguage', () => {
  it.each([
    ['What did Guangxi propose on AI?', 'en'],
    ['Who signed the minutes?', 'en'],
    ['Minutes of 2 June 2025. Lang Son and Guangxi reviewed border trade.', 'en'],
    ['Who is Chen Gang?', 'en'],
    ["Qu'a proposé le Guangxi sur l'IA ?", 'fr'],
    ['Quand a eu lieu la réunion ?', 'fr'],
    ['Vad föreslog Guangxi om AI?', 'sv'],
    ['När hölls mötet?', 'sv'],
    ['Quảng Tây đã đề xuất gì về AI?', 'vi'],
    ['Ai đã ký biên bản?', 'vi'],
    ['广西在人工智能方面提出了什么？', 'zh'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("says 'und' rather than guess on names, single words and empty text", () => {
    expect(detectLanguage('Chen Gang')).toBe('und');
    expect(detectLanguage('Tran Cuong')).toBe('und');
    expect(detectLanguage('AI')).toBe('und');
    expect(detectLanguage('  2025 — 12/03 ')).toBe('und');
    expect(detectLanguage('')).toBe('und');
  });

  it('keeps French text quoting Vietnamese names French', () => {
    expect(
      detectLanguage(
        'Le secrétaire du Comité du Parti de la province de Quảng Ninh a reçu la délégation du Quảng Tây à Hạ Long.',
      ),
    ).toBe('fr');
  });

  it('reads every chunk of the English articles of the dev set as English, names notwithstanding', async () => {
    // tinyld read some (lists of related stories full of Vietnamese names) as Vietnamese.
    for (const name of ['a14.txt', 'a20.txt', 'b14.txt']) {
      const text = await readFile(new URL(`../../eval/corpus/${name}`, import.meta.url), 'utf8');
      for (const chunk of chunkText(text, { language: 'en' }))
        expect(detectLanguage(chunk.text), `${name} #${chunk.ord}`).toBe('en');
    }
  });

  it('detects the seed articles', async () => {
    const seeds = new URL('../../samples/minutes/', import.meta.url);
    expect(detectLanguage(await readFile(new URL('000_fc3021ebb688c876.txt', seeds), 'utf8'))).toBe('fr');
    expect(detectLanguage(await readFile(new URL('004_c16fc957563b6ada.txt', seeds), 'utf8'))).toBe('sv');
  });
});

describe('textSearchConfig', () => {
  it('maps languages to Postgres configs and falls back to simple', () => {
    expect(textSearchConfig('fr')).toBe('french');
    expect(textSearchConfig('sv')).toBe('swedish');
    expect(textSearchConfig('en')).toBe('english');
    expect(textSearchConfig('en-GB')).toBe('english');
    expect(textSearchConfig('vi')).toBe('simple');
    expect(textSearchConfig('zh')).toBe('simple');
    expect(textSearchConfig('und')).toBe('simple');
  });
});
