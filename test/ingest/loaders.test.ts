import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { kindOf, loadBytes, SkipError } from '../../src/ingest/loaders/index.ts';
import { makeDocx, makePdf } from '../helpers/documents.ts';

const fixture = (name: string) => readFile(new URL(`../fixtures/${name}`, import.meta.url));
const utf8 = (text: string) => new TextEncoder().encode(text);

async function skipReason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SkipError) return error.message;
    throw error;
  }
  throw new Error('expected the file to be skipped');
}

describe('text loader', () => {
  it('reads UTF-8 with a BOM, and Windows-1252 when the bytes are not UTF-8', async () => {
    const withBom = await loadBytes(
      'a.txt',
      new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Quảng Tây, 21 février')]),
    );
    expect(withBom.text).toBe('Quảng Tây, 21 février');
    const latin1 = await loadBytes('b.txt', new Uint8Array([0x66, 0xe9, 0x76, 0x72, 0x69, 0x65, 0x72]));
    expect(latin1.text).toBe('février');
  });

  it('refuses binary content whatever the extension says', async () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    expect(await skipReason(loadBytes('notes.txt', junk))).toMatch(/binary/);
  });
});

describe('markdown loader', () => {
  it('turns front matter into metadata and strips the markup', async () => {
    const doc = await loadBytes('minutes.md', await fixture('minutes.md'));
    expect(doc.format).toBe('markdown');
    expect(doc.title).toBe('Minutes of the 16th Joint Working Committee');
    expect(doc.date).toBe('2025-02-20');
    expect(doc.language).toBe('en');
    expect(doc.metadata?.frontMatter).toMatchObject({ tags: ['guangxi', 'border'] });
    expect(doc.text).toContain('The Joint Working Committee met in Ha Long on 20 February 2025.');
    expect(doc.text).toContain('Guangxi proposed a China–Vietnam AI innovation cooperation centre.');
    expect(doc.text).not.toMatch(/---|\*\*|\]\(|!\[|^#/m);
  });
});

describe('html loader', () => {
  it('keeps the article text and drops scripts, styles, navigation, asides, captions and footers', async () => {
    const doc = await loadBytes('article.html', await fixture('article.html'));
    expect(doc.format).toBe('html');
    expect(doc.title).toBe('Réunion de printemps 2025 entre Quang Ninh et le Guangxi');
    expect(doc.date).toBe('2025-02-21T08:00:00+07:00');
    expect(doc.language).toBe('fr');
    expect(doc.text).toContain(
      "Le matin du 21 février, à Ha Long, s'est tenue la réunion de printemps 2025.",
    );
    expect(doc.text).toContain('un centre de coopération en intelligence artificielle.');
    expect(doc.text).toContain('72,2 milliards USD');
    for (const unwanted of [
      'DO-NOT-INDEX',
      'injected',
      'inline script',
      'color: red',
      'Accueil',
      'Pieds de porc',
      'JavaScript',
      'Tous droits',
      'photos souvenirs',
    ]) {
      expect(doc.text).not.toContain(unwanted);
    }
  });

  it('survives broken markup', async () => {
    const doc = await loadBytes('x.html', utf8('<p>Ouvert <b>sans fermer <div>Guangxi <script>alert(1)'));
    expect(doc.text).toContain('Guangxi');
    expect(doc.text).not.toContain('alert');
  });
});

describe('pdf loader', () => {
  it('extracts the text layer of a real PDF, page by page', async () => {
    const bytes = await makePdf(
      [
        [
          'Minutes of the Joint Working Committee',
          'Ha Long, 20 February 2025',
          'Guangxi proposed an AI centre.',
        ],
        ['Second page: Mong Cai and Dongxing will pilot a cooperation zone.'],
      ],
      'JWC minutes',
    );
    const doc = await loadBytes('minutes.pdf', bytes);
    expect(doc.format).toBe('pdf');
    expect(doc.title).toBe('JWC minutes');
    expect(doc.text).toContain('Guangxi proposed an AI centre.');
    expect(doc.text).toContain('Second page: Mong Cai and Dongxing will pilot a cooperation zone.');
    expect(doc.text.indexOf('Ha Long')).toBeLessThan(doc.text.indexOf('Second page'));
  });

  it('skips binary junk named .pdf, a truncated PDF and a PDF without text', async () => {
    const junk = new Uint8Array(2048).map((_, i) => (i * 31) % 256);
    expect(await skipReason(loadBytes('junk.pdf', junk))).toMatch(/not a PDF/);
    const real = await makePdf([['Some text on a page']]);
    expect(await skipReason(loadBytes('cut.pdf', real.slice(0, 200)))).toMatch(/unreadable PDF|no text/);
    const blank = await makePdf([[]]);
    expect(await skipReason(loadBytes('scan.pdf', blank))).toMatch(/no text layer/);
  });
});

describe('docx loader', () => {
  it('extracts the paragraphs of a real DOCX', async () => {
    const bytes = await makeDocx('Biên bản hội đàm', [
      'Ngày 20 tháng 2 năm 2025, tại Hạ Long.',
      'Quảng Tây đề xuất xây dựng trung tâm hợp tác đổi mới sáng tạo về trí tuệ nhân tạo.',
    ]);
    const doc = await loadBytes('bien-ban.docx', bytes);
    expect(doc.format).toBe('docx');
    expect(doc.text).toContain('Biên bản hội đàm');
    expect(doc.text).toContain(
      'Quảng Tây đề xuất xây dựng trung tâm hợp tác đổi mới sáng tạo về trí tuệ nhân tạo.',
    );
  });

  it('skips a zip that is not a Word document and junk named .docx', async () => {
    expect(await skipReason(loadBytes('x.docx', utf8('not a zip at all')))).toMatch(/not a DOCX/);
    const fakeZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(200)]);
    expect(await skipReason(loadBytes('y.docx', fakeZip))).toMatch(/unreadable DOCX/);
  });
});

describe('loader choice', () => {
  it('skips empty files and unsupported types with a reason', async () => {
    expect(await skipReason(loadBytes('empty.txt', new Uint8Array()))).toBe('empty file');
    expect(await skipReason(loadBytes('photo.jpg', utf8('xx')))).toMatch(/unsupported type \.jpg/);
  });

  it('prefers the extension for files and the MIME type for downloads', () => {
    expect(kindOf('a.md', 'text/plain')).toBe('markdown');
    expect(kindOf('page.php', 'text/html; charset=utf-8')).toBe('html');
    expect(kindOf('report.pdf', 'text/html', true)).toBe('html');
    expect(kindOf('data.csv')).toBeUndefined();
  });
});
