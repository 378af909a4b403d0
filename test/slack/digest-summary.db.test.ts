import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRunAfter } from '../../src/digest/schedule.ts';
import { runDueDigests } from '../../src/digest/service.ts';
import { slackDigestPoster } from '../../src/slack/digest-poster.ts';
import { FakeOpenAI } from '../fakes/openai.ts';
import { useMigratedDatabase } from '../helpers/db.ts';
import { responseUrlPosts, type SlackHarness, startSlackHarness } from '../helpers/slack-harness.ts';

const getDb = useMigratedDatabase();
const SUMMARY = 'The four provinces agreed a smart border gate pilot with Guangxi.';
let model: FakeOpenAI;
let h: SlackHarness;
let now = new Date();

beforeAll(async () => {
  model = await new FakeOpenAI().start();
  model.chatReply = () => SUMMARY;
  h = await startSlackHarness(getDb().db, {
    env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: model.baseURL, EMBEDDER: 'local' },
    now: () => now,
  });
});
afterAll(async () => {
  await h?.stop();
  await model?.stop();
});

describe('the digest a secretary previews is the digest that gets posted', () => {
  it('shows the model summary in /digest preview and in the scheduled post', async () => {
    await getDb().db.pool.query(
      `INSERT INTO documents (source_uri, title, language, content, content_hash)
       VALUES ('ha-long.txt', 'Ha Long meeting', 'en',
               'Four provinces met the Guangxi delegation in Ha Long on Friday morning. Then lunch.', 'hl')`,
    );
    // The slash command's clock runs a minute ahead of the database's: the document is in the period.
    now = new Date(Date.now() + 60_000);
    await h.command('/digest', 'schedule monday 09:00 Asia/Ho_Chi_Minh', { channelId: 'CSUMMARY' });
    await h.until(() => responseUrlPosts(h.fake).length === 1);

    await h.command('/digest', 'preview', { channelId: 'CSUMMARY' });
    const preview = await h.until(() => responseUrlPosts(h.fake)[1]);
    expect(JSON.stringify(preview)).toContain(SUMMARY);

    // The scheduled run just after the next Monday 09:00 posts the week the preview showed.
    now = new Date(
      nextRunAfter({ weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' }, now).getTime() + 60_000,
    );
    const counts = await runDueDigests(h.ctx, {
      now,
      instanceId: 'test',
      post: slackDigestPoster(h.slack.app.client),
    });
    expect(counts.posted).toBe(1);
    const posted = h.fake.calls('chat.postMessage').filter((call) => call.args.channel === 'CSUMMARY');
    expect(JSON.stringify(posted.map((call) => call.args))).toContain(SUMMARY);
    model.assertNoUnhandled();
  });
});
