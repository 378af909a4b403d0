import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../helpers/db.ts';
import {
  responseUrlPosts,
  SIGNING_SECRET,
  type SlackHarness,
  startSlackHarness,
} from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
const NOW = new Date('2026-11-24T03:00:00Z');
const MAX_BYTES = 1_000_000;

beforeAll(async () => {
  h = await startSlackHarness(getDb().db, {
    now: () => NOW,
    env: {
      SLACK_INGEST_CHANNELS: 'CINGEST',
      INGEST_MAX_BYTES: String(MAX_BYTES),
      // Long enough that only the size limit can end a download within the test.
      INGEST_FETCH_TIMEOUT_MS: '60000',
    },
  });
  // Private channels (G…, CPRIV…) and DMs (D…) as conversations.info describes them; CGONE cannot be read.
  h.fake.on('conversations.info', (args) => {
    const id = String(args.channel);
    if (id === 'CGONE') return { ok: false, error: 'channel_not_found' };
    return {
      channel: {
        id,
        is_channel: !id.startsWith('D'),
        is_private: id.startsWith('G') || id.startsWith('CPRIV'),
        is_im: id.startsWith('D'),
        is_mpim: false,
      },
    };
  });
}, 60_000);
afterAll(() => h?.stop());

const receiptFor = (threadTs: string) =>
  h.until(() => h.fake.calls('chat.postMessage').find((call) => call.args.thread_ts === threadTs), 8_000);

describe('Slack file downloads', () => {
  it('stop reading at INGEST_MAX_BYTES when Slack gives neither a size nor a Content-Length', async () => {
    let served = 0;
    async function* endless() {
      const piece = new Uint8Array(64 * 1024).fill(120);
      for (;;) {
        served += piece.byteLength;
        yield piece;
      }
    }
    h.fake.route('GET /files/endless.txt', () => ({ stream: endless() }));
    await h.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'channel',
      user: 'U1',
      channel: 'CINGEST',
      ts: '1732401000.000100',
      files: [{ id: 'FBIG', name: 'endless.txt', url_private_download: `${h.fake.url}/files/endless.txt` }],
    });
    const receipt = await receiptFor('1732401000.000100');
    expect(String(receipt.args.text)).toMatch(/endless\.txt: skipped \(too large: more than 1000000 bytes\)/);
    // The socket buffers a little beyond the limit; an unbounded read would go on until the timeout.
    expect(served).toBeLessThan(20 * MAX_BYTES);
  });
});

/** Sends a slash command and waits for what the bot posts to its response_url. */
async function run(command: string, text: string, options: Parameters<SlackHarness['command']>[2] = {}) {
  const before = responseUrlPosts(h.fake).length;
  await h.command(command, text, options);
  return h.until(() => responseUrlPosts(h.fake)[before]);
}

describe('Slack escaping', () => {
  it('confirms a /commit titled <!channel> without a live broadcast, in the text fallback too', async () => {
    // Slack escapes what people type: "<!channel> …" arrives as "&lt;!channel&gt; …".
    const post = await run('/commit', '&lt;!channel&gt; circulate the minutes &amp; annexes by Friday', {
      userId: 'U1',
      channelId: 'CPUB',
    });
    expect(post.response_type).toBe('in_channel');
    expect(String(post.text)).not.toContain('<!channel>');
    expect(String(post.text)).toContain('&lt;!channel&gt; circulate the minutes &amp; annexes');
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).toContain('Logged by <@U1>');
    expect(blocks).not.toContain('&amp;lt;');
  });

  it('exports commitments as a file in a DM: nothing of a hostile title reaches a message', async () => {
    await run('/commit', '```&lt;!here&gt; &lt;@U0EVIL&gt; reply to the FAO by Friday', {
      userId: 'U1',
      channelId: 'CPUB',
    });
    const exported = await run('/commitments', 'export', { userId: 'U1', channelId: 'CPUB' });
    expect(JSON.stringify(exported)).not.toMatch(/<!here>|<@U0EVIL>|<!channel>|reply to the FAO/);
    const file = h.fake.uploadedFiles().at(-1)!;
    // The CSV file holds the title as it was typed (a file is never read as Slack markup).
    expect(file.content).toContain('```<!here> <@U0EVIL> reply to the FAO');
  });
});

describe('commitments of private conversations', () => {
  const listed = async (text: string, userId: string, channelId: string) =>
    JSON.stringify(await run('/commitments', text, { userId, channelId }));

  beforeAll(async () => {
    await run('/commit', 'draft the confidential side letter by Friday', {
      userId: 'UAUTH',
      channelId: 'CPRIV1',
    });
    await run('/commit', '<@UOWNER> brief the minister privately by Friday', {
      userId: 'UAUTH',
      channelId: 'GPRIV2',
    });
    await run('/commit', 'note to self about the embargoed budget', { userId: 'UAUTH', channelId: 'DAUTH' });
    await run('/commit', 'reply to the unreadable channel by Friday', {
      userId: 'UAUTH',
      channelId: 'CGONE',
    });
    await run('/commit', 'book the public venue by Friday', { userId: 'UAUTH', channelId: 'CPUB' });
  });

  it('are not listed by /commitments all or export in another channel', async () => {
    for (const text of ['all', 'export', '<@UAUTH>', 'overdue']) {
      const shown = await listed(text, 'UOTHER', 'CPUB');
      expect(shown).not.toMatch(/confidential|minister|embargoed|unreadable/);
      if (text === 'export') {
        expect(h.fake.uploadedFiles().at(-1)!.content).not.toMatch(
          /confidential|minister|embargoed|unreadable/,
        );
      }
    }
    expect(await listed('all', 'UOTHER', 'CELSEWHERE')).toContain('public venue');
  });

  it('are listed in their own conversation, and to their owners and author anywhere', async () => {
    const inPrivate = await listed('all', 'UOTHER', 'CPRIV1');
    expect(inPrivate).toContain('confidential side letter');
    expect(inPrivate).not.toMatch(/minister|embargoed/);
    const owner = await listed('all', 'UOWNER', 'CPUB');
    expect(owner).toContain('brief the minister');
    expect(owner).not.toMatch(/confidential|embargoed/);
    await listed('export', 'UAUTH', 'CPUB');
    const author = h.fake.uploadedFiles().at(-1)!.content;
    for (const title of ['confidential', 'minister', 'embargoed', 'unreadable'])
      expect(author).toContain(title);
  });
});

describe('a repeated /commit trigger', () => {
  it('stores one commitment and confirms it to the channel once', async () => {
    const before = responseUrlPosts(h.fake).length;
    for (let i = 0; i < 5; i++) {
      await h.command('/commit', 'send the seating plan by Friday', {
        triggerId: 'trig-repeat',
        channelId: 'CPUB',
      });
    }
    await h.slack.deps.inFlight.drain(5_000);
    const posts = responseUrlPosts(h.fake)
      .slice(before)
      .filter((body) => JSON.stringify(body).includes('seating plan'));
    expect(posts.filter((body) => body.response_type === 'in_channel')).toHaveLength(1);
    const { rows } = await getDb().db.pool.query(
      "SELECT count(*)::int AS n FROM commitments WHERE title LIKE 'send the seating plan%'",
    );
    expect(rows[0].n).toBe(1);
  });
});

describe('request timestamps', () => {
  /** A correctly signed /commit whose timestamp is `offsetSeconds` away from now. */
  const signedAt = (offsetSeconds: number, text: string) => {
    const timestamp = String(Math.floor(Date.now() / 1000) + offsetSeconds);
    const body = new URLSearchParams({
      command: '/commit',
      text,
      user_id: 'U1',
      channel_id: 'CPUB',
      team_id: 'T1',
      api_app_id: 'A1',
      response_url: `${h.fake.url}/response`,
      trigger_id: `trigger-${text}`,
    }).toString();
    const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return fetch(`${h.baseUrl}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': timestamp,
        'x-slack-signature': signature,
      },
      body,
    });
  };
  const stored = async (title: string) =>
    (await getDb().db.pool.query('SELECT count(*)::int AS n FROM commitments WHERE title = $1', [title]))
      .rows[0].n as number;

  it('refuses a signed request more than five minutes in the future, as in the past', async () => {
    expect((await signedAt(301, 'future replay')).status).toBe(401);
    expect((await signedAt(-301, 'past replay')).status).toBe(401);
    await h.slack.deps.inFlight.drain(2_000);
    expect(await stored('future replay')).toBe(0);
    expect(await stored('past replay')).toBe(0);
  });

  it('accepts one within five minutes either way (clock skew)', async () => {
    expect((await signedAt(240, 'slightly ahead')).status).toBe(200);
    expect((await signedAt(-240, 'slightly behind')).status).toBe(200);
    await h.until(
      async () => (await stored('slightly ahead')) === 1 && (await stored('slightly behind')) === 1,
    );
  });
});
