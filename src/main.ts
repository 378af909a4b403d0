import { existsSync } from 'node:fs';
import { runCli } from './cli.ts';

// The only place that touches the real process: argv, env, stdio and the exit code.
// Settings in ./.env are loaded first; a variable already set in the real environment wins.
if (existsSync('.env')) process.loadEnvFile('.env');
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTTY: Boolean(process.stdout.isTTY),
    progress: process.stderr.isTTY ? process.stderr : undefined,
  },
});
process.exitCode = code;
