import { describe, expect, it } from 'vitest';
import { composeDigest, type DigestData } from '../../src/digest/compose.ts';
import { digestCommandReply, digestMessages } from '../../src/slack/presenters/digest.ts';
import { SLACK_LIMITS } from '../../src/slack/presenters/text.ts';
import { fixtureData } from '../digest/fixtures.ts';

type Block = { type: string; text?: { type: string; text: string } };

describe('digestMessages', () => {
  it('renders one message with a header, mentions and escaped text', () => {
    const messages = digestMessages(composeDigest(fixtureData(), { quietWeek: 'post' })!);
    expect(messages).toHaveLength(1);
    const blocks = messages[0]!.blocks as Block[];
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Weekly digest · 16–23 Nov 2026', emoji: true },
    });
    const created = blocks.find((block) => block.text?.text.startsWith('*Commitments logged*'));
    expect(created?.text?.text).toMatchInlineSnapshot(`
      "*Commitments logged* (1)
      • Send the &lt;draft&gt; MoU &amp; annex — <@U012ABCDEF>, Lan · due 2026-11-27 _(#7)_"
    `);
    expect(messages[0]!.text).toContain('New documents (2)');
  });

  it('splits a huge digest into several messages within the Block Kit limits', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: i,
        title: `Commitment ${i} ${'x'.repeat(400)} <b>`,
        owners: ['U012ABCDEF'],
        dueOn: '2026-11-27',
      }));
    const data: DigestData = {
      ...fixtureData(),
      commitmentsCreated: many(400),
      overdue: many(300),
      unanswered: Array.from({ length: 200 }, (_, i) => ({
        question: `Q${i} ${'y'.repeat(2000)}`,
        count: 1,
      })),
    };
    const messages = digestMessages(composeDigest(data, { quietWeek: 'post' })!);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      for (const block of message.blocks as Block[]) {
        if (block.type === 'section')
          expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      }
    }
    const all = messages
      .flatMap((message) => message.blocks as Block[])
      .map((block) => block.text?.text ?? '');
    // Nothing is lost: every commitment appears once per section, raw '<' never reaches Slack.
    expect(all.join('\n').match(/Commitment 399 /g)).toHaveLength(1);
    expect(all.join('\n').match(/Commitment 299 /g)).toHaveLength(2);
    expect(all.join('\n')).not.toContain('<b>');
    expect(messages[1]!.text).toMatch(/part 2 of \d+/);
  });

  it('renders a quiet week as one line', () => {
    const data = { ...fixtureData(), documents: [], commitmentsCreated: [], commitmentsCompleted: [] };
    const quiet = composeDigest(
      { ...data, dueSoon: [], overdue: [], mostAsked: [], unanswered: [] },
      {
        quietWeek: 'post',
      },
    )!;
    const [message] = digestMessages(quiet);
    expect(message!.blocks).toHaveLength(2);
    expect(message!.text).toBe(
      'Weekly digest · 16–23 Nov 2026: A quiet week: no new documents, commitments or questions.',
    );
  });

  it('cuts an ephemeral preview to one message and says so', () => {
    const data: DigestData = {
      ...fixtureData(),
      overdue: Array.from({ length: 600 }, (_, i) => ({
        id: i,
        title: `T${i} ${'w'.repeat(300)}`,
        owners: ['Lan'],
        dueOn: null,
      })),
    };
    const reply = digestCommandReply({
      kind: 'preview',
      digest: composeDigest(data, { quietWeek: 'post' })!,
    });
    const blocks = reply.blocks as { type: string; elements?: { text: string }[] }[];
    expect(blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(blocks.at(-1)?.elements?.[0]?.text).toMatch(
      /^Preview cut: \d+ more part\(s\) appear in the posted digest\.$/,
    );
  });
});
