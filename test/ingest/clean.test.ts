import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/ingest/clean.ts';
import { readSeed } from '../helpers/seeds.ts';

describe('cleanText', () => {
  it('strips the Vietnam.vn banner, date stamp, captions and related-article trailer of seed 001', async () => {
    const { content, dateHints } = cleanText(await readSeed('001'));
    expect(dateHints).toEqual(['20/02/2025']);
    expect(
      content.startsWith('Le camarade secrétaire du Comité du Parti provincial de Quang Ninh rencontre'),
    ).toBe(true);
    for (const boilerplate of [
      'Vietnam.vn',
      'Việt NamViệt Nam',
      'Les délégués prennent des photos souvenirs.',
      'Comment (0)',
      'Pieds de porc',
      'No videos available',
      'Même sujet',
    ]) {
      expect(content).not.toContain(boilerplate);
    }
    // The "Français" language-switcher artefact and the lone "un" line are gone; the text stays.
    expect(content).not.toMatch(/^Français /m);
    expect(content).not.toMatch(/^un$/m);
    expect(content).toContain("À l'occasion de la participation de la délégation");
    expect(content).toContain('Cet après-midi, les secrétaires provinciaux du Parti des trois provinces');
  });

  it('removes the caption pairs (alt text + caption) of the Swedish seed and keeps the article', async () => {
    const { content, dateHints } = cleanText(await readSeed('004'));
    expect(dateHints).toEqual(['21/02/2025']);
    expect(content).not.toContain('Delegater som deltar i vårträffens program 2025.');
    expect(content).not.toContain('höll ett tal vid programmet.');
    expect(content).not.toContain('Källa');
    expect(content).not.toContain('Happy Vietnam');
    expect(content).toContain(
      'gemensamt bygga ett Kina-Vietnams centrum för innovationssamarbete inom artificiell intelligens',
    );
  });

  it('reads the "date 2025-02" prefix of seed 002 as a hint and drops agency credits', async () => {
    const { content, dateHints } = cleanText(await readSeed('002'));
    expect(dateHints).toEqual(['2025-02']);
    expect(content.startsWith('Coopération entre les localités vietnamiennes et chinoises\n')).toBe(true);
    expect(content).not.toContain('VNA/CVN');
    expect(content).not.toContain('Photo :');
  });

  it('drops caption lines that end with a photo credit (seed 003) and keeps the paragraph text', async () => {
    const { content } = cleanText(await readSeed('003'));
    expect(content).not.toContain('Photo : NDEL');
    expect(content).toContain('la 14e conférence en ligne du comité de travail conjoint');
  });

  it('normalises whitespace, line endings and invisible characters without touching the words', () => {
    const { content } = cleanText('  Title\u00a0here \r\n\r\n\r\n\r\nBody\u200b text\twith  spaces.\r\n');
    expect(content).toBe('Title here\n\nBody text with spaces.');
  });

  it('keeps a short "Source" heading that is followed by real text', () => {
    const body = 'A long paragraph about the meeting. '.repeat(20);
    const { content } = cleanText(
      `${body}\nSource\n${'The source of the funds was the provincial budget, '.repeat(6)}`,
    );
    expect(content).toContain('The source of the funds');
  });
});
