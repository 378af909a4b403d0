import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../fakes/slack.ts';
import { freePort, runMinutebook, type ServeProcess, signedPost, waitFor } from '../helpers/serve-process.ts';

// Native Postgres stopped and restarted under a running `minutebook serve`: a private cluster on its
// own port (PostgreSQL 15 with pgvector, as CI installs it), so the shared test server is never touched.

const PG_BIN = '/usr/lib/postgresql/15/bin';
const SECRET = 'fault-secret';
const isRoot = process.getuid?.() === 0;

function unavailableReason(): string | undefined {
  if (!existsSync(path.join(PG_BIN, 'initdb'))) return `no PostgreSQL 15 server binaries in ${PG_BIN}`;
  if (!existsSync('/usr/share/postgresql/15/extension/vector.control'))
    return 'pgvector is not installed for PG 15';
  if (isRoot) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres OS user to run the server as';
    }
  }
  return undefined;
}

const skipReason = unavailableReason();

/** Runs a server binary as the postgres OS user when we are root (initdb and postgres refuse root). */
function pgRun(binary: string, args: string[]) {
  const command = path.join(PG_BIN, binary);
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: 'pipe', timeout: 60_000 });
}

describe.skipIf(skipReason)(
  `Postgres stopped and restarted while serve runs${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let dir: string;
    let dataDir: string;
    let pgPort: number;
    let fake: FakeSlack;
    let serve: ServeProcess | undefined;

    const pgStart = () =>
      pgRun('pg_ctl', [
        '-D',
        dataDir,
        '-l',
        path.join(dir, 'postgres.log'),
        '-o',
        `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
        '-w',
        'start',
      ]);
    const pgStop = () => pgRun('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'minutebook-pg-'));
      dataDir = path.join(dir, 'data');
      if (isRoot) {
        const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
        const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
        await chown(dir, uid, gid);
        await chmod(dir, 0o700);
      }
      pgPort = await freePort();
      pgRun('initdb', [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '-E',
        'UTF8',
        '--no-sync',
        '--no-instructions',
      ]);
      pgStart();
      fake = await new FakeSlack().start();
      fake.route('POST /response', () => ({ body: { ok: true } }));
    }, 120_000);

    afterAll(async () => {
      serve?.child.kill('SIGKILL');
      await fake?.stop();
      try {
        pgStop();
      } catch {
        // Already stopped (a failed test).
      }
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('gives every request a visible outcome during the outage, loses no stored commitment, and recovers', async () => {
      const port = await freePort();
      const databaseUrl = `postgres://postgres@127.0.0.1:${pgPort}/postgres`;
      const samples = path.join(dir, 'no-samples');
      await mkdir(samples, { recursive: true });
      serve = runMinutebook(['serve'], {
        DATABASE_URL: databaseUrl,
        SAMPLES_DIR: samples,
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
      });
      const base = `http://127.0.0.1:${port}`;
      const readyz = async () => {
        const response = await fetch(`${base}/readyz`);
        return { status: response.status, body: await response.json() };
      };
      await waitFor(async () => ((await readyz()).status === 200 ? true : undefined), 90_000, 200);

      let tried = 0;
      let n = 0;
      const commit = async (phase: string) => {
        tried++;
        n++;
        const body = new URLSearchParams({
          team_id: 'T1',
          channel_id: 'C1',
          user_id: 'U1',
          command: '/commit',
          text: `<@U2> item ${phase}-${n} by 30 Dec`,
          api_app_id: 'A1',
          response_url: `${fake.url}/response?n=${n}`,
          trigger_id: `trigger-${phase}-${n}`,
        }).toString();
        const response = await signedPost(base, SECRET, body, 'application/x-www-form-urlencoded');
        expect(response.status).toBe(200);
        return n;
      };
      const mention = async (ts: string) => {
        tried++;
        const body = JSON.stringify({
          team_id: 'T1',
          api_app_id: 'A1',
          type: 'event_callback',
          event_id: `Ev${ts.replace('.', '')}`,
          event_time: Math.floor(Date.now() / 1000),
          authorizations: [{ team_id: 'T1', user_id: 'UBOT', is_bot: true }],
          event: { type: 'app_mention', user: 'U1', channel: 'C1', ts, text: '<@UBOT> what was decided?' },
        });
        expect((await signedPost(base, SECRET, body, 'application/json')).status).toBe(200);
      };
      const replies = () => fake.requestsTo('POST /response').map((request) => request.rawBody);
      const confirmed = () => replies().filter((body) => body.includes('"in_channel"'));
      const failedVisibly = () => replies().filter((body) => /request id [0-9a-f]{8}/.test(body));
      const apologies = (threads: string[]) =>
        fake
          .calls('chat.postMessage')
          .filter(
            (call) =>
              threads.includes(String(call.args.thread_ts)) &&
              /request id [0-9a-f]{8}/.test(String(call.args.text)),
          );

      // Before: the database works.
      for (let i = 0; i < 8; i++) await commit('before');
      await waitFor(async () => (confirmed().length >= 8 ? true : undefined), 20_000);

      // Outage: every request still gets a visible outcome, and /readyz says why.
      pgStop();
      const outageThreads = ['1732900100.000100', '1732900101.000100', '1732900102.000100'];
      for (let i = 0; i < 8; i++) await commit('during');
      for (const ts of outageThreads) await mention(ts);
      await waitFor(async () => (failedVisibly().length >= 8 ? true : undefined), 30_000);
      await waitFor(async () => (apologies(outageThreads).length >= 3 ? true : undefined), 30_000);
      const down = await readyz();
      expect(down).toEqual({ status: 503, body: { ok: false, database: false, slack: true } });

      // After: readiness returns by itself, and commitments are stored again.
      pgStart();
      await waitFor(async () => ((await readyz()).status === 200 ? true : undefined), 30_000, 200);
      for (let i = 0; i < 8; i++) await commit('after');
      await waitFor(async () => (confirmed().length >= 16 ? true : undefined), 20_000);

      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ title: string }>('SELECT title FROM commitments');
      await client.end();
      const stored = new Set(rows.map((row) => row.title));
      const acknowledgedAsStored = confirmed().map((body) => /item ((?:before|after)-\d+)/.exec(body)?.[1]);
      const lost = acknowledgedAsStored.filter((item) => !stored.has(`item ${item}`));
      const visible = confirmed().length + failedVisibly().length + apologies(outageThreads).length;
      console.info(
        `postgres restart: ${tried} requests tried, ${visible} visible outcomes ` +
          `(${confirmed().length} stored and confirmed, ${failedVisibly().length} ephemeral errors, ` +
          `${apologies(outageThreads).length} thread apologies), ${lost.length} acknowledged commitments lost, ` +
          `crashes ${serve.child.exitCode === null ? 0 : 1}`,
      );
      expect(visible).toBe(tried);
      expect(lost).toEqual([]);
      expect(acknowledgedAsStored).toHaveLength(16);
      expect(serve.child.exitCode).toBeNull();

      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    }, 120_000);
  },
);
