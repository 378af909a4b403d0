import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../helpers/db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

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
