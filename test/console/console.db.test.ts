import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../src/console/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';

const getDb = useMigratedDatabase();

async function session(lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => {
    printed += String(chunk);
  });
  input.end(`${lines.join('\n')}\n/quit\n`);
  await runConsole(testContext(getDb().db), { input, output, io: captureIO().io, seeded: null });
  return printed;
}

describe('local console', () => {
  it('shows /commit usage with the @name owners the console takes, not Slack’s <@U…> syntax', async () => {
    const printed = await session(['/commit']);
    expect(printed).toContain('Nothing to record.');
    expect(printed).toContain('@lan send the draft MoU');
    expect(printed).not.toContain('<@U');
    // The usage is printed once, not once by the parser and again by the console.
    expect(printed.split('Write what will be done').length).toBe(2);
  });

  it('logs a commitment owned by a plain @name', async () => {
    const printed = await session(['/commit @lan send the draft MoU to Guangxi FAO by Friday']);
    expect(printed).toMatch(/Logged: .*send the draft MoU to Guangxi FAO/);
    expect(printed).toContain('lan');
  });
});
