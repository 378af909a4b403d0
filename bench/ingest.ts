// Ingestion rate: the five seed articles, then N documents made of their shuffled paragraphs, through
// the whole pipeline (load, clean, language, chunk, offline embeddings, store, translation links).
//
//   npm run bench:ingest                    embedded PGlite in memory
//   npm run bench:ingest -- --docs 200      DATABASE_URL / TEST_DATABASE_URL: a throwaway native database
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';

import { prepareDatabase } from '../src/db/prepare.ts';
import { createLocalEmbedder } from '../src/embed/local.ts';
import { type IngestReport, ingestInputs } from '../src/ingest/index.ts';
import { createLogger } from '../src/log.ts';
import { openThrowawayDatabase } from './throwaway-database.ts';

const { values } = parseArgs({ options: { docs: { type: 'string', default: '100' } } });
const SAMPLES = fileURLToPath(new URL('../samples/minutes/', import.meta.url));
const nativeUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;

let state = 12345;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};

function rate(reports: IngestReport[], seconds: number, bytes: number): string {
  const chunks = reports.reduce((sum, report) => sum + (report.chunks ?? 0), 0);
  const stored = reports.filter((report) => report.status === 'ingested').length;
  return `${stored} documents, ${chunks} chunks in ${seconds.toFixed(2)} s: ${(stored / seconds).toFixed(1)} docs/s, ${(chunks / seconds).toFixed(0)} chunks/s, ${(bytes / 1024 / seconds).toFixed(0)} KiB/s`;
}

const { db, cleanup } = await openThrowawayDatabase(nativeUrl, { prefix: 'minutebook_bench_ingest' });
const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-bench-ingest-'));
try {
  await prepareDatabase(db.pool);
  const ctx: AppContext = {
    config: parseConfig({}),
    db,
    logger: createLogger('silent'),
    embedder: createLocalEmbedder(),
    chat: null,
  };
  const names = (await readdir(SAMPLES)).sort();
  const seedBytes = (await Promise.all(names.map((name) => readFile(path.join(SAMPLES, name))))).reduce(
    (sum, bytes) => sum + bytes.length,
    0,
  );
  let t0 = performance.now();
  const seeds = await ingestInputs(ctx, [SAMPLES]);
  console.log(`backend ${db.backend}`);
  console.log(`seeds:     ${rate(seeds, (performance.now() - t0) / 1000, seedBytes)}`);

  const paragraphs = (await Promise.all(names.map((name) => readFile(path.join(SAMPLES, name), 'utf8'))))
    .flatMap((text) => text.split(/\n+/))
    .filter((line) => line.length > 200);
  const count = Number(values.docs);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const picked = Array.from({ length: 8 }, () => paragraphs[Math.floor(random() * paragraphs.length)]);
    const text = `Compte rendu ${i + 1}\n\n${picked.join('\n\n')}\n`;
    bytes += Buffer.byteLength(text);
    await writeFile(path.join(dir, `doc-${String(i).padStart(4, '0')}.txt`), text);
  }
  t0 = performance.now();
  const synthetic = await ingestInputs(ctx, [dir]);
  console.log(`synthetic: ${rate(synthetic, (performance.now() - t0) / 1000, bytes)}`);
  t0 = performance.now();
  const again = await ingestInputs(ctx, [dir]);
  const unchanged = again.filter((report) => report.status === 'unchanged').length;
  console.log(`re-ingest: ${unchanged} unchanged in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await cleanup();
}
