import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCommitment } from '../../src/commitments/service.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;
let openai: FakeOpenAI;

const MINUTES = [
  '# Compte rendu Lang Son 20 novembre 2026',
  '',
  'Le bureau des affaires étrangères de Lang Son enverra le projet de protocole au Guangxi avant le 5 décembre.',
  'La douane de Dong Dang publiera les horaires du poste-frontière avant le 10 décembre.',
  '',
].join('\n');

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  openai = await new FakeOpenAI().start();
  openai.chatReply = () =>
    JSON.stringify({
      commitments: [
        {
          title: 'Envoyer le projet de protocole au Guangxi',
          owner: 'bureau des affaires étrangères de Lang Son',
          due_on: '2026-12-05',
          quote:
            'Le bureau des affaires étrangères de Lang Son enverra le projet de protocole au Guangxi avant le 5 décembre.',
        },
        {
          title: 'Publier les horaires du poste-frontière',
          owner: 'douane de Dong Dang',
          due_on: '2026-12-10',
          quote: 'La douane de Dong Dang publiera les horaires du poste-frontière avant le 10 décembre.',
        },
        {
          title: 'Virer de l’argent',
          owner: null,
          due_on: null,
          quote: 'this sentence is not in the minutes at all',
        },
      ],
    });
  h = await startSlackHarness(getDb().db, {
    env: {
      SLACK_INGEST_CHANNELS: 'CINGEST',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: openai.baseURL,
      EMBEDDER: 'local',
    },
  });
  h.fake.route('GET /files/lang-son.md', () => ({ body: MINUTES }));
}, 120_000);
afterAll(async () => {
  await h?.stop();
  await openai?.stop();
});

function buttons(call: { args: Record<string, unknown> }) {
  return (call.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
    .filter((block) => block.type === 'actions')
    .map((block) => block.elements!);
}

async function click(userId: string, button: { action_id: string; value: string }) {
  const before = h.fake.requests.filter((request) => request.path === '/response').length;
  await h.interaction({
    type: 'block_actions',
    user: { id: userId },
    channel: { id: `D${userId}` },
    trigger_id: 't',
    response_url: `${h.fake.url}/response`,
    actions: [{ ...button, block_id: 'b', type: 'button' }],
  });
  const reply = await h.until(
    () => h.fake.requests.filter((request) => request.path === '/response')[before],
  );
  return JSON.stringify(reply.body);
}

describe('commitments proposed from minutes shared in Slack', () => {
  it('offers the quoted action items to the person who shared the file; only a click makes them commitments', async () => {
    await h.event({
      type: 'message',
      subtype: 'file_share',
      channel_type: 'channel',
      user: 'U1',
      channel: 'CINGEST',
      ts: '1732600000.000100',
      files: [
        {
          id: 'FLS',
          name: 'lang-son.md',
          mimetype: 'text/markdown',
          size: MINUTES.length,
          url_private_download: `${h.fake.url}/files/lang-son.md`,
        },
      ],
    });
    const offer = await h.until(() =>
      h.fake
        .calls('chat.postMessage')
        .find((call) => String(call.args.text).includes('possible commitments')),
    );
    expect(offer.args.channel).toBe('DU1');
    expect(String(offer.args.text)).toMatch(/^2 possible commitments/);
    const [first, second] = buttons(offer);
    expect(first!.map((element) => element.action_id)).toEqual([
      'proposal_accept',
      'commitment_edit',
      'proposal_dismiss',
    ]);
    const [acceptId] = first![0]!.value.split(':').map(Number);
    const [dismissId] = second![2]!.value.split(':').map(Number);
    expect((await getCommitment(testContext(getDb().db), acceptId!))!.status).toBe('proposed');

    expect(await click('U2', first![0]!)).toContain('who shared the minutes');
    expect((await getCommitment(testContext(getDb().db), acceptId!))!.status).toBe('proposed');

    expect(await click('U1', first![0]!)).toContain('Accepted');
    expect(await click('U1', second![2]!)).toContain('Dismissed');
    expect((await getCommitment(testContext(getDb().db), acceptId!))!.status).toBe('open');
    expect((await getCommitment(testContext(getDb().db), dismissId!))!.status).toBe('cancelled');
  });
});
