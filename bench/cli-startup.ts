// How long one CLI command takes from the shell, embedded PGlite against native Postgres, and where
// the time of an embedded `search` goes. Every figure comes from a fresh process, as a user runs it.
//
//   npm run bench:startup                  [-- --runs 5]
//   native figures need DATABASE_URL or TEST_DATABASE_URL (a throwaway database is created and dropped)
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import module from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { throwawayNativeUrl } from './throwaway-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/minutebook.js');
const QUERY = 'Chen Gang';
const QUESTION = 'What did Guangxi propose on AI?';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    phases: { type: 'string' },
  },
});

if (values.phases) {
  await phases(values.phases);
  process.exit(0);
}

/**
 * Child mode: replays what `minutebook search` does, step by step, timing each step. The first
 * figure is the time from process start to the first line of this script (node itself).
 */
async function phases(dataDir: string): Promise<void> {
  module.enableCompileCache(); // as bin/minutebook.js does
  const marks: [string, number][] = [['node start', performance.now()]];
  let last = performance.now();
  const mark = (label: string) => {
    const now = performance.now();
    marks.push([label, now - last]);
    last = now;
  };
  await import('../src/cli.ts');
  mark('import src/cli.ts (dispatcher)');
  const { searchCommand } = await import('../src/cli/search.ts');
  mark("import the command's code");
  const { parseConfig } = await import('../src/config.ts');
  const { openAppContext } = await import('../src/context.ts');
  const { prepareDatabase } = await import('../src/db/prepare.ts');
  const config = parseConfig({ MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  mark('import context and database code');
  const ctx = await openAppContext(config);
  mark('open the database (PGlite.create, vector)');
  await prepareDatabase(ctx.db.pool);
  mark('migration check + aliases');
  const io = { out: () => undefined, err: () => undefined, isTTY: false };
  const run = () =>
    searchCommand.run({ positionals: [QUERY], values: {}, io, config, context: async () => ctx });
  await run();
  mark('search (cold)');
  await run();
  mark('search (warm)');
  await ctx.db.close();
  mark('close');
  console.log(JSON.stringify(marks));
}

function cli(args: string[], env: Record<string, string>): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
  });
  const elapsed = performance.now() - started;
  if (child.status !== 0) throw new Error(`minutebook ${args.join(' ')} failed: ${child.stderr}`);
  return elapsed;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const runs = Number(values.runs);
const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-bench-startup-'));
const nativeBase = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
let nativeUrl: string | undefined;
let dropNative: () => Promise<void> = async () => {};
try {
  const embedded = { MINUTEBOOK_DATA_DIR: dataDir };
  cli(['ingest', path.join(ROOT, 'samples/minutes')], embedded);
  if (nativeBase) {
    const native = await throwawayNativeUrl(nativeBase, 'minutebook_bench_startup');
    nativeUrl = native.url;
    dropNative = native.drop;
    cli(['ingest', path.join(ROOT, 'samples/minutes')], { DATABASE_URL: nativeUrl });
  }

  console.log(`node ${process.version}, ${runs} runs each, median wall time of the whole command`);
  const commands: [string, string[]][] = [
    ['--version', ['--version']],
    [`search "${QUERY}"`, ['search', QUERY]],
    [`ask "${QUESTION}"`, ['ask', QUESTION]],
  ];
  for (const [label, args] of commands) {
    const timesEmbedded = Array.from({ length: runs }, () => cli(args, embedded));
    let line = `${label.padEnd(44)} embedded ${seconds(median(timesEmbedded))}`;
    if (nativeUrl && args[0] !== '--version') {
      const url = nativeUrl;
      const timesNative = Array.from({ length: runs }, () => cli(args, { DATABASE_URL: url }));
      const ratio = median(timesEmbedded) / median(timesNative);
      line += `   native ${seconds(median(timesNative))}   embedded/native ${ratio.toFixed(2)}×`;
    }
    console.log(line);
  }

  console.log(
    `\nwhere an embedded \`search "${QUERY}"\` spends its time (median of ${runs} fresh processes):`,
  );
  const samples: [string, number][][] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phases', dataDir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`phases failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '[]'));
  }
  for (const [index, [label]] of samples[0]!.entries()) {
    const ms = median(samples.map((sample) => sample[index]![1]));
    console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
  }
} finally {
  await dropNative();
  await rm(dataDir, { recursive: true, force: true });
}
