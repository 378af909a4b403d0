import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../src/ingest/prepare.ts';
import { workerPreparer } from '../../src/ingest/preparer.ts';

const CORPUS = fileURLToPath(new URL('../../eval/corpus/', import.meta.url));

describe('the preparing worker', () => {
  it('loses no document when it stops: those it held are prepared on the main thread', async () => {
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(line) });
    // A heap too small for the lexicons: the worker runs out of memory on its first document.
    const preparer = workerPreparer(logger, 4);
    const corpus = (await readdir(CORPUS)).filter((name) => name.endsWith('.txt')).sort();
    const texts = await Promise.all(
      [corpus[0]!, corpus[15]!, corpus[30]!].map(async (name) => ({
        name,
        text: await readFile(path.join(CORPUS, name), 'utf8'),
      })),
    );
    try {
      const results = await Promise.all(
        texts.map(({ name, text }) => preparer.prepare({ text, format: 'text' }, name, 'DMY')),
      );
      for (const [i, { name, text }] of texts.entries())
        expect(results[i]).toEqual(prepare({ text, format: 'text' }, name, 'DMY'));
    } finally {
      await preparer.close();
    }
    expect(warnings.join('')).toMatch(/ingestion worker stopped/);
  }, 60_000);
});
