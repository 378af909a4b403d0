import { runCli } from './cli.ts';

// The only place that touches the real process: argv, env, stdio and the exit code.
const code = await runCli(process.argv.slice(2), {
  env: process.env,
  io: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTTY: Boolean(process.stdout.isTTY),
  },
});
process.exitCode = code;
