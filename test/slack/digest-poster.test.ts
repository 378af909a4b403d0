import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/digest/compose.ts';
import { DigestNotPostedError } from '../../src/digest/service.ts';
import { slackDigestPoster } from '../../src/slack/digest-poster.ts';
import { digestMessages } from '../../src/slack/presenters/digest.ts';
import { fixtureData } from '../digest/fixtures.ts';
import { FakeSlack } from '../fakes/slack.ts';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await new FakeSlack().start();
});
afterEach(async () => {
  fake.assertNoUnhandled();
  await fake.stop();
});

describe('slackDigestPoster', () => {
  it('posts the first message in the channel and the rest in its thread', async () => {
    const data = fixtureData();
    data.overdue = Array.from({ length: 300 }, (_, i) => ({
      id: i,
      title: `Task ${i} ${'z'.repeat(300)}`,
      owners: ['Lan'],
      dueOn: '2026-11-01',
    }));
    const digest = composeDigest(data, { quietWeek: 'post' })!;
    const expected = digestMessages(digest).length;
    expect(expected).toBeGreaterThan(1);
    const post = slackDigestPoster(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl }));
    const { ts } = await post('C1', digest);
    const calls = fake.calls('chat.postMessage');
    expect(calls).toHaveLength(expected);
    expect(calls[0]!.args).toMatchObject({ channel: 'C1' });
    expect(calls[0]!.args.thread_ts).toBeUndefined();
    for (const call of calls.slice(1)) expect(call.args).toMatchObject({ channel: 'C1', thread_ts: ts });
  });

  it('turns an error reply into DigestNotPostedError', async () => {
    fake.queue('POST /api/chat.postMessage', { body: { ok: false, error: 'not_in_channel' } });
    const post = slackDigestPoster(new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl }));
    const digest = composeDigest(fixtureData(), { quietWeek: 'post' })!;
    await expect(post('C1', digest)).rejects.toBeInstanceOf(DigestNotPostedError);
  });
});
