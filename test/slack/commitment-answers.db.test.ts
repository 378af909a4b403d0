import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelCommitment, listCommitments } from '../../src/commitments/service.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

// Commitments in Slack answers, through signed requests against the fake Slack API: /commit logs them,
// /ask cites them as [C12] apart from the documents, Share shows their status now.
const getDb = useMigratedDatabase();
let h: SlackHarness;
let dir: string;

const MINUTES =
  '# Lang Son – Guangxi working group, Nanning, 12 November 2026\n\n' +
  'On railways, the Vietnamese side promised Guangxi to finish the feasibility study of the Dong Dang – Nanning standard-gauge railway by the end of 2026.\n';

beforeAll(async () => {
  h = await startSlackHarness(getDb().db);
  dir = await mkdtemp(path.join(tmpdir(), 'minutebook-slack-commitments-'));
  await writeFile(path.join(dir, 'working-group.md'), MINUTES);
  await ingestInputs(h.ctx, [dir]);
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function commit(text: string, channelId: string, userId: string, triggerId: string) {
  await h.command('/commit', text, { channelId, userId, triggerId });
  return h.until(async () =>
    (await listCommitments(h.ctx, { status: 'any', today: '2026-11-29' })).find((commitment) =>
      text.includes(commitment.title),
    ),
  );
}

describe('commitments in Slack answers', () => {
  it('/ask cites the minute and the commitment; a shared answer shows the status now', async () => {
    const railway = await commit(
      '<@U0LAN> send Guangxi the railway survey data by 4 December 2099',
      'C1',
      'U0LAN',
      'tc1',
    );
    const tariff = await commit(
      '<@U0ASK> share the Guangxi railway tariff draft by 5 December 2099',
      'GPRIV1',
      'U0ASK',
      'tc2',
    );
    expect(tariff.visibility).toBe('private');
    expect(railway.sourceText).toContain('send Guangxi the railway survey data by 4 December 2099');

    // Asked in another channel by the private commitment's own owner: the answer is for the channel.
    await h.command('/ask', 'What did we promise Guangxi on railways?', { channelId: 'C1', userId: 'U0ASK' });
    const post = await h.until(() =>
      responseUrlPosts(h.fake).find((body) => JSON.stringify(body).includes('answer_share')),
    );
    const blocks = JSON.stringify(post.blocks);
    expect(blocks).toContain('feasibility study of the Dong Dang');
    expect(blocks).toContain(`*C${railway.id}* · open · owner <@U0LAN> · due 2099-12-04`);
    expect(blocks).toContain(`[C${railway.id}] (open, due 2099-12-04)`);
    expect(blocks).not.toContain('tariff');

    await cancelCommitment(h.ctx, railway.id, 'U0LAN');
    const shareValue = /"action_id":"answer_share","value":"(\d+)"/.exec(JSON.stringify(post))![1]!;
    const posts = h.fake.calls('chat.postMessage').length;
    await h.interaction({
      type: 'block_actions',
      user: { id: 'U0ASK' },
      channel: { id: 'C1' },
      trigger_id: 't',
      response_url: `${h.fake.url}/response`,
      actions: [{ action_id: 'answer_share', block_id: 'b', value: shareValue, type: 'button' }],
    });
    const shared = JSON.stringify((await h.until(() => h.fake.calls('chat.postMessage')[posts])).args.blocks);
    expect(shared).toContain(`*C${railway.id}* · cancelled · owner <@U0LAN>`);
    expect(shared).toContain(`[C${railway.id}] (cancelled)`);
    expect(shared).not.toMatch(/open, due 2099-12-04/);
  });
});
