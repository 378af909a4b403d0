import { describe, expect, it } from 'vitest';
import { glossaryTerm, glossText, glossWords, hanNames, hanPlaces } from '../../src/text/gloss.ts';
import { hasHanViet } from '../../src/text/hanviet.ts';
import { syllableKey } from '../../src/text/lexicon.ts';

const shares = (a: string[], b: string[]) => a.filter((word) => b.includes(word));

describe('glossWords: one English vocabulary for five languages', () => {
  it('glosses "border gate" alike in English, Chinese, Vietnamese, French and Swedish', () => {
    const english = glossWords('border gate', 'en');
    expect(english).toEqual(['border', 'gate']);
    for (const [text, language] of [
      ['口岸', 'zh'],
      ['cửa khẩu', 'vi'],
      ['poste frontière', 'fr'],
      ['gränsövergång', 'sv'],
    ] as const) {
      expect(glossWords(text, language), `${text} (${language})`).toEqual(expect.arrayContaining(english));
    }
  });

  it('glosses Guangxi alike as 广西, Quảng Tây and Guangxi', () => {
    for (const [text, language] of [
      ['广西', 'zh'],
      ['Quảng Tây', 'vi'],
      ['Guangxi', 'fr'],
      ['Guangxi', 'en'],
    ] as const) {
      expect(glossWords(text, language), text).toContain('guangxi');
    }
    expect(hanPlaces('广西与越南谅山省签署协议')).toEqual(expect.arrayContaining(['广西', '谅山']));
    expect(glossaryTerm('Quảng Tây')?.place).toBe(true);
  });

  it('glosses the words of whole sentences so that translations meet', () => {
    const chinese = glossWords('双方同意在友谊关口岸建设智慧口岸。', 'zh');
    const vietnamese = glossWords(
      'Hai bên nhất trí xây dựng cửa khẩu thông minh tại cửa khẩu Hữu Nghị.',
      'vi',
    );
    const english = glossWords(
      'Both sides agreed to build a smart border gate at the Huu Nghi border gate.',
      'en',
    );
    for (const word of ['smart', 'border', 'gate']) {
      expect(chinese, word).toContain(word);
      expect(vietnamese, word).toContain(word);
      expect(english, word).toContain(word);
    }
  });

  it('keeps the numbers and Latin words written inside Chinese text', () => {
    // Chinese writes years, amounts and acronyms against its characters: 2022年, 668亿美元, AI合作.
    const words = glossWords('2022年越南边境四省与广西进出口总额达668亿美元，推动AI合作。', 'zh');
    expect(words).toEqual(expect.arrayContaining(['2022', '668', 'intelligence', 'guangxi']));
    expect(glossWords('2022年', 'zh')).toContain('2022');
  });

  it('reads a single character the glossary knows in its domain sense', () => {
    // 省 alone is "province" here, not CC-CEDICT's first senses "to save, to economize".
    const words = glossWords('越南边境四省', 'zh');
    expect(words).toContain('province');
    expect(words).not.toContain('economize');
  });

  it('glosses a trade question alike in Chinese, Vietnamese and English, question words left out', () => {
    const english = glossWords(
      'How much did the four border provinces and Guangxi trade reach in 2021?',
      'en',
    );
    for (const [text, language] of [
      ['2021年越南边境四省与广西的贸易额达到多少？', 'zh'],
      ['Năm 2021, kim ngạch giữa bốn tỉnh biên giới và Quảng Tây đạt bao nhiêu?', 'vi'],
    ] as const) {
      const words = glossWords(text, language);
      for (const word of ['2021', 'four', 'border', 'province', 'guangxi', 'reach'])
        expect(words, `${word} in ${text}`).toContain(word);
      expect(english).toEqual(expect.arrayContaining(['2021', 'four', 'border', 'guangxi', 'reach']));
      // 多少 (how much) is what is asked: not "number amount somewhat"; giữa (between) is a function word.
      expect(words).not.toContain('somewhat');
      expect(words).not.toContain('giua');
    }
  });

  it('reads "Vietnamese" and "Chinese" in every language as the country', () => {
    for (const [text, language] of [
      ['Vietnamese', 'en'],
      ['vietnamiennes', 'fr'],
      ['vietnamesiska', 'sv'],
      ['越南', 'zh'],
      ['Việt Nam', 'vi'],
    ] as const)
      expect(glossWords(text, language), text).toContain('vietnam');
    expect(glossWords('kinesiska', 'sv')).toContain('china');
  });

  it('reads Swedish "leddes av" as chairing only when a meeting is led, not a delegation', () => {
    expect(glossWords('Mötet leddes av Hoang Van Nghiem.', 'sv')).toContain('chair');
    const delegation = glossWords('Lang Sons delegation leddes av Hoang Van Nghiem.', 'sv');
    expect(delegation).toContain('lead');
    expect(delegation).not.toContain('chair');
  });

  it('does not gloss "which two" in a Chinese question as two and a position', () => {
    const words = glossWords('第十六次联工委会晤由哪两位领导共同主持？', 'zh');
    expect(words).not.toContain('two');
    expect(words).not.toContain('position');
    expect(words).toContain('leader');
  });

  it('glosses an ordinal as its value, not as the words that write it', () => {
    expect(glossWords('Hội nghị lần thứ 15 Ủy ban công tác liên hợp', 'vi')).toEqual([
      'conference',
      'joint',
      'working',
      'committee',
      'ord15',
    ]);
    expect(glossWords('den 16:e konferensen', 'sv')).toEqual(['conference', 'ord16']);
    expect(glossWords('lần đầu tiên', 'vi')).toEqual(['ord1']);
  });

  it('stores the gloss as one string of the same words', () => {
    expect(glossText('Quảng Tây và cửa khẩu', 'vi')).toBe(
      glossWords('Quảng Tây và cửa khẩu', 'vi').join(' '),
    );
  });
});

describe('glossWords: Chinese names and Sino-Vietnamese words', () => {
  it('reads a Chinese name as pinyin and Hán-Việt', () => {
    expect(hanNames('广西党委书记陈刚会见越方代表团')).toEqual(['陈刚']);
    const words = glossWords('陈刚', 'zh');
    expect(words).toEqual(expect.arrayContaining(['chen', 'gang', 'tran']));
  });

  it('keeps a Vietnamese name as its folded syllables', () => {
    expect(glossWords('Ông Trần Cương phát biểu tại hội nghị.', 'vi')).toEqual(
      expect.arrayContaining(['tran', 'cuong']),
    );
  });

  // Guards that the Chinese spelling of a person meets the Vietnamese one (陈刚 = Trần Cương).
  // Known limitation without m17n's Hán-Việt table (src/text/hanviet.ts): Unihan has no Hán-Việt
  // reading for 刚/剛, and the one data-files/lexicon/han-readings.tsv infers from homophones is "cong".
  (hasHanViet() ? it : it.fails)('gives 陈刚 the Hán-Việt reading Trần Cương has (tran and cuong)', () => {
    const chinese = glossWords('陈刚', 'zh');
    const vietnamese = glossWords('Trần Cương', 'vi');
    expect(shares(chinese, vietnamese)).toEqual(expect.arrayContaining(['tran', 'cuong']));
  });

  // Guards that a name ends where the next word starts: "陈刚在会上表示" (Chen Gang said at the meeting).
  // Known limitation: the surname rule takes 在 (at) into the name ("陈刚在").
  it('does not take the function character after a name into it', () => {
    expect(hanNames('陈刚在会上表示，双方将加强合作。')).toEqual(['陈刚']);
  });

  // Guards the names of eval/corpus/a02.txt: 彭清华 (Peng Qinghua, Bành Thanh Hoa).
  // Known limitation: 清华 is a dictionary word (Tsinghua University), so the name is glossed as that.
  // Known limitation: 清华 is a dictionary word, so the name rule never sees 彭清华 (the alias table can).
  it.fails('reads 彭清华 as a name, not as Tsinghua University', () => {
    expect(hanNames('广西党委书记彭清华出席会议')).toEqual(['彭清华']);
    const words = glossWords('彭清华', 'zh');
    expect(words).toEqual(expect.arrayContaining(['peng', 'qing', 'hua']));
    expect(words).not.toContain('university');
  });

  it('glosses Sino-Vietnamese compounds through their Chinese reading', () => {
    expect(glossWords('hợp tác', 'vi')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^cooperat(e|ion)$/)]),
    );
    expect(glossWords('kinh tế', 'vi')).toContain('economy');
    const sentence = glossWords('Hai bên tăng cường hợp tác kinh tế và thương mại.', 'vi');
    expect(sentence).toEqual(expect.arrayContaining(['economy', 'trade']));
    // The same concepts from Chinese: 经济合作 (economic cooperation).
    expect(shares(sentence, glossWords('双方加强经济合作和贸易', 'zh'))).toEqual(
      expect.arrayContaining(['economy', 'trade']),
    );
  });
});

describe('glossWords: ordinals, acronyms and function words', () => {
  it('turns an ordinal into ordN in every language, not into a word', () => {
    for (const [text, language] of [
      ['the fourth conference', 'en'],
      ['the 4th conference', 'en'],
      ['la quatrième conférence', 'fr'],
      ['la 4e conférence', 'fr'],
      ['den fjärde konferensen', 'sv'],
      ['hội nghị lần thứ tư', 'vi'],
      ['第四次会议', 'zh'],
    ] as const) {
      const words = glossWords(text, language);
      expect(words, text).toContain('ord4');
      expect(words, text).not.toContain('ord5');
      expect(words, text).not.toContain('fourth');
    }
    expect(glossWords('second', 'en')).toEqual(['ord2']);
    expect(glossWords('deuxième', 'fr')).toEqual(['ord2']);
    expect(glossWords('andra', 'sv')).toEqual(['ord2']);
    expect(glossWords('第二', 'zh')).toEqual(['ord2']);
    expect(glossWords('thứ hai', 'vi')).toContain('ord2');
  });

  it('does not read Vietnamese "Ai" (who) as artificial intelligence, but reads "AI" so', () => {
    expect(glossWords('Ai là người chủ trì hội nghị?', 'vi')).not.toContain('intelligence');
    expect(glossWords('Ai là người chủ trì hội nghị?', 'vi')).not.toContain('artificial');
    expect(glossWords('Hai bên hợp tác về AI.', 'vi')).toEqual(
      expect.arrayContaining(['artificial', 'intelligence']),
    );
    expect(glossWords('Guangxi proposed a centre for AI.', 'en')).toEqual(
      expect.arrayContaining(['artificial', 'intelligence']),
    );
  });

  it('drops function words of every language', () => {
    expect(glossWords('the meeting of the committee and the minister', 'en')).toEqual([
      'meeting',
      'committee',
      'minister',
    ]);
    const french = glossWords('la réunion du comité et de la délégation', 'fr');
    expect(french).toEqual(expect.arrayContaining(['meeting', 'committee', 'delegation']));
    for (const word of ['la', 'du', 'et', 'de']) expect(french).not.toContain(word);
    const swedish = glossWords('Mötet och samtalen om handeln', 'sv');
    expect(swedish).toEqual(['meeting', 'talks', 'trade']);
    const vietnamese = glossWords('hợp tác của các tỉnh và thành phố', 'vi');
    for (const word of ['cua', 'cac', 'va']) expect(vietnamese).not.toContain(word);
    expect(glossWords('双方的合作和交流', 'zh')).toEqual(['both', 'sides', 'cooperation', 'exchange']);
  });
});

describe('glossWords: glossary forms inflected', () => {
  it('reads a one-word form with a plural or genitive s, as it reads a phrase with one', () => {
    expect(glossWords('les provinces frontalières', 'fr')).toContain('border');
    expect(glossWords('les comités', 'fr')).toContain('committee');
    expect(glossWords('vårmötets program', 'sv')).toEqual(expect.arrayContaining(['spring', 'meeting']));
    expect(glossWords('two secretariats', 'en')).toContain('secretariat');
  });

  it('reads a Swedish form with its definite, plural and verb endings in Swedish text', () => {
    expect(glossWords('gränsövergångarna', 'sv')).toEqual(expect.arrayContaining(['border', 'gate']));
    expect(glossWords('pilotprojektet', 'sv')).toContain('pilot');
    expect(glossWords('planen uppgraderas', 'sv')).toContain('upgrade');
    expect(glossWords('de granskade avtalen', 'sv')).toEqual(expect.arrayContaining(['review', 'agreement']));
  });

  it('reads French participles and adjectives in their feminine and plural', () => {
    expect(glossWords('les mesures convenues', 'fr')).toContain('agree');
    expect(glossWords('les lignes ferroviaires', 'fr')).toContain('railway');
    expect(glossWords('les activités culturelles', 'fr')).toContain('culture');
  });

  it('does not read another word as a short form with an ending', () => {
    // "fast" (firm, although) is not "fas" (phase), "bror" (brother) not "bro" (bridge), "porte" (door)
    // not "port", "premiers" (first) not Premier, "au cours de" (during) not a court.
    expect(glossWords('fast', 'sv')).not.toContain('phase');
    expect(glossWords('hans bror', 'sv')).not.toContain('bridge');
    expect(glossWords('la porte', 'fr')).not.toContain('port');
    expect(glossWords('les premiers résultats', 'fr')).not.toContain('minister');
    expect(glossWords('le premier site pilote', 'fr')).not.toContain('minister');
    expect(glossWords('Premier Li Qiang', 'en')).toContain('minister');
    expect(glossWords('au cours de la réunion', 'fr')).not.toContain('court');
    // "ärende" (matter) is not "åren" (the years) with an ending: an inflected form takes no more.
    expect(glossWords('Ärende', 'sv')).not.toContain('year');
  });
});

describe('glossWords: the vocabulary of minutes in five languages', () => {
  // Each row: an English wording, then the same action or term as Swedish, French, Vietnamese and Chinese
  // minutes write it.
  const rows = [
    ['confirmed', 'bekräftade', 'a confirmé', 'xác nhận', '确认'],
    [
      'extend the opening hours',
      'förlänga öppettiderna',
      'prolonger les horaires d’ouverture',
      'kéo dài thời gian mở cửa',
      '延长开放时间',
    ],
    ['investigate', 'utreda', 'étudier', 'nghiên cứu', '研究'],
    ['submitted in writing', 'lämnade in skriftligen', 'soumis par écrit', 'trình bằng văn bản', '书面提交'],
    ['at the latest', 'senast', 'au plus tard', 'chậm nhất', '最迟'],
    ['merged', 'slogs samman', 'fusionnées', 'sáp nhập', '合并'],
    ['strengthen', 'stärka', 'renforcer', 'tăng cường', '加强'],
    ['held', 'hölls', "s'est tenue", 'diễn ra', '举行'],
    ['upgraded', 'uppgraderades', 'modernisé', 'nâng cấp', '升级'],
    ['approximately', 'cirka', 'environ', 'khoảng', '约'],
    ['clearance time', 'klareringstiden', 'temps de dédouanement', 'thời gian thông quan', '通关时间'],
    ['in person', 'fysiskt', 'en présentiel', 'trực tiếp', '线下'],
    ['related documents', 'berörda', 'connexes', 'liên quan', '相关'],
  ];
  for (const [english, ...others] of rows)
    it(`glosses "${english}" alike in Swedish, French, Vietnamese and Chinese`, () => {
      const wanted = glossWords(english!, 'en');
      expect(wanted.length).toBeGreaterThan(0);
      others.forEach((text, index) => {
        const language = ['sv', 'fr', 'vi', 'zh'][index]!;
        expect(shares(glossWords(text, language), wanted), `${text} (${language})`).not.toEqual([]);
      });
    });

  it('does not read the clearance time as opening hours, nor 后 (after) as an empress', () => {
    const words = glossWords('会后，通关时间缩短至2小时', 'zh');
    expect(words).toEqual(expect.arrayContaining(['clearance', 'time', 'hour']));
    for (const wrong of ['opening', 'empress', 'queen']) expect(words).not.toContain(wrong);
  });

  it('reads 约, 愿 and 活动 in their sense in minutes, not as weigh, honest or move about', () => {
    const words = glossWords('双方愿共同举办活动，约500人参加', 'zh');
    expect(words).toEqual(expect.arrayContaining(['hope', 'activity', 'approximately']));
    for (const wrong of ['weigh', 'honest', 'unsteady']) expect(words).not.toContain(wrong);
  });
});

describe('glossWords: a form of several entries', () => {
  it('glosses a form to every entry it belongs to', () => {
    // "Mötet leddes av …" (the meeting was chaired by …) is also led, headed by: an English question
    // with "headed" meets it, as one with "chaired" does.
    const swedish = glossWords('Mötet leddes av Cao Tuong Huy', 'sv');
    expect(shares(swedish, glossWords('Who headed the meeting?', 'en'))).toContain('lead');
    expect(shares(swedish, glossWords('Who chaired the meeting?', 'en'))).toContain('chair');
    expect(glossWords('ledde', 'sv')).toContain('lead');
    expect(glossWords('年度', 'zh')).toEqual(expect.arrayContaining(['annual', 'year']));
  });

  it("takes the sense of the text's own language when the languages' forms differ", () => {
    // French "route" is a road, English "route" a route; Swedish "fall" is a case, English "fell" a fall.
    expect(glossWords('la route', 'fr')).toEqual(['road']);
    expect(glossWords('the route', 'en')).toEqual(['route']);
    expect(glossWords('i så fall', 'sv')).toContain('case');
    expect(glossWords('i så fall', 'sv')).not.toContain('decrease');
  });

  it('reads a capitalised form as a name, a place first, and a lower-case one as a word', () => {
    expect(glossWords('cửa khẩu Hữu Nghị và Hữu Nghị', 'vi')).not.toContain('friendship');
    expect(glossWords('quan hệ hữu nghị', 'vi')).toEqual(['relations', 'friendship']);
  });
});

describe('glossWords: Vietnamese spellings and Sino-Vietnamese words', () => {
  it('reads a syllable whatever the placement of its tone or its y', () => {
    // Unihan writes 和 "hoà" and 理 "lí"; texts write "hòa" and "lý" as often.
    for (const text of ['hòa giải', 'hoà giải']) expect(glossWords(text, 'vi'), text).toContain('reconcile');
    for (const text of ['lý do', 'lí do']) expect(glossWords(text, 'vi'), text).toContain('reason');
    expect(syllableKey('thuỷ')).toBe(syllableKey('thủy'));
    expect(syllableKey('kỹ')).toBe(syllableKey('kĩ'));
    expect(syllableKey('ma')).not.toBe(syllableKey('mà'));
  });

  it('reads a Sino-Vietnamese word that starts with a syllable of the glossary', () => {
    // "đoàn" alone is a delegation, "đoàn kết" solidarity; "đồng bộ" is synchronised.
    expect(glossWords('đoàn kết', 'vi')).toContain('solidarity');
    expect(glossWords('đoàn kết', 'vi')).not.toContain('delegation');
    expect(glossWords('đồng bộ', 'vi')).toContain('synchronize');
  });

  it('does not read a Vietnamese word with diacritics as a form of another language', () => {
    // "đông lạnh" (frozen) is not the "dong" of French and Swedish currency forms.
    expect(glossWords('hàng đông lạnh', 'vi')).not.toContain('vietnamese');
    expect(glossWords('Guangxi', 'vi')).toContain('guangxi');
  });
});

describe('glossWords: Swedish compounds', () => {
  it('reads a compound no lexicon knows through its glossary parts, the linking s dropped', () => {
    expect(glossWords('gränsturismen', 'sv')).toEqual(expect.arrayContaining(['border', 'tourism']));
    expect(glossWords('lastbilstrafiken', 'sv')).toEqual(expect.arrayContaining(['trucks', 'transport']));
    expect(glossWords('exportomsättningen', 'sv')).toEqual(expect.arrayContaining(['export', 'turnover']));
  });

  it('leaves a word whose parts are unknown as it is', () => {
    expect(glossWords('qzxwturismen', 'sv')).toEqual(['qzxwturismen']);
  });
});
