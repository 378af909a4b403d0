import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/index.ts';
import { search } from '../../src/search/index.ts';
import { testContext } from '../helpers/context.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { readSeed } from '../helpers/seeds.ts';

const database = useMigratedDatabase();
const utf8 = (text: string) => new TextEncoder().encode(text);

const SECRET = [
  'Confidential negotiating brief',
  '',
  'The delegation will concede the rice quota of 4,000 tonnes only if the Lang Son gate opens in March.',
].join('\n');

describe('content dedupe within a visibility scope', () => {
  it('never matches an upload with a document private to another conversation', async () => {
    const ctx = testContext(database().db);
    const first = await ingestFile(
      ctx,
      { name: 'brief.txt', bytes: utf8(SECRET), sourceUri: 'slack://file/FPRIV' },
      { channelId: 'GSECRET', visibility: 'private', ingestedBy: 'U1' },
    );
    expect(first.status).toBe('ingested');

    // The same text uploaded in a DM under another name: a new private document of the DM.
    const dm = await ingestFile(
      ctx,
      { name: 'notes.txt', bytes: utf8(SECRET), sourceUri: 'slack://file/FDM' },
      { channelId: 'DUSER2', visibility: 'private', ingestedBy: 'U2' },
    );
    expect(dm.status).toBe('ingested');
    expect(dm.documentId).not.toBe(first.documentId);
    const hits = await search(ctx, 'rice quota Lang Son gate', { channelId: 'DUSER2' });
    expect(hits.map((hit) => hit.documentId)).toContain(dm.documentId);
    expect(hits.map((hit) => hit.documentId)).not.toContain(first.documentId);

    // Within one conversation, identical text is still one document.
    const again = await ingestFile(
      ctx,
      { name: 'notes-copy.txt', bytes: utf8(SECRET), sourceUri: 'slack://file/FDM2' },
      { channelId: 'DUSER2', visibility: 'private', ingestedBy: 'U2' },
    );
    expect(again).toMatchObject({ status: 'unchanged', documentId: dm.documentId });
  });

  it('matches a private upload with a public document, which every conversation sees anyway', async () => {
    const ctx = testContext(database().db);
    const text = SECRET.replace('Confidential negotiating brief', 'Published communiqué').replace(
      '4,000',
      '5,000',
    );
    const published = await ingestFile(ctx, {
      name: 'communique.txt',
      bytes: utf8(text),
      sourceUri: '/srv/communique.txt',
    });
    expect(published.status).toBe('ingested');
    const dm = await ingestFile(
      ctx,
      { name: 'copy.txt', bytes: utf8(text), sourceUri: 'slack://file/FDM3' },
      { channelId: 'DUSER3', visibility: 'private', ingestedBy: 'U3' },
    );
    expect(dm).toMatchObject({
      status: 'unchanged',
      documentId: published.documentId,
      title: 'Published communiqué',
    });
    // A private document first does not stop the same text from being published.
    const privateFirst = SECRET.replace('4,000', '6,000');
    await ingestFile(
      ctx,
      { name: 'p.txt', bytes: utf8(privateFirst), sourceUri: 'slack://file/FP4' },
      { channelId: 'GOTHER', visibility: 'private' },
    );
    const laterPublic = await ingestFile(ctx, {
      name: 'p.txt',
      bytes: utf8(privateFirst),
      sourceUri: '/srv/p.txt',
    });
    expect(laterPublic.status).toBe('ingested');
  });

  it('links translations only with documents the conversation can see', async () => {
    const ctx = testContext(database().db);
    // Seeds 000 (French) and 004 (Swedish) are one article: linked when both are public (ingest test).
    const french = await ingestFile(
      ctx,
      { name: '000.txt', bytes: utf8(await readSeed('000_')), sourceUri: 'slack://file/FFR' },
      { channelId: 'GSECRET', visibility: 'private' },
    );
    const swedish = await ingestFile(ctx, {
      name: '004.txt',
      bytes: utf8(await readSeed('004_')),
      sourceUri: '/srv/004.txt',
    });
    expect(french.status).toBe('ingested');
    expect(swedish).toMatchObject({ status: 'ingested', translationGroup: null });
  });
});
