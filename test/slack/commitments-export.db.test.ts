import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommitments } from '../../src/commitments/service.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
const NOW = new Date('2026-11-24T03:00:00Z');

beforeAll(async () => {
  h = await startSlackHarness(getDb().db, { now: () => NOW });
  for (let i = 1; i <= 40; i++) {
    await h.command('/commit', `<@U2> send annex ${i} of the draft MoU to Guangxi FAO by Friday`);
  }
  await h.until(
    async () => (await listCommitments(h.ctx, { status: 'any', today: '2026-11-24' })).length === 40,
  );
}, 120_000);
afterAll(() => h?.stop());

const lastReply = () => JSON.stringify(responseUrlPosts(h.fake).at(-1));

describe('/commitments export', () => {
  it('uploads every commitment as a CSV file to the requester’s DM, however long', async () => {
    await h.command('/commitments', 'export', { userId: 'U1' });
    await h.until(() => lastReply().includes('export'));
    expect(lastReply()).toContain('in your DM');

    const [file] = h.fake.uploadedFiles();
    expect(file).toMatchObject({ filename: 'commitments-2026-11-24.csv', channelId: 'DU1' });
    expect(h.fake.calls('conversations.open').at(-1)?.args.users).toBe('U1');
    const lines = file!.content.trim().split('\r\n');
    expect(lines[0]).toBe('id,title,owners,due_on,status,created_by,created_at,completed_at,channel,link');
    expect(lines).toHaveLength(41);
    expect(file!.content).toContain('send annex 40 of the draft MoU to Guangxi FAO');
    expect(h.fake.unhandled).toEqual([]);
  });

  it('says so, with the CLI alternative, when Slack refuses the upload', async () => {
    h.fake.on('files.getUploadURLExternal', () => ({ ok: false, error: 'not_allowed_token_type' }));
    const before = responseUrlPosts(h.fake).length;
    await h.command('/commitments', 'export', { userId: 'U1' });
    await h.until(() => responseUrlPosts(h.fake).length > before);
    expect(lastReply()).toContain('could not send the export file');
    expect(lastReply()).toContain('minutebook commitments export --format csv');
  });
});
