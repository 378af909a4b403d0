// Ingestion rate and peak memory of `minutebook ingest`, the real command in a fresh process, on a
// generated workload: N documents (500 by default) made of the paragraphs of the seed articles and of
// the dev-set corpus (vi, zh, en, fr, sv), one source language per document, 1 to 4 pages each
// (a page: 3,000 characters of text). Runs on the embedded database (a new data folder) and, with
// DATABASE_URL or TEST_DATABASE_URL, on a throwaway native database.
//
//   npm run bench:ingest                         500 documents, both backends
//   npm run bench:ingest -- --docs 100 --backend pglite
//
// The database is created first (`minutebook migrate` on a new data folder or database), so that the
// ingest figures are those of a database in use; the creation has a line of its own. Peak RSS is the
// high-water mark of the process and of its children, CPU their user + system time (/usr/bin/time;
// the embedded database is created by a child process). On native Postgres the server's own memory
// and CPU are not counted.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { throwawayNativeUrl } from './throwaway-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/minutebook.js');
// As `npx minutebook`, `npm start` and the Docker image start it (see bin/minutebook.js).
const NODE_FLAGS = ['--max-semi-space-size=4'];
const PAGE_CHARS = 3000;

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '500' },
    backend: { type: 'string', default: 'both' },
  },
});

let state = 12345;
const random = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};

/** Writes the workload; returns its page count. Deterministic: the same documents on every run. */
async function writeWorkload(dir: string, count: number): Promise<number> {
  const sources: string[][] = [];
  for (const folder of ['samples/minutes', 'eval/corpus']) {
    for (const name of (await readdir(path.join(ROOT, folder))).sort()) {
      if (!/\.(txt|md)$/.test(name) || /^readme/i.test(name)) continue;
      const paragraphs = (await readFile(path.join(ROOT, folder, name), 'utf8'))
        .replace(/^---\n[\s\S]*?\n---\n/, '')
        .split(/\n+/)
        .filter((line) => line.length > 120);
      if (paragraphs.length >= 3) sources.push(paragraphs);
    }
  }
  let pages = 0;
  for (let i = 0; i < count; i++) {
    const paragraphs = sources[Math.floor(random() * sources.length)]!;
    const target = (1 + Math.floor(random() * 3) + Math.floor(random() * 2)) * PAGE_CHARS;
    const picked: string[] = [];
    let length = 0;
    while (length < target - 300) {
      const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
      picked.push(paragraph);
      length += paragraph.length + 2;
    }
    const text = `Meeting record ${i + 1}\n\n${picked.join('\n\n')}\n`;
    pages += Math.ceil([...text].length / PAGE_CHARS);
    await writeFile(path.join(dir, `doc-${String(i).padStart(4, '0')}.txt`), text);
  }
  return pages;
}

interface Run {
  seconds: number;
  /** User + system CPU time: steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakMiB: number;
  stdout: string;
}

/** `minutebook <args>` in a fresh process: wall time, CPU time, peak RSS and its output. */
async function minutebook(args: string[], env: Record<string, string>): Promise<Run> {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const timeArgs = timed ? ['-f', 'peak-rss-kib %M cpu %U %S', process.execPath] : [];
  const started = performance.now();
  const child = spawn(command, [...timeArgs, ...NODE_FLAGS, BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data) => {
    stdout += data;
  });
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`minutebook ${args[0]} failed (${code}): ${stderr.slice(-2000)}`);
  const peak = stderr.match(/peak-rss-kib (\d+) cpu ([\d.]+) ([\d.]+)/);
  return {
    seconds,
    peakMiB: peak ? Number(peak[1]) / 1024 : Number.NaN,
    cpuSeconds: peak ? Number(peak[2]) + Number(peak[3]) : Number.NaN,
    stdout,
  };
}

/** Creates the database, ingests the folder into it, and prints both. */
async function measure(label: string, dir: string, pages: number, env: Record<string, string>) {
  const create = await minutebook(['migrate'], env);
  console.log(
    `${label.padEnd(9)} create the database: ${create.seconds.toFixed(1)} s, CPU ${create.cpuSeconds.toFixed(1)} s, ` +
      `peak RSS ${create.peakMiB.toFixed(0)} MiB`,
  );
  const run = await minutebook(['ingest', '--json', dir], env);
  const reports = JSON.parse(run.stdout) as { status: string; chunks?: number }[];
  const documents = reports.filter((report) => report.status === 'ingested').length;
  const chunks = reports.reduce((sum, report) => sum + (report.chunks ?? 0), 0);
  console.log(
    `${label.padEnd(9)} ingest: ${documents} documents, ${chunks} chunks in ${run.seconds.toFixed(1)} s: ` +
      `${(pages / run.seconds).toFixed(1)} pages/s; CPU ${run.cpuSeconds.toFixed(1)} s ` +
      `(${(pages / run.cpuSeconds).toFixed(1)} pages per CPU second); peak RSS ${run.peakMiB.toFixed(0)} MiB`,
  );
}

const count = Number(values.docs);
const dir = await mkdtemp(path.join(tmpdir(), 'minutebook-bench-ingest-'));
const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-bench-ingest-data-'));
const nativeBase = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
const backends = values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend];
try {
  const pages = await writeWorkload(dir, count);
  console.log(
    `node ${process.version}; ${count} documents, ${pages} pages (${PAGE_CHARS} characters a page); ` +
      'each step a fresh `minutebook` process',
  );
  if (backends.includes('pglite')) await measure('embedded', dir, pages, { MINUTEBOOK_DATA_DIR: dataDir });
  if (backends.includes('postgres')) {
    if (!nativeBase) console.log('native    skipped: set DATABASE_URL or TEST_DATABASE_URL');
    else {
      const native = await throwawayNativeUrl(nativeBase, 'minutebook_bench_ingest');
      try {
        await measure('native', dir, pages, { DATABASE_URL: native.url });
      } finally {
        await native.drop();
      }
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
}
