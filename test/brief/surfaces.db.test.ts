import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.ts';
import { runConsole } from '../../src/console/index.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { currentBackend, useMigratedDatabase } from '../helpers/db.ts';
import { captureIO } from '../helpers/io.ts';
import { SEEDS_DIR } from '../helpers/seeds.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const database = useMigratedDatabase();
let env: Record<string, string>;
let h: SlackHarness;

beforeAll(async () => {
  env =
    currentBackend() === 'postgres'
      ? { DATABASE_URL: database().url ?? '', LOG_LEVEL: 'silent', DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh' }
      : {
          MINUTEBOOK_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'minutebook-brief-cli-')),
          LOG_LEVEL: 'silent',
          DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh',
        };
}, 120_000);
afterAll(() => h?.stop());

async function cli(...argv: string[]) {
  const capture = captureIO();
  const code = await runCli(argv, { env: { ...env, SAMPLES_DIR: SEEDS_DIR }, io: capture.io });
  return { code, out: capture.stdout(), err: capture.stderr() };
}

/** The seed files' text with whitespace made single spaces: every quote must be found in it. */
async function seedTexts(): Promise<string> {
  const files = await readdir(SEEDS_DIR);
  const texts = await Promise.all(files.map((file) => readFile(path.join(SEEDS_DIR, file), 'utf8')));
  return texts.join('\n').replace(/\s+/g, ' ');
}

describe('minutebook brief (CLI)', () => {
  it('prints a Markdown dossier on the seeds and CLI-logged commitments, every line cited or a commitment id', async () => {
    expect(
      (
        await cli(
          'commit',
          'send the draft MoU to Guangxi FAO by 5 March',
          '--as',
          'lan',
          '--on',
          '2025-03-01',
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli('commit', 'book interpreters for the Quảng Tây delegation in 2 weeks', '--as', 'minh')).code,
    ).toBe(0);
    expect((await cli('commit', 'renew the Lang Son border pass in 2 weeks', '--as', 'minh')).code).toBe(0);

    const { code, out } = await cli('brief', 'Guangxi', '--format', 'md');
    expect(code).toBe(0);
    expect(out).toMatch(/^# Brief: Guangxi\n/);
    for (const heading of [
      'Meetings',
      'Proposals by the counterpart',
      'Proposals by our side',
      'Agreements signed',
      'Open commitments',
      'Sources',
    ]) {
      expect(out).toContain(`## ${heading}`);
    }
    const body = out.slice(0, out.indexOf('## Sources'));
    const lines = body.split('\n').filter((line) => line.startsWith('- '));
    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) expect(line).toMatch(/(\[\d+\])+$|^- #\d+ /);
    expect(out).toMatch(/- #\d+ send the draft MoU to Guangxi FAO · lan · overdue 2025-03-05/);
    expect(out).toMatch(/- #\d+ book interpreters for the Quảng Tây delegation · minh · due /);
    expect(out).not.toContain('Lang Son border pass');

    const json = JSON.parse((await cli('brief', 'Guangxi', '--json')).out);
    const seeds = await seedTexts();
    expect(json.citations.length).toBeGreaterThan(3);
    for (const citation of json.citations) {
      expect(seeds).toContain(citation.quote.replace(/\s+/g, ' '));
      expect(citation.end_char - citation.start_char).toBe(citation.quote.length);
    }
  });

  it('refuses bad flags with usage', async () => {
    const bad = await cli('brief', 'Guangxi', '--since', '2025-13-01');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('usage: minutebook brief');
    expect((await cli('brief')).code).toBe(2);
  });
});

describe('/brief in the console and in Slack', () => {
  beforeAll(async () => {
    await prepareDatabase(database().db.pool);
    h = await startSlackHarness(database().db);
    // On native Postgres the CLI test above already ingested the seeds into this database.
    await ingestInputs(h.ctx, [SEEDS_DIR]);
  }, 120_000);

  it('prints the brief in the console', async () => {
    const output = new PassThrough();
    const printed: string[] = [];
    output.on('data', (chunk: Buffer) => printed.push(chunk.toString('utf8')));
    await runConsole(h.ctx, {
      input: Readable.from(['/brief Guangxi\n', '/brief\n', '/quit\n']),
      output,
      seeded: null,
    });
    const text = printed.join('');
    expect(text).toContain('# Brief: Guangxi');
    expect(text).toContain('## Proposals by the counterpart');
    expect(text).toContain('usage: /brief <counterpart or topic>');
  });

  it('answers a signed /brief with the cited dossier, privately, within Block Kit limits', async () => {
    const acks = h.responses().length;
    const response = await h.command('/brief', 'Guangxi', { channelId: 'C1', userId: 'U1' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(h.responses()[acks])).toContain('Preparing the brief on Guangxi');
    const post = await h.until(() =>
      responseUrlPosts(h.fake).find((body) => JSON.stringify(body).includes('Brief: Guangxi')),
    );
    expect(post.response_type).toBe('ephemeral');
    const blocks = post.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    const text = JSON.stringify(blocks);
    expect(text).toContain('Proposals by the counterpart');
    expect(text).toMatch(/\*\[1\]\*/);
  });

  it('answers /brief in the language of the asker’s Slack locale', async () => {
    h.fake.on('users.info', (args) => ({
      user: { id: args.user, tz: 'Asia/Ho_Chi_Minh', ...(args.user === 'UFR' ? { locale: 'fr-FR' } : {}) },
    }));
    await h.command('/brief', 'Guangxi', { channelId: 'C1', userId: 'UFR' });
    const post = await h.until(() =>
      responseUrlPosts(h.fake).find((body) => JSON.stringify(body).includes('Dossier : Guangxi')),
    );
    expect(JSON.stringify(post.blocks)).toContain('Propositions de l’interlocuteur');
  });

  it('replies to an empty /brief with usage', async () => {
    const acks = h.responses().length;
    await h.command('/brief', '  ');
    expect(JSON.stringify(h.responses()[acks])).toContain('Please name a counterpart or a topic.');
  });

  it('briefs in the thread when mentioned: "@Minutebook brief me on Quảng Tây"', async () => {
    const posts = h.fake.calls('chat.postMessage').length;
    await h.event({
      type: 'app_mention',
      user: 'U1',
      channel: 'C1',
      ts: '1732700000.000100',
      text: '<@UBOT> brief me on Quảng Tây',
    });
    const brief = await h.until(() =>
      h.fake
        .calls('chat.postMessage')
        .slice(posts)
        .find((call) => String(call.args.text).startsWith('Brief: Quảng Tây')),
    );
    expect(brief.args.thread_ts).toBe('1732700000.000100');
    expect(JSON.stringify(brief.args.blocks)).toContain('Tran Cuong');
  });
});
