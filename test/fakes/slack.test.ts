import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from './slack.ts';

describe('FakeSlack through the real WebClient', () => {
  let fake: FakeSlack;
  beforeEach(async () => {
    fake = await new FakeSlack().start();
  });
  afterEach(() => fake.stop());

  it('answers posts and records their arguments, blocks parsed', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl });
    const posted = await client.chat.postMessage({
      channel: 'C1',
      text: 'hi',
      blocks: [{ type: 'divider' }],
    });
    expect(posted.ok).toBe(true);
    expect(posted.ts).toMatch(/^\d+\.\d+$/);
    const [call] = fake.calls('chat.postMessage');
    expect(call?.args.blocks).toEqual([{ type: 'divider' }]);
    expect(call?.token).toBe('xoxb-test');
    fake.assertNoUnhandled();
  });

  it('flags methods it does not know', async () => {
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(client.apiCall('admin.everything')).rejects.toThrow();
    expect(() => fake.assertNoUnhandled()).toThrow(/admin\.everything/);
  });
});
