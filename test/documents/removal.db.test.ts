import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/index.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { ingestInputs } from '../../src/ingest/index.ts';
import { search } from '../../src/search/index.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
let h: SlackHarness;

const MINUTES =
  '# Procès-verbal Mong Cai\n\nLe comité de Mong Cai a décidé de construire un entrepôt frigorifique de 40 000 tonnes à Bac Luan.\n';

beforeAll(async () => {
  await prepareDatabase(getDb().db.pool);
  h = await startSlackHarness(getDb().db, { env: { SLACK_INGEST_CHANNELS: 'CINGEST' } });
  h.fake.route('GET /files/mong-cai.md', () => ({ body: MINUTES }));
  h.fake.on('users.info', (args) => ({
    user: { id: args.user, tz: 'Asia/Ho_Chi_Minh', is_admin: args.user === 'UADMIN' },
  }));
  await ingestInputs(h.ctx, ['samples/minutes']);
}, 120_000);
afterAll(() => h?.stop());

let fileCount = 0;
/** U1 shares the minutes in the ingest channel; returns the receipt and the message's ts. */
async function shareMinutes(userId = 'U1') {
  fileCount += 1;
  const ts = `1732500000.00${fileCount}`;
  const posts = h.fake.calls('chat.postMessage').length;
  await h.event({
    type: 'message',
    subtype: 'file_share',
    channel_type: 'channel',
    user: userId,
    channel: 'CINGEST',
    ts,
    files: [
      {
        id: `FMC${fileCount}`,
        name: 'mong-cai.md',
        mimetype: 'text/markdown',
        size: MINUTES.length,
        url_private_download: `${h.fake.url}/files/mong-cai.md`,
      },
    ],
  });
  const receipt = await h.until(() =>
    h.fake
      .calls('chat.postMessage')
      .slice(posts)
      .find((call) => String(call.args.text).startsWith('Ingestion receipt')),
  );
  return { receipt, ts, fileId: `FMC${fileCount}` };
}

function removeButton(receipt: { args: Record<string, unknown> }) {
  const actions = (
    receipt.args.blocks as { type: string; elements?: { action_id: string; value: string }[] }[]
  ).find((block) => block.type === 'actions');
  return actions!.elements![0]!;
}

async function click(userId: string, button: { action_id: string; value: string }) {
  const posts = h.fake.requests.filter((request) => request.path === '/response').length;
  await h.interaction({
    type: 'block_actions',
    user: { id: userId },
    channel: { id: 'CINGEST' },
    trigger_id: 't',
    response_url: `${h.fake.url}/response`,
    actions: [{ ...button, block_id: 'b', type: 'button' }],
  });
  const reply = await h.until(() => h.fake.requests.filter((request) => request.path === '/response')[posts]);
  return typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
}

async function counts(documentId: number) {
  const pool = getDb().db.pool;
  const chunks = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM chunks WHERE document_id = $1',
    [documentId],
  );
  const documents = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM documents WHERE id = $1',
    [documentId],
  );
  return { chunks: chunks.rows[0]!.n, documents: documents.rows[0]!.n };
}

describe('retracting a document shared in Slack', () => {
  let documentId: number;
  let questionId: number;

  it('offers Remove on the receipt; only the person who shared it (or an admin) may use it', async () => {
    const { receipt } = await shareMinutes();
    const button = removeButton(receipt);
    documentId = Number(button.value);
    expect(button.action_id).toBe(`document_remove_${documentId}`);
    expect(JSON.stringify(button)).toContain('"confirm"');
    const answer = await answerQuestion(h.ctx, 'What did Mong Cai decide to build at Bac Luan?', {
      channelId: 'CINGEST',
      askedBy: 'U1',
    });
    expect(answer.citations.map((citation) => citation.document_id)).toContain(documentId);
    questionId = answer.questionId;

    const refused = await click('U2', button);
    expect(refused).toContain('only the person who shared');
    expect(await counts(documentId)).toMatchObject({ documents: 1 });
  });

  it('removes the document: chunks counted and gone, no longer searched, audit row kept', async () => {
    const before = await counts(documentId);
    expect(before.chunks).toBeGreaterThan(0);
    const reply = await click('U1', {
      action_id: `document_remove_${documentId}`,
      value: String(documentId),
    });
    expect(reply).toContain(`${before.chunks} passages deleted`);
    expect(await counts(documentId)).toEqual({ chunks: 0, documents: 0 });
    const hits = await search(h.ctx, 'entrepôt frigorifique Bac Luan Mong Cai', { channelId: 'CINGEST' });
    expect(hits.some((hit) => hit.documentId === documentId)).toBe(false);
    const { rows } = await getDb().db.pool.query(
      'SELECT title, removed_by, chunks_removed, content_hash FROM document_removals WHERE document_id = $1',
      [documentId],
    );
    expect(rows).toEqual([
      {
        title: 'Procès-verbal Mong Cai',
        removed_by: 'U1',
        chunks_removed: before.chunks,
        content_hash: expect.any(String),
      },
    ]);
  });

  it('shows "source removed" on a shared answer that cited it, and on the Home tab', async () => {
    const posts = h.fake.calls('chat.postMessage').length;
    await h.interaction({
      type: 'block_actions',
      user: { id: 'U1' },
      channel: { id: 'CINGEST' },
      trigger_id: 't',
      response_url: `${h.fake.url}/response`,
      actions: [{ action_id: 'answer_share', block_id: 'b', value: String(questionId), type: 'button' }],
    });
    const shared = await h.until(() => h.fake.calls('chat.postMessage')[posts]);
    const blocks = JSON.stringify(shared.args.blocks);
    expect(blocks).toContain('source removed');
    // The stored answer text stays; the removed document's quoted passage is no longer shown under it.
    expect(blocks).not.toContain('"> Le comité de Mong Cai');

    await h.event({ type: 'app_home_opened', user: 'U1', channel: 'DU1', tab: 'home' });
    const home = await h.until(() =>
      h.fake.calls('views.publish').find((call) => call.args.user_id === 'U1'),
    );
    expect(JSON.stringify(home.args.view)).toMatch(/What did Mong Cai decide.*source removed/);
  });

  let reshared: { ts: string; fileId: string; id: number };
  it('re-ingesting the same content after removal makes a new document', async () => {
    const { receipt, ts, fileId } = await shareMinutes();
    expect(String(receipt.args.text)).toMatch(/ingested/);
    const again = Number(removeButton(receipt).value);
    reshared = { ts, fileId, id: again };
    expect(again).not.toBe(documentId);
    expect((await counts(again)).chunks).toBeGreaterThan(0);
  });

  it('lets a workspace admin remove it with the message shortcut on the file message', async () => {
    const { ts, fileId, id } = reshared;
    const ephemerals = h.fake.calls('chat.postEphemeral').length;
    await h.interaction({
      type: 'message_action',
      callback_id: 'remove_document',
      trigger_id: 't',
      user: { id: 'UADMIN' },
      channel: { id: 'CINGEST', name: 'ingest' },
      message: { ts, user: 'U1', text: '', files: [{ id: fileId }] },
    });
    const reply = await h.until(() => h.fake.calls('chat.postEphemeral')[ephemerals]);
    expect(JSON.stringify(reply.args)).toContain('Removed');
    expect(await counts(id)).toEqual({ chunks: 0, documents: 0 });
  });
});

describe('removing a document from the App Home', () => {
  async function home(userId: string) {
    const published = h.fake.calls('views.publish').length;
    await h.event({ type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' });
    const view = await h.until(() =>
      h.fake
        .calls('views.publish')
        .slice(published)
        .find((call) => call.args.user_id === userId),
    );
    return view.args.view as { blocks: { type: string; accessory?: Record<string, unknown> }[] };
  }

  function removeButtons(view: { blocks: { type: string; accessory?: Record<string, unknown> }[] }) {
    return view.blocks
      .map((block) => block.accessory)
      .filter((accessory) => String(accessory?.action_id ?? '').startsWith('home_document_remove_')) as {
      action_id: string;
      value: string;
      confirm?: unknown;
    }[];
  }

  /** A click on a Home tab button: then the Home tab is published again, with what happened on top. */
  async function clickInHome(userId: string, button: { action_id: string; value: string }) {
    const published = h.fake.calls('views.publish').length;
    await h.interaction({
      type: 'block_actions',
      user: { id: userId },
      container: { type: 'view', view_id: `VHOME${userId}` },
      view: {
        id: `VHOME${userId}`,
        type: 'home',
        callback_id: '',
        private_metadata: '',
        state: { values: {} },
      },
      trigger_id: 'trigger-home',
      actions: [{ ...button, block_id: 'b', type: 'button' }],
    });
    const view = await h.until(() =>
      h.fake
        .calls('views.publish')
        .slice(published)
        .find((call) => call.args.user_id === userId),
    );
    return JSON.stringify(view.args.view);
  }

  it('lists the documents the user shared with a confirmed Remove; others may not use it', async () => {
    const { receipt } = await shareMinutes('U3');
    const documentId = Number(removeButton(receipt).value);
    const [button] = removeButtons(await home('U3')).filter((b) => b.value === String(documentId));
    expect(button).toMatchObject({ action_id: `home_document_remove_${documentId}`, style: 'danger' });
    expect(JSON.stringify(button!.confirm)).toContain('Remove this document?');
    // Someone else's Home does not offer it, and a forged click from them is refused.
    expect(removeButtons(await home('U2')).map((b) => b.value)).not.toContain(String(documentId));
    const refused = await clickInHome('U2', button!);
    expect(refused).toContain('only the person who shared');
    expect(await counts(documentId)).toMatchObject({ documents: 1 });

    const chunks = (await counts(documentId)).chunks;
    const after = await clickInHome('U3', button!);
    expect(after).toContain(`${chunks} passages deleted`);
    expect(await counts(documentId)).toEqual({ chunks: 0, documents: 0 });
    expect(removeButtons(JSON.parse(after)).map((b) => b.value)).not.toContain(String(documentId));
    const { rows } = await getDb().db.pool.query(
      'SELECT removed_by FROM document_removals WHERE document_id = $1',
      [documentId],
    );
    expect(rows).toEqual([{ removed_by: 'U3' }]);
  });

  it('lets a workspace admin remove a document someone else shared', async () => {
    const { receipt } = await shareMinutes('U4');
    const documentId = Number(removeButton(receipt).value);
    const [button] = removeButtons(await home('UADMIN')).filter((b) => b.value === String(documentId));
    expect(button).toBeDefined();
    const after = await clickInHome('UADMIN', button!);
    expect(after).toContain('Removed');
    expect(await counts(documentId)).toEqual({ chunks: 0, documents: 0 });
  });
});
