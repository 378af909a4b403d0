import { describe, expect, it } from 'vitest';
import {
  neutraliseMentions,
  type Passage,
  parseCitedSentences,
  QUOTE_MAX_CHARS,
  verifyCitations,
} from '../../src/answer/citations.ts';
import { foldAliasGroups, withAcronymsOf } from '../../src/answer/evidence.ts';
import { supports } from '../../src/answer/support.ts';

const content =
  'Préambule. Le chiffre d’affaires total d’import-export entre les deux parties a atteint 72,2 milliards de dollars. ' +
  'Les secrétaires ont signé l’accord de coopération (période 2023 - 2027).';

function passage(id: number, text: string, language = 'fr', startChar = 0): Passage {
  return {
    chunkId: id * 10,
    documentId: id,
    title: `Doc ${id}`,
    sourceUri: `file:///doc${id}.txt`,
    language,
    publishedOn: '2023-02-10',
    text,
    startChar,
    endChar: startChar + text.length,
  };
}

const trade = passage(1, content);
const guangxi = passage(
  2,
  'Le Guangxi a proposé de construire un centre de coopération Chine-Vietnam en matière d’innovation en intelligence artificielle.',
);
const railway = passage(
  3,
  'Two standard-gauge railway lines are planned: Lang Son - Hanoi and Mong Cai - Ha Long - Hai Phong.',
  'en',
);
const visit = passage(4, 'Chen Gang a effectué sa première visite au Vietnam.');
const four = [trade, guangxi, railway, visit];

describe('parseCitedSentences', () => {
  it('reads [1][3], [1, 3], [2; 4] and markers after the full stop', () => {
    const parsed = parseCitedSentences(
      'One fact [1][3]. Another fact [1, 3]. Third [2; 4]. Fourth fact. [2]',
    );
    expect(parsed.map((sentence) => sentence.cited)).toEqual([[1, 3], [1, 3], [2, 4], [2]]);
    expect(parsed.map((sentence) => sentence.text)).toEqual([
      'One fact.',
      'Another fact.',
      'Third.',
      'Fourth fact.',
    ]);
  });

  it('removes brackets it cannot read instead of showing them', () => {
    const parsed = parseCitedSentences('Trade grew [x] a lot [1-3] [^2] [1].');
    expect(parsed).toEqual([{ text: 'Trade grew a lot.', cited: [1] }]);
  });
});

describe('supports', () => {
  it('accepts an English sentence citing a French passage when its numbers match', () => {
    expect(
      supports('Total import-export turnover reached 72.2 billion dollars.', trade.text, {
        sameLanguage: false,
      }),
    ).toBe(true);
  });

  it('rejects a sentence whose number is not in the passage', () => {
    expect(supports('Total trade reached 80 billion dollars.', trade.text, { sameLanguage: false })).toBe(
      false,
    );
  });

  it('rejects a name the passage does not mention', () => {
    expect(
      supports('Guangxi proposed a centre for AI with Laos.', guangxi.text, { sameLanguage: false }),
    ).toBe(false);
  });

  it('accepts cross-lingual claims through the glossary (AI = intelligence artificielle) and learnt acronyms', () => {
    const claim = 'Guangxi proposed a China-Vietnam centre for innovation in AI.';
    expect(supports(claim, guangxi.text, { sameLanguage: false })).toBe(true);
    expect(
      supports('Guangxi proposed a centre for innovation in AI with Laos.', guangxi.text, {
        sameLanguage: false,
      }),
    ).toBe(false);
    const learnt = 'Guangxi proposed a China-Vietnam CC for innovation.';
    const definition = 'Un centre de coopération (CC) sera construit.';
    expect(supports(learnt, guangxi.text, { sameLanguage: false })).toBe(false);
    const aliases = withAcronymsOf(learnt, [guangxi.text, definition], []);
    expect(supports(learnt, guangxi.text, { sameLanguage: false, aliases })).toBe(true);
  });

  it('accepts a name through the alias table', () => {
    const aliases = foldAliasGroups([['Chen Gang', 'Trần Cương', 'Tran Cuong', '陈刚']]);
    expect(
      supports('Tran Cuong visited Vietnam for the first time.', visit.text, {
        sameLanguage: false,
        aliases,
      }),
    ).toBe(true);
    // Without the table, the Hán-Việt spelling is found through the characters it shares with the
    // passage's pinyin (陈刚: Chen Gang, Trần Cương); another name is not.
    expect(
      supports('Tran Cuong visited Vietnam for the first time.', visit.text, { sameLanguage: false }),
    ).toBe(true);
    expect(
      supports('Tran Van Nam visited Vietnam for the first time.', visit.text, { sameLanguage: false }),
    ).toBe(false);
  });

  it('checks entities named in scripts without capitals through the alias table', () => {
    const aliases = foldAliasGroups([
      ['Guangxi', 'Quảng Tây', '广西'],
      ['artificial intelligence', 'intelligence artificielle', 'AI', '人工智能'],
      ['Laos', '老挝'],
    ]);
    expect(supports('广西提议建立人工智能创新中心。', guangxi.text, { sameLanguage: false, aliases })).toBe(
      true,
    );
    expect(supports('老挝提议建立人工智能创新中心。', guangxi.text, { sameLanguage: false, aliases })).toBe(
      false,
    );
    // Without the alias table the glossary still knows 广西 (Guangxi) and 老挝 (Laos).
    expect(supports('广西提议建立创新中心。', guangxi.text, { sameLanguage: false })).toBe(true);
    expect(supports('老挝提议建立创新中心。', guangxi.text, { sameLanguage: false })).toBe(false);
  });

  it('in the same language needs half of the content words', () => {
    expect(supports('Two railway lines are planned.', railway.text, { sameLanguage: true })).toBe(true);
    expect(supports('Two airports and harbours were closed.', railway.text, { sameLanguage: true })).toBe(
      false,
    );
  });
});

describe('verifyCitations', () => {
  it('keeps supported sentences, renumbers densely in order of appearance and quotes exact substrings', () => {
    const reply =
      'Trade between the two sides reached 72.2 billion dollars [1]. ' +
      'Guangxi proposed a China-Vietnam innovation centre [2][1].';
    const verified = verifyCitations(reply, four, { answerLanguage: 'en' });
    expect(verified.answer).toBe(
      'Trade between the two sides reached 72.2 billion dollars [1]. Guangxi proposed a China-Vietnam innovation centre [2].',
    );
    expect(verified.citations.map((citation) => [citation.n, citation.passage.documentId])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    const first = verified.citations[0]!;
    expect(first.quote).toContain('72,2 milliards');
    expect(content.slice(first.startChar, first.endChar)).toBe(first.quote);
    expect(verified.dropped).toEqual([]);
  });

  it('renumbers [3] then [1] to [1] then [2]', () => {
    const verified = verifyCitations(
      'Lines Lang Son - Hanoi are planned [3]. Trade reached 72.2 billion [1].',
      four,
      {
        answerLanguage: 'en',
      },
    );
    expect(verified.answer).toMatch(/ \[1\]\..* \[2\]\.$/);
    expect(verified.citations.map((citation) => citation.passage.documentId)).toEqual([3, 1]);
  });

  it('drops a citation to a chunk that was not provided ([7] of 4) and never shows it', () => {
    const verified = verifyCitations(
      'Trade reached 72.2 billion dollars [7]. Lines Lang Son - Hanoi are planned [3][9].',
      four,
      {
        answerLanguage: 'en',
      },
    );
    expect(verified.answer).toBe('Lines Lang Son - Hanoi are planned [1].');
    expect(verified.answer).not.toMatch(/\[7\]|\[9\]/);
    expect(verified.dropped).toEqual([
      { sentence: 'Trade reached 72.2 billion dollars.', reason: 'unknown-citation' },
    ]);
  });

  it('drops a claim its chunk does not support, and uncited sentences', () => {
    const verified = verifyCitations(
      'Trade reached 95 billion dollars [1]. Everyone agreed. Guangxi proposed an innovation centre [2].',
      four,
      { answerLanguage: 'en' },
    );
    expect(verified.answer).toBe('Guangxi proposed an innovation centre [1].');
    expect(verified.dropped.map((drop) => drop.reason)).toEqual(['unsupported', 'uncited']);
  });

  it('returns nothing for garbage, zero and negative citations', () => {
    for (const reply of ['', '[[[', 'Trade [0]. Trade [-1].', ']]] [1', '[999999999999999999999]']) {
      const verified = verifyCitations(reply, four, { answerLanguage: 'en' });
      expect(verified.citations).toEqual([]);
    }
  });

  it('offsets quotes into the document and trims long sentences at a word', () => {
    const long = `${'Le Guangxi et le Vietnam coopèrent sur les routes et les ports. '.repeat(2)}${'mot '.repeat(120)}fin.`;
    const offset = passage(5, long, 'fr', 1000);
    const verified = verifyCitations('Guangxi and Vietnam cooperate on roads [1].', [offset], {
      answerLanguage: 'en',
    });
    const citation = verified.citations[0]!;
    expect(citation.startChar).toBe(1000);
    expect(citation.quote.length).toBeLessThanOrEqual(QUOTE_MAX_CHARS);
    expect(long.slice(citation.startChar - 1000, citation.endChar - 1000)).toBe(citation.quote);
  });
});

describe('neutraliseMentions', () => {
  it('defuses broadcasts and user mentions', () => {
    expect(neutraliseMentions('Hi <!channel> and @here, <@U123> <!subteam^S1> mail a@here.org')).toBe(
      'Hi and , mail a@here.org',
    );
  });
});
