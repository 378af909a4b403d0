import { describe, expect, it } from 'vitest';
import { questionFromText } from '../../src/slack/answer-flow.ts';

describe('questionFromText', () => {
  it('drops mentions, broadcasts and user groups', () => {
    expect(
      questionFromText('<@UBOT> <!channel> <!here|here> <!subteam^S0PROTO|@protocol> who is Tran Cuong?'),
    ).toBe('who is Tran Cuong?');
  });

  it('decodes Slack entities and drops tags, keeping the words around them', () => {
    expect(
      questionFromText('what did Guangxi propose on AI? &amp; &lt;script&gt;alert(1)&lt;/script&gt;'),
    ).toBe('what did Guangxi propose on AI? & alert(1)');
    expect(questionFromText('budget &lt; 5 million &amp; &gt; 2 million?')).toBe(
      'budget < 5 million & > 2 million?',
    );
  });

  it('keeps the labels of links and channel references', () => {
    expect(
      questionFromText(
        'see <https://example.org/jwc|the JWC minutes> in <#C123|secretariat> and <https://x.org/a>',
      ),
    ).toBe('see the JWC minutes in #secretariat and https://x.org/a');
  });
});
