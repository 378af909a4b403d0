// Memory of the commands people run, on the embedded database and (with DATABASE_URL or
// TEST_DATABASE_URL) on a throwaway native one, each over the five seed articles:
// - peak RSS of one CLI `search` and one CLI `ask` (a fresh process each, as a user runs them);
// - the console (`minutebook serve` without Slack tokens): RSS once it is ready, after 20 questions
//   of the dev set asked one after the other, and its peak.
//
//   npm run bench:memory                    [-- --questions 20 --backend both|pglite|postgres]
//
// RSS is read from /proc/<pid>/status (VmRSS now, VmHWM the peak); the CLI peaks come from
// /usr/bin/time when it is installed.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { throwawayNativeUrl } from './throwaway-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin/minutebook.js');
// As `npx minutebook`, `npm start` and the Docker image start it (see bin/minutebook.js).
const NODE_FLAGS = ['--max-semi-space-size=4'];
const SEARCH = 'Chen Gang';
const QUESTION = 'What did Guangxi propose on AI?';
const PROMPT = 'minutebook> ';

const { values } = parseArgs({
  options: {
    questions: { type: 'string', default: '20' },
    backend: { type: 'string', default: 'both' },
  },
});

const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn' };

/** Runs a CLI command to its end; its peak RSS in MiB (NaN without /usr/bin/time) and wall time. */
async function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ peakMiB: number; seconds: number }> {
  const timed = existsSync('/usr/bin/time');
  const command = timed ? '/usr/bin/time' : process.execPath;
  const started = performance.now();
  const child = spawn(
    command,
    [...(timed ? ['-f', 'peak-rss-kib %M', process.execPath] : []), ...NODE_FLAGS, BIN, ...args],
    {
      cwd: ROOT,
      env: { ...baseEnv, ...env },
    },
  );
  let stderr = '';
  child.stdout.resume();
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`minutebook ${args.join(' ')} failed (${code}): ${stderr.slice(-2000)}`);
  const peak = stderr.match(/peak-rss-kib (\d+)/);
  return {
    peakMiB: peak ? Number(peak[1]) / 1024 : Number.NaN,
    seconds: (performance.now() - started) / 1000,
  };
}

function status(pid: number): { rss: number; peak: number } {
  const text = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(text.match(new RegExp(`${field}:\\s+(\\d+) kB`))?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** Waits until the console has printed `count` prompts in all. */
function prompts(child: ChildProcessWithoutNullStreams): (count: number) => Promise<void> {
  let seen = 0;
  let waiting: { count: number; resolve: () => void; reject: (error: Error) => void } | undefined;
  let failed: Error | undefined;
  let stderr = '';
  child.stderr.on('data', (data) => {
    stderr += data;
  });
  child.stdout.on('data', (data: Buffer) => {
    seen += data.toString().split(PROMPT).length - 1;
    if (waiting && seen >= waiting.count) waiting.resolve();
  });
  child.on('close', (code) => {
    failed = new Error(`the console stopped (${code}): ${stderr.slice(-2000)}`);
    waiting?.reject(failed);
  });
  return (count) =>
    new Promise<void>((resolve, reject) => {
      if (seen >= count) return resolve();
      if (failed) return reject(failed);
      waiting = { count, resolve, reject };
    });
}

async function consoleRun(env: Record<string, string>, questions: string[]) {
  const child = spawn(process.execPath, [...NODE_FLAGS, BIN, 'serve'], {
    cwd: ROOT,
    env: { ...baseEnv, ...env },
  });
  const until = prompts(child);
  const started = performance.now();
  await until(1);
  const ready = status(child.pid!);
  const readySeconds = (performance.now() - started) / 1000;
  for (const [index, question] of questions.entries()) {
    child.stdin.write(`${question}\n`);
    await until(index + 2);
  }
  const after = status(child.pid!);
  const answerSeconds = (performance.now() - started) / 1000 - readySeconds;
  child.stdin.end('/quit\n');
  await new Promise((resolve) => child.on('close', resolve));
  return { ready, readySeconds, after, answerSeconds };
}

async function measure(label: string, env: Record<string, string>, questions: string[]): Promise<void> {
  await cli(['ingest', path.join(ROOT, 'samples/minutes')], env);
  const search = await cli(['search', SEARCH], env);
  const ask = await cli(['ask', QUESTION], env);
  const run = await consoleRun(env, questions);
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  console.log(`${label}:`);
  console.log(
    `  CLI search "${SEARCH}"`.padEnd(48),
    `peak ${mib(search.peakMiB)} (${search.seconds.toFixed(1)} s)`,
  );
  console.log(`  CLI ask "${QUESTION}"`.padEnd(48), `peak ${mib(ask.peakMiB)} (${ask.seconds.toFixed(1)} s)`);
  console.log(
    '  console ready'.padEnd(48),
    `RSS ${mib(run.ready.rss)}, peak ${mib(run.ready.peak)} (${run.readySeconds.toFixed(1)} s)`,
  );
  console.log(
    `  console after ${questions.length} questions`.padEnd(48),
    `RSS ${mib(run.after.rss)}, peak ${mib(run.after.peak)} (${run.answerSeconds.toFixed(1)} s)`,
  );
}

const questions = readFileSync(path.join(ROOT, 'eval/questions.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => (JSON.parse(line) as { question: string }).question.replace(/\s+/g, ' '))
  .slice(0, Number(values.questions));
const backends = values.backend === 'both' ? ['pglite', 'postgres'] : [values.backend];
const nativeBase = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
console.log(
  `node ${process.version}; the five seed articles; ${questions.length} questions of eval/questions.jsonl`,
);
if (backends.includes('pglite')) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-bench-memory-'));
  try {
    await measure('embedded', { MINUTEBOOK_DATA_DIR: dataDir }, questions);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
if (backends.includes('postgres')) {
  if (!nativeBase) console.log('native: skipped (set DATABASE_URL or TEST_DATABASE_URL)');
  else {
    const native = await throwawayNativeUrl(nativeBase, 'minutebook_bench_memory');
    try {
      await measure('native', { DATABASE_URL: native.url }, questions);
    } finally {
      await native.drop();
    }
  }
}
