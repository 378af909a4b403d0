import { describe, expect, it } from 'vitest';
import { type AnswerView, answerMessage } from '../../src/slack/presenters/answer.ts';
import {
  type CommitmentView,
  commitmentListMessage,
  commitmentMessage,
  editCommitmentModal,
  parseCommitmentRef,
  parseEditMetadata,
} from '../../src/slack/presenters/commitments.ts';
import { homeView } from '../../src/slack/presenters/home.ts';
import { escapeSlack, SLACK_LIMITS, splitText, truncate } from '../../src/slack/presenters/text.ts';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: string | { text: string }; action_id?: string }[];
};

function allText(blocks: object[]): string {
  return JSON.stringify(blocks);
}

function sectionTexts(blocks: object[]): string[] {
  return (blocks as Block[]).filter((block) => block.type === 'section').map((block) => block.text!.text);
}

const citation = (
  n: number,
  quote = 'construire un centre de coopération Chine-Vietnam en matière d’innovation',
) => ({
  n,
  title: `Réunion de printemps 2025 (${n})`,
  source_uri: `https://example.org/article-${n}`,
  quote,
  language: 'fr',
  published_on: '2025-02-21',
});

const answer = (overrides: Partial<AnswerView> = {}): AnswerView => ({
  answer: 'Guangxi proposed a China-Vietnam AI innovation cooperation centre [1].',
  abstained: false,
  citations: [citation(1)],
  nearest: [],
  notice: null,
  questionId: 42,
  ...overrides,
});

describe('answer presenter', () => {
  it('shows the answer, one source line and quote per citation, and feedback buttons', () => {
    const { blocks, text } = answerMessage(answer());
    expect(text).toContain('[1]');
    const json = allText(blocks);
    expect(json).toContain(
      '*[1]* <https://example.org/article-1|Réunion de printemps 2025 (1)> · 2025-02-21 · fr',
    );
    expect(sectionTexts(blocks)).toContain(
      '> construire un centre de coopération Chine-Vietnam en matière d’innovation',
    );
    expect(json).toContain('answer_feedback_up');
    expect(json).toContain('answer_feedback_down');
    expect(json).not.toContain('answer_share');
  });

  it('offers "Share in channel" on ephemeral answers', () => {
    expect(allText(answerMessage(answer(), { ephemeral: true }).blocks)).toContain('answer_share');
  });

  it('escapes broadcasts and markup coming from the model or documents', () => {
    const { blocks, text } = answerMessage(
      answer({
        answer: 'Hello <!channel> & <@U123> see <https://evil.example|here> [1]',
        citations: [citation(1, '<!here> ping')],
      }),
    );
    const json = allText(blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<@U123>');
    expect(text).toContain('&lt;!channel&gt;');
  });

  it('stays within 50 blocks and 3000 characters per section for huge answers', () => {
    const long = 'Le Guangxi propose une coopération renforcée. '.repeat(400);
    const many = Array.from({ length: 80 }, (_, i) => citation(i + 1, 'x'.repeat(1000)));
    const { blocks, text } = answerMessage(answer({ answer: long, citations: many }), { ephemeral: true });
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    for (const section of sectionTexts(blocks))
      expect(section.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
    expect(allText(blocks)).toMatch(/more sources/);
    expect(allText(blocks)).toContain('answer_share');
  });

  it('lists the closest sources, not citations, when abstaining', () => {
    const { blocks } = answerMessage(
      answer({
        answer: "I couldn't find this in the indexed documents.",
        abstained: true,
        citations: [],
        nearest: [
          { title: 'Rencontre 2023', source_uri: 'samples/003.txt', language: 'fr', published_on: null },
        ],
      }),
    );
    const json = allText(blocks);
    expect(json).toContain('Closest sources');
    expect(json).toContain('*Rencontre 2023* · fr');
  });
});

const commitment = (overrides: Partial<CommitmentView> = {}): CommitmentView => ({
  id: 7,
  title: 'Send the draft MoU on smart border gates to Guangxi FAO',
  owners: ['U024BE7LH', 'subteam:S0614TZR7'],
  createdBy: 'U1',
  dueOn: '2026-11-27',
  tz: 'Asia/Ho_Chi_Minh',
  status: 'open',
  sourcePermalink: null,
  version: 3,
  ...overrides,
});

describe('commitment presenters', () => {
  it('renders owners as mentions, the due date, and versioned buttons', () => {
    const { blocks } = commitmentMessage(commitment(), '2026-11-24');
    const json = allText(blocks);
    expect(json).toContain('<@U024BE7LH>, <!subteam^S0614TZR7>');
    expect(json).toContain('due Fri 27 Nov 2026');
    expect(json).toContain('"value":"7:3"');
    expect(json).toContain(':large_blue_circle: open');
  });

  it('marks overdue commitments and offers Reopen on done ones', () => {
    expect(allText(commitmentMessage(commitment(), '2026-11-28').blocks)).toContain('overdue');
    const done = allText(commitmentMessage(commitment({ status: 'done' }), '2026-11-28').blocks);
    expect(done).toContain('commitment_reopen');
    expect(done).not.toContain('commitment_done');
  });

  it('escapes titles and plain owner names', () => {
    const json = allText(
      commitmentMessage(commitment({ title: '<!channel> ping', owners: ['alice<x>'] }), '2026-11-24').blocks,
    );
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('alice&lt;x&gt;');
  });

  it('caps long lists within 50 blocks and says how many are left', () => {
    const list = Array.from({ length: 60 }, (_, i) => commitment({ id: i + 1 }));
    const { blocks } = commitmentListMessage('All open commitments', list, '2026-11-24');
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(allText(blocks)).toMatch(/and 36 more/);
  });

  it('parses button references and refuses junk', () => {
    expect(parseCommitmentRef('7:3')).toEqual({ id: 7, version: 3 });
    expect(parseCommitmentRef('7:3:7')).toEqual({ id: 7, version: 3 });
    expect(parseCommitmentRef('7; DROP TABLE')).toBeNull();
  });

  it('carries the Edit modal origin through its metadata, and reads modals opened before it', () => {
    const modal = editCommitmentModal(commitment({ id: 7, version: 3 }), {
      responseUrl: 'https://hooks.slack.com/actions/T1/1/x',
    });
    expect(parseEditMetadata(modal.private_metadata)).toEqual({
      id: 7,
      version: 3,
      origin: { responseUrl: 'https://hooks.slack.com/actions/T1/1/x' },
    });
    const fromHome = editCommitmentModal(commitment({ id: 8, version: 1 }), { home: true });
    expect(parseEditMetadata(fromHome.private_metadata)?.origin).toEqual({ home: true });
    expect(parseEditMetadata('7:3')).toEqual({ id: 7, version: 3, origin: {} });
    expect(parseEditMetadata('{"ref":"junk"}')).toBeNull();
  });
});

describe('home view', () => {
  it('lists open commitments, recent questions and the how-to within limits', () => {
    const view = homeView({
      commitments: Array.from({ length: 40 }, (_, i) => commitment({ id: i + 1 })),
      questions: [{ question: 'What did Guangxi propose on AI?', abstained: false, createdAt: new Date() }],
      today: '2026-11-24',
    });
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const json = allText(view.blocks);
    expect(json).toContain('What did Guangxi propose on AI?');
    expect(json).toContain('/commit @owner');
  });
});

describe('text helpers', () => {
  it('escapes only Slack control characters', () => {
    expect(escapeSlack('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
  });

  it('truncates without cutting an entity in half', () => {
    const cut = truncate(`${'a'.repeat(95)} &amp; tail that is long`, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(cut).not.toMatch(/&am…|&a…|&…/);
  });

  it('splits long text into pieces within the limit, losing nothing but whitespace', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} about cooperation.`).join(' ');
    const pieces = splitText(text, 500);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(500);
    expect(pieces.join(' ').replace(/\s+/g, ' ')).toBe(text);
  });
});
