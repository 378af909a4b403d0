import { describe, expect, it } from 'vitest';
import {
  type CommitmentView,
  commitmentListMessage,
  commitmentMessage,
  reminderMessage,
} from '../../src/slack/presenters/commitments.ts';
import { digestCommandReply } from '../../src/slack/presenters/digest.ts';
import { usageMessage } from '../../src/slack/presenters/usage.ts';

// What a person typed: Slack control sequences, an ampersand and a code fence.
const HOSTILE = '<!channel> <@U0EVIL> & ```close``` <https://evil.example|click>';

const commitment: CommitmentView = {
  id: 7,
  title: HOSTILE,
  owners: ['U1'],
  createdBy: 'U1',
  dueOn: '2026-11-27',
  tz: 'Asia/Ho_Chi_Minh',
  status: 'open',
  sourcePermalink: null,
  version: 1,
};

/** Every string Slack renders as mrkdwn: the top-level text fallback and each block text. */
function renderedTexts(message: { text: string; blocks: object[] }): string[] {
  const found: string[] = [message.text];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string' && key === 'text') found.push(value);
    else if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value && typeof value === 'object')
      for (const [name, item] of Object.entries(value)) walk(item, name);
  };
  walk(message.blocks);
  return found;
}

function expectNoControlSequences(message: { text: string; blocks: object[] }) {
  for (const text of renderedTexts(message)) {
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<@U0EVIL>');
    expect(text).not.toContain('<https://evil.example');
    // Escaped exactly once: an entity is never escaped a second time.
    expect(text).not.toMatch(/&amp;(lt|gt|amp);/);
  }
}

describe('one escaping rule at the presenter boundary', () => {
  it('escapes a commitment title in the blocks and in the text fallback that notifications use', () => {
    const message = commitmentMessage(commitment, '2026-11-24', { label: 'Logged by', by: 'U1' });
    expectNoControlSequences(message);
    expect(message.text).toContain('&lt;!channel&gt; &lt;@U0EVIL&gt; &amp; ```close```');
  });

  it('renders "Logged by" as a real mention, not as escaped text', () => {
    const message = commitmentMessage(commitment, '2026-11-24', {
      label: 'Logged by',
      by: 'U1',
      detail: 'from a message',
    });
    const texts = renderedTexts(message).join('\n');
    expect(texts).toContain('Logged by <@U1> from a message');
    expect(texts).not.toContain('&lt;@U1&gt;');
  });

  it('escapes reminders, lists and usage replies, text fallbacks included', () => {
    expectNoControlSequences(reminderMessage(commitment, 'overdue', '2026-11-28'));
    expectNoControlSequences(commitmentListMessage('All open commitments', [commitment], '2026-11-24'));
    expectNoControlSequences(usageMessage(`I don't know "${HOSTILE}".`, 'Usage: /commitments'));
    expectNoControlSequences(digestCommandReply({ kind: 'usage', message: `Not a day: ${HOSTILE}` }));
  });

  it('names the owner of a list with a real mention', () => {
    const message = commitmentListMessage('Open commitments of', [commitment], '2026-11-24', 'U2');
    expect(renderedTexts(message).join('\n')).toContain('Open commitments of <@U2>');
    expect(renderedTexts(message).join('\n')).not.toContain('&lt;@U2&gt;');
  });
});
