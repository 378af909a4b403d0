import { PassThrough, Readable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';

const database = useMigratedDatabase();

/** Runs the console on these lines; returns what it printed and what it logged. */
async function session(lines: string[]) {
  const logs: string[] = [];
  const ctx = {
    ...testContext(database().db),
    logger: pino({ level: 'info' }, { write: (line: string) => logs.push(line) }),
  };
  const output = new PassThrough();
  const printed: string[] = [];
  output.on('data', (chunk: Buffer) => printed.push(chunk.toString('utf8')));
  const code = await runConsole(ctx, {
    input: Readable.from(lines.map((line) => `${line}\n`)),
    output,
    seeded: null,
  });
  return { code, printed: printed.join(''), logs };
}

describe('console commands with bad input', () => {
  it('answers /done on a missing commitment with the reason only, no logged stack trace', async () => {
    const { printed, logs } = await session(['/done 99', '/quit']);
    expect(printed).toContain('There is no commitment #99.');
    expect(logs).toEqual([]);
  });

  it('prints the /commit usage once', async () => {
    const { printed } = await session(['/commit', '/commit @lan by Friday', '/quit']);
    const usages = printed.split('Dates understood:').length - 1;
    expect(usages).toBe(2);
    expect(printed).toContain('Nothing to record.');
    expect(printed).toContain('Say what will be done');
  });

  it('shows /commit usage with the @name owners the console takes, not Slack’s <@U…> syntax', async () => {
    const { printed } = await session(['/commit', '/quit']);
    expect(printed).toContain('Nothing to record.');
    expect(printed).toContain('@lan send the draft MoU');
    expect(printed).not.toContain('<@U');
    // The usage is printed once, not once by the parser and again by the console.
    expect(printed.split('Write what will be done').length).toBe(2);
  });

  it('logs a commitment owned by a plain @name', async () => {
    const { printed } = await session(['/commit @lan send the draft MoU to Guangxi FAO by Friday', '/quit']);
    expect(printed).toMatch(/Logged: .*send the draft MoU to Guangxi FAO/);
    expect(printed).toContain('lan');
  });
});
