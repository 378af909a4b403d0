import { describe, expect, it } from 'vitest';
import { renderBriefMarkdown } from '../../src/brief/render.ts';
import type { Brief } from '../../src/brief/service.ts';
import { briefSubjectOf } from '../../src/slack/brief-flow.ts';
import { briefMessages } from '../../src/slack/presenters/brief.ts';

function bigBrief(): Brief {
  const quote = 'Le Guangxi a suggéré <!channel> une coopération renforcée dans les chemins de fer. '.repeat(
    6,
  );
  const citations = Array.from({ length: 60 }, (_, index) => ({
    n: index + 1,
    documentId: index + 1,
    title: `Article ${index + 1} <@U999>`,
    sourceUri: `https://example.org/${index + 1}`,
    language: 'fr',
    publishedOn: '2025-02-21',
    quote,
    startChar: 0,
    endChar: quote.length,
  }));
  return {
    subject: 'Guangxi',
    language: 'en',
    title: 'Brief: Guangxi',
    mode: 'rules',
    promptVersion: null,
    empty: null,
    citations,
    sections: [
      {
        kind: 'proposals_counterpart',
        heading: 'Proposals by the counterpart',
        lines: citations.map((citation) => ({ text: citation.quote, citations: [citation.n] })),
      },
      {
        kind: 'commitments',
        heading: 'Open commitments',
        lines: [
          {
            text: '#7 send the MoU',
            citations: [],
            commitmentId: 7,
            owners: ['U024BE7LH', 'name:FAO'],
            due: 'overdue 2026-11-20',
          },
        ],
      },
    ],
  };
}

describe('brief presenters', () => {
  it('splits a long brief across Slack messages within Block Kit limits, escaped, owners as mentions', () => {
    const messages = briefMessages(bigBrief());
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const block of message.blocks as { text?: { text: string }; elements?: { text: string }[] }[]) {
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
        for (const element of block.elements ?? []) expect(element.text.length).toBeLessThanOrEqual(2000);
      }
    }
    const all = JSON.stringify(messages);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<@U999>');
    expect(all).toContain('<@U024BE7LH>, name:FAO · overdue 2026-11-20');
    expect(all).toContain('*[60]*');
  });

  it('prints Markdown for a briefing note', () => {
    const markdown = renderBriefMarkdown(bigBrief());
    expect(markdown).toMatch(/^# Brief: Guangxi\n\n## Proposals by the counterpart\n\n- Le Guangxi/);
    expect(markdown).toContain('- #7 send the MoU · U024BE7LH, name:FAO · overdue 2026-11-20');
    expect(markdown).toContain('60. Article 60 <@U999> · 2025-02-21 · fr · https://example.org/60');
  });
});

describe('briefSubjectOf', () => {
  it('reads a brief request in a mention, and leaves questions alone', () => {
    expect(briefSubjectOf('brief me on Guangxi')).toBe('Guangxi');
    expect(briefSubjectOf('Brief me about Quảng Tây?')).toBe('Quảng Tây');
    expect(briefSubjectOf('brief Chen Gang')).toBe('Chen Gang');
    expect(briefSubjectOf('fais-moi un dossier sur le Guangxi')).toBe('Guangxi');
    expect(briefSubjectOf('What did Guangxi propose on AI?')).toBeNull();
    expect(briefSubjectOf('briefly, what did Guangxi propose?')).toBeNull();
  });
});
