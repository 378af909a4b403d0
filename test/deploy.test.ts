import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../src/cli.ts';
import { SETTING_NAMES } from '../src/config.ts';
import { captureIO } from './helpers/io.ts';

// No Docker daemon runs in CI: these checks read the deployment files instead of running them.
const root = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

interface Instruction {
  op: string;
  args: string;
}

/** Dockerfile instructions, with line continuations joined and comments dropped. */
function dockerfile(): Instruction[] {
  return readFileSync(root('Dockerfile'), 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [op, ...rest] = line.split(/\s+/);
      return { op: op!.toUpperCase(), args: rest.join(' ') };
    });
}

describe('compose.yaml', () => {
  const compose = parse(readFileSync(root('compose.yaml'), 'utf8')) as {
    services: Record<string, Record<string, unknown>>;
    volumes: Record<string, unknown>;
  };
  const app = compose.services.app!;
  const db = compose.services.db!;

  it('sets only variables that Minutebook reads', () => {
    const names = Object.keys(app.environment as Record<string, string>);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(SETTING_NAMES, name).toContain(name);
  });

  it('runs pgvector on Postgres 17 with a volume and starts the app once the database is healthy', () => {
    expect(db.image).toBe('pgvector/pgvector:pg17');
    expect(db.healthcheck).toBeDefined();
    const [volume] = (db.volumes as string[])[0]!.split(':');
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(app.depends_on).toEqual({ db: { condition: 'service_healthy' } });
    expect(app.env_file).toEqual([{ path: '.env', required: false }]);
    const url = new URL(
      (app.environment as Record<string, string>).DATABASE_URL!.replace(/\$\{[^}]+\}/g, 'x'),
    );
    expect(url.hostname).toBe('db');
  });
});

describe('Dockerfile', () => {
  const instructions = dockerfile();

  it('builds on Node 24 slim in two stages, installs production dependencies with npm ci, runs as non-root', () => {
    const froms = instructions.filter((instruction) => instruction.op === 'FROM');
    expect(froms.map((from) => from.args.split(' ')[0])).toEqual(['node:24-slim', 'node:24-slim']);
    expect(instructions.some((i) => i.op === 'RUN' && i.args.startsWith('npm ci --omit=dev'))).toBe(true);
    expect(instructions.findLast((i) => i.op === 'USER')?.args).toBe('node');
  });

  it('copies only paths that exist in the repository', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))) {
      const sources = copy.args.split(' ').slice(0, -1);
      for (const source of sources) expect(existsSync(root(source)), source).toBe(true);
    }
  });

  it('sets only environment variables that Minutebook (or Node) reads', () => {
    const names = instructions
      .filter((i) => i.op === 'ENV')
      .flatMap((i) => [...i.args.matchAll(/(\w+)=/g)].map((match) => match[1]!));
    for (const name of names) expect([...SETTING_NAMES, 'NODE_ENV'], name).toContain(name);
  });

  it('starts a command the CLI has, and probes /healthz with valid JavaScript', async () => {
    const cmd = JSON.parse(instructions.findLast((i) => i.op === 'CMD')!.args) as string[];
    expect(cmd[0]).toBe('node');
    // Node's own flags (--max-semi-space-size=4, as bin/minutebook.js's shebang) come before the script.
    const script = cmd.findIndex((arg, index) => index > 0 && !arg.startsWith('--'));
    expect(cmd.slice(1, script).every((flag) => /^--[a-z-]+(=\S+)?$/.test(flag))).toBe(true);
    expect(existsSync(root(cmd[script]!))).toBe(true);
    const capture = captureIO();
    expect(await runCli([...cmd.slice(script + 1), '--help'], { env: {}, io: capture.io })).toBe(0);

    const check = instructions.find((i) => i.op === 'HEALTHCHECK')!.args;
    const probe = JSON.parse(check.slice(check.indexOf('CMD') + 3).trim()) as string[];
    expect(probe.slice(0, 2)).toEqual(['node', '-e']);
    expect(probe[2]).toContain('/healthz');
    expect(() => new Function(probe[2]!)).not.toThrow();
  });
});
