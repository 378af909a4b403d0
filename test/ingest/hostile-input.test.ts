import { describe, expect, it } from 'vitest';
import { loadBytes } from '../../src/ingest/loaders/index.ts';
import { findTitle } from '../../src/ingest/metadata.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('hostile documents', () => {
  it('reads HTML nested 5,000 elements deep without overflowing the stack', async () => {
    const html = `<html><head><title>Deep</title></head><body>${'<div>'.repeat(5000)}<p>Le comité s'est réuni à Lang Son.</p>${'</div>'.repeat(5000)}</body></html>`;
    const doc = await loadBytes('deep.html', utf8(html));
    expect(doc).toMatchObject({ title: 'Deep', text: "Le comité s'est réuni à Lang Son." });
  });

  it('strips bidi overrides and control characters from titles, wherever the title comes from', () => {
    // U+202E shows "minutes_exe.pdf" as "minutes_fdp.exe"; U+2066–U+2069 isolate runs the same way.
    expect(findTitle('body\nmore', 'Minutes \u202Efdp.exe\u202C of JWC 17', 'x')).toBe(
      'Minutes fdp.exe of JWC 17',
    );
    expect(findTitle('Ordre du jour\u2067 révisé\u2069\nLe comité…', undefined, 'x')).toBe(
      'Ordre du jour révisé',
    );
    expect(findTitle('', undefined, 'report\u202Etxt.exe\u0007')).toBe('reporttxt.exe');
  });
});
