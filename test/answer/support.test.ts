import { describe, expect, it } from 'vitest';
import { DocumentContext, profileQuestion } from '../../src/answer/relevance.ts';
import { type SupportOptions, supportingSentence, supports } from '../../src/answer/support.ts';

/** Options for an English claim (an answer) citing a passage in `language`, asked by `question`. */
function across(language: string, question?: string): SupportOptions {
  return {
    sameLanguage: language === 'en',
    claimLanguage: 'en',
    passageLanguage: language,
    question: question ? profileQuestion(question, 'en') : undefined,
  };
}

/** The text of the sentence that supports the claim, or null. */
function quoted(claim: string, passage: string, options: SupportOptions): string | null {
  return supportingSentence(claim, passage, options)?.text ?? null;
}

describe('the lies of the issue are not supported', () => {
  // A figure from the page's time stamp ("Cập nhật 10:51 GMT+7") is not a figure of the article.
  it('does not support "51" with the minutes of a byline time stamp', () => {
    const page = [
      'Báo Lạng Sơn điện tử',
      'Cập nhật 10:51 GMT+7, 16/12/2025',
      'Mỗi ngày có hàng trăm xe tải chở hàng hóa qua cửa khẩu Hữu Nghị. Hai bên thống nhất đẩy mạnh thông quan.',
    ].join('\n');
    const question = 'How many trucks cross the Huu Nghi border gate each day?';
    expect(supports('51.', page, across('vi', question))).toBe(false);
    expect(supports('51 trucks cross the Huu Nghi border gate each day.', page, across('vi'))).toBe(false);
    // The same figure in the article body is supported.
    const stated = page.replace('hàng trăm', '51');
    expect(quoted('51.', stated, across('vi', question))).toBe(
      'Mỗi ngày có 51 xe tải chở hàng hóa qua cửa khẩu Hữu Nghị.',
    );
  });

  // The month of a source line's date ("Källa: …, 17/12/2025") is not a count of the article.
  it('does not support "12" with the date of a "Källa:" line', () => {
    const page = [
      'Källa: Vietnams ambassad i Stockholm, 17/12/2025',
      'Den svenska delegationen bestod av företrädare för flera företag. Delegationen besökte Hanoi och Lang Son.',
    ].join('\n');
    const question = 'How many companies were in the Swedish delegation?';
    expect(supports('12.', page, across('sv', question))).toBe(false);
    expect(supports('The delegation had 12 companies.', page, across('sv'))).toBe(false);
    const stated = page.replace('flera', '12');
    expect(quoted('12.', stated, across('sv', question))).toBe(
      'Den svenska delegationen bestod av företrädare för 12 företag.',
    );
  });

  // A place named only by the newspaper's banner ("Báo Lạng Sơn điện tử") is not where the event was.
  it('does not support "Lang Son" with the banner of the Lang Son newspaper', () => {
    const page = [
      'Báo Lạng Sơn điện tử',
      'Sáng 16/12, tại Hà Nội, Bộ Công Thương tổ chức hội nghị xúc tiến thương mại với các doanh nghiệp Quảng Tây.',
    ].join('\n');
    const question = 'Where was the trade promotion conference held?';
    expect(supports('Lang Son.', page, across('vi', question))).toBe(false);
    expect(supports('The conference was held in Lang Son.', page, across('vi'))).toBe(false);
    // Named by the article itself, Lang Son is supported.
    const named = `${page}\nHội nghị có sự tham gia của 200 doanh nghiệp tỉnh Lạng Sơn.`;
    expect(quoted('Lang Son.', named, across('vi', question))).toBe(
      'Hội nghị có sự tham gia của 200 doanh nghiệp tỉnh Lạng Sơn.',
    );
  });

  // A made-up person is not supported by syllables of his name scattered in words ("thành viên", "hai").
  it('does not support "Nguyen Thanh Hai" with "thành viên" and "hai" in the passage', () => {
    const page =
      'Đoàn công tác gồm các thành viên của Ủy ban nhân dân tỉnh và đại diện hai sở ngành. Hai bên đã ký biên bản hợp tác.';
    const question = 'Who led the delegation?';
    expect(supports('Nguyen Thanh Hai.', page, across('vi', question))).toBe(false);
    expect(supports('Nguyen Thanh Hai led the delegation.', page, across('vi'))).toBe(false);
    // The sentence that names him supports it, in its Vietnamese spelling.
    const named =
      'Đoàn công tác của tỉnh do ông Nguyễn Thanh Hải, Phó Chủ tịch Ủy ban nhân dân tỉnh, dẫn đầu. Hai bên đã ký biên bản hợp tác.';
    expect(quoted('Nguyen Thanh Hai.', named, across('vi', question))).toMatch(
      /^Đoàn công tác của tỉnh do ông/,
    );
    expect(supports('Nguyen Van Hai.', named, across('vi', question))).toBe(false);
  });

  // Another person with the same given names: the surname of a name at the start of the claim counts.
  // Known limitation: a capitalised first word of a claim may be dropped ("Tran Thanh Hai" → "Thanh Hai").
  it('does not support "Tran Thanh Hai" with a passage naming Nguyễn Thanh Hải', () => {
    const named =
      'Đoàn công tác của tỉnh do ông Nguyễn Thanh Hải, Phó Chủ tịch Ủy ban nhân dân tỉnh, làm trưởng đoàn.';
    expect(supports('Tran Thanh Hai.', named, across('vi', 'Who led the delegation?'))).toBe(false);
  });

  // "partnership" is not "take part": words are compared as whole stems, never as prefixes.
  it('does not support "partnership" with "take part"', () => {
    const page = 'The companies take part in the fair every year. The fair is held in Nanning.';
    expect(supports('The companies formed a partnership.', page, across('en'))).toBe(false);
    expect(
      supports(
        'The companies formed a partnership.',
        'The companies formed a partnership for the fair.',
        across('en'),
      ),
    ).toBe(true);
  });

  // The bare answer "Partnership [1]" to a question the passage is about, but with "take part" only.
  // Known limitation: a one-word claim has no words checked, so any sentence that answers the question supports it.
  it('does not support the bare answer "Partnership" with "take part"', () => {
    const page = 'The companies take part in the fair every year. The fair is held in Nanning.';
    expect(supports('Partnership.', page, across('en', 'What links the companies and the fair?'))).toBe(
      false,
    );
  });

  // The same bare word with no question at all (the public API allows it).
  // Known limitation: without a question a one-word claim is supported by any body sentence.
  it('does not support a bare word absent from the passage when no question is given', () => {
    expect(supports('Partnership.', 'The fair opens today in Nanning.', across('en'))).toBe(false);
  });

  // "the third time" is not "la deuxième fois": ordinals are compared as values.
  it('does not support "for the third time" with "pour la deuxième fois"', () => {
    const page =
      'Le Guangxi et les quatre provinces ont tenu la réunion de printemps pour la deuxième fois à Nanning.';
    const question = 'Which edition of the spring meeting was held in Nanning?';
    expect(supports('For the third time.', page, across('fr', question))).toBe(false);
    expect(supports('Third.', page, across('fr', question))).toBe(false);
    expect(supports('The spring meeting was held in Nanning for the third time.', page, across('fr'))).toBe(
      false,
    );
  });

  // A wrong office is not the office the passage names (secretary ≠ ordförande).
  // Known limitation: across languages a third of the words suffice and a bare office has no words
  // checked, so "secretary" is supported by the sentence that says "Ordföranden".
  it('does not support "Secretary" with a passage naming the chairman (ordförande)', () => {
    const page =
      'Mötet hölls i Hanoi den 16 december. Ordföranden för handelskammaren ledde den svenska delegationen.';
    expect(supports('Secretary.', page, across('sv', 'Who led the Swedish delegation?'))).toBe(false);
    expect(
      supports('The secretary of the chamber of commerce led the Swedish delegation.', page, across('sv')),
    ).toBe(false);
  });

  // A number that is close but not the same is not supported.
  it('does not support "72.8 billion dollars" with "72,2 milliards de dollars", nor another year', () => {
    const page =
      "Le chiffre d'affaires des échanges entre les deux parties a atteint 72,2 milliards de dollars en 2024.";
    expect(
      supports(
        '72.8 billion dollars.',
        page,
        across('fr', 'How much did trade between the two sides reach in 2024?'),
      ),
    ).toBe(false);
    // The right figure, asked about another year, is not the answer.
    expect(
      supports(
        '72.2 billion dollars.',
        page,
        across('fr', 'How much did trade between the two sides reach in 2023?'),
      ),
    ).toBe(false);
  });
});

describe('the truths are supported', () => {
  // A bare ordinal answers a question asking which edition: "Second" = "deuxième".
  it('supports "Second" with "pour la deuxième fois" when the question asks which edition', () => {
    const page = [
      'Publié le 23/02/2016',
      'Le Guangxi et les quatre provinces ont tenu la réunion de printemps pour la deuxième fois à Nanning.',
    ].join('\n');
    const question = 'Which edition of the spring meeting was held in Nanning?';
    const sentence =
      'Le Guangxi et les quatre provinces ont tenu la réunion de printemps pour la deuxième fois à Nanning.';
    expect(quoted('Second.', page, across('fr', question))).toBe(sentence);
    expect(quoted('The second.', page, across('fr', question))).toBe(sentence);
    expect(quoted('The spring meeting was held in Nanning for the second time.', page, across('fr'))).toBe(
      sentence,
    );
  });

  // An office across languages: "Chairman" = Swedish "ordförande" (in the glossary), quoting that sentence.
  it('supports "Chairman" with the sentence that says "Ordföranden"', () => {
    const page =
      'Mötet hölls i Hanoi den 16 december. Ordföranden för handelskammaren ledde den svenska delegationen.';
    const sentence = 'Ordföranden för handelskammaren ledde den svenska delegationen.';
    expect(quoted('Chairman.', page, across('sv', 'Who led the Swedish delegation?'))).toBe(sentence);
    expect(
      quoted('The chairman of the chamber of commerce led the Swedish delegation.', page, across('sv')),
    ).toBe(sentence);
  });

  // A number across conventions: "72.2 billion dollars" = "72,2 milliards de dollars".
  it('supports "72.2 billion dollars" with "72,2 milliards de dollars"', () => {
    const page = [
      'Mis à jour le 10/01/2025 à 10h51',
      "Le chiffre d'affaires des échanges entre les deux parties a atteint 72,2 milliards de dollars en 2024.",
    ].join('\n');
    const sentence =
      "Le chiffre d'affaires des échanges entre les deux parties a atteint 72,2 milliards de dollars en 2024.";
    const question = 'How much did trade between the two sides reach in 2024?';
    expect(quoted('72.2 billion dollars.', page, across('fr', question))).toBe(sentence);
    expect(
      quoted('Trade between the two sides reached 72.2 billion dollars in 2024.', page, across('fr')),
    ).toBe(sentence);
  });

  // A person named in Chinese answers "who": Chen Gang = 陈刚 (pinyin), and another name is not.
  it('supports "Chen Gang" for "Who led the Guangxi delegation?" with the sentence naming 陈刚', () => {
    const page = [
      '来源：广西日报',
      '广西代表团由自治区副主席陈刚率领，于12月16日抵达河内。',
      '双方就口岸合作进行了会谈。',
    ].join('\n');
    const options = { ...across('zh'), question: profileQuestion('Who led the Guangxi delegation?', 'en') };
    expect(quoted('Chen Gang.', page, options)).toBe(
      '广西代表团由自治区副主席陈刚率领，于12月16日抵达河内。',
    );
    expect(quoted('Chen Gang led the Guangxi delegation.', page, options)).toBe(
      '广西代表团由自治区副主席陈刚率领，于12月16日抵达河内。',
    );
    expect(supports('Wang Ming.', page, options)).toBe(false);
    expect(supports('Wang Ming led the Guangxi delegation.', page, options)).toBe(false);
  });

  // A bare one-word place answers "where": "Hanoi" = "Hà Nội".
  // Known limitation: holdsAnswerKind('where') looks for a capital after the first letter, so "Ha Noi"
  // is supported and "Hanoi" is not.
  it('supports the bare place "Hanoi" with "tại Hà Nội" for a where question', () => {
    const page =
      'Sáng 16/12, tại Hà Nội, Bộ Công Thương tổ chức hội nghị xúc tiến thương mại với các doanh nghiệp Quảng Tây.';
    const options = across('vi', 'Where was the trade promotion conference held?');
    expect(supports('Ha Noi.', page, options)).toBe(true);
    expect(supports('Hanoi.', page, options)).toBe(true);
  });

  it('gives offsets into the passage that cut out the supporting sentence', () => {
    const page = 'Báo Lạng Sơn điện tử\nHội nghị có sự tham gia của 200 doanh nghiệp tỉnh Lạng Sơn.';
    const span = supportingSentence(
      '200 enterprises from Lang Son attended the conference.',
      page,
      across('vi'),
    )!;
    expect(span).not.toBeNull();
    expect(page.slice(span.start, span.end)).toBe(span.text);
    expect(span.text).toBe('Hội nghị có sự tham gia của 200 doanh nghiệp tỉnh Lạng Sơn.');
  });
});

describe('dates, years and kinds of answer', () => {
  const expo = [
    'Le Vietnam y participe avec 260 stands, un record, répartis entre le pavillon national et les provinces.',
  ].join('\n');
  const context = new DocumentContext(expo, {
    title: '22e Expo Chine-ASEAN',
    language: 'fr',
    publishedOn: '2025-09-25',
  });

  // A year the claim adds may come from the document (its date of publication, its title, the event
  // year stated before): the sentence need not repeat it. A claim that is only a year must find it there.
  it("takes a claim's year from the document when the sentence holds the rest of the claim", () => {
    const options = { ...across('fr'), document: context, offset: 0 };
    expect(quoted('2025: 260 booths, a record.', expo, options)).toMatch(
      /^Le Vietnam y participe avec 260 stands/,
    );
    expect(supports('2019: 260 booths, a record.', expo, options)).toBe(false);
    const when = { ...options, question: profileQuestion('When did the Expo open?', 'en') };
    expect(supports('2025.', expo, when)).toBe(false);
  });

  it('checks the month of a date: 24 September is not 24 October', () => {
    const fair = 'The fair opened on 24 September, a week after the trade forum.';
    const document = new DocumentContext(fair, { title: 'Expo', language: 'en', publishedOn: '2025-09-25' });
    const options = { ...across('en', 'When did the fair open?'), document, offset: 0 };
    expect(quoted('On 24 September 2025.', fair, options)).toBe(fair);
    expect(supports('On 24 October 2025.', fair, options)).toBe(false);
    // Vietnamese and Chinese write the month as a number.
    const vi = 'Ngày 6/12, tại thành phố Mường Xay đã diễn ra Hội nghị thường niên lần thứ 14.';
    const asked = across('vi', 'When was the 14th annual conference held?');
    expect(supports('On 6 December.', vi, asked)).toBe(true);
    expect(supports('On 6 November.', vi, asked)).toBe(false);
  });

  it("does not take the end of a plan's period for the date of the meeting", () => {
    const page = '同日，双方签署了《2023—2027年干部培训合作协议》。';
    const options = across('zh', 'In what year was the 14th conference held?');
    expect(supports('2027.', page, options)).toBe(false);
  });

  it('answers a yes-no question with yes or no, never with a bare name or figure', () => {
    const page = 'Đây là lần đầu tiên thành phố Bắc Hải đăng cai chương trình gặp gỡ đầu xuân năm 2024.';
    const options = across('vi', 'Had Beihai hosted the Spring Meeting before 2024?');
    expect(supports('No, 2024 was the first time Beihai hosted it.', page, options)).toBe(true);
    expect(supports('Beihai.', page, options)).toBe(false);
  });

  it('does not answer "what" with a bare figure', () => {
    const page =
      "L'année 2020 marque le 70e anniversaire des relations diplomatiques, sous le thème de l'amitié.";
    expect(supports('70.', page, across('fr', 'What was the theme of the 2020 meeting?'))).toBe(false);
  });

  it('answers "who hosts" with a province', () => {
    const page = 'Các bên thống nhất, Chương trình gặp gỡ đầu xuân năm 2027 sẽ do tỉnh Cao Bằng đăng cai.';
    expect(supports('Cao Bang province.', page, across('vi', 'Who will host the 2027 Spring Meeting?'))).toBe(
      true,
    );
  });

  // "When and where … and who chaired it?" asks three things: a place or a person answers it too.
  it('answers a question that asks several things with a claim of any of their kinds', () => {
    const page = 'The preparatory meeting was held in Ha Long on 9 January 2025, chaired by Cao Tuong Huy.';
    const options = across('en', 'When and where was the preparatory meeting held, and who chaired it?');
    expect(profileQuestion(options.question!.text, 'en').kinds).toEqual(['when', 'where', 'who']);
    expect(supports('In Ha Long.', page, options)).toBe(true);
    expect(supports('Cao Tuong Huy.', page, options)).toBe(true);
    expect(supports('On 9 January 2025.', page, options)).toBe(true);
    // A figure is none of the three.
    expect(supports('9.', page, options)).toBe(false);
  });

  // A where-answer is the place the sentence says things happened at, not another place it lists.
  it('answers "where" with the venue of the sentence, not a place it merely names', () => {
    const page =
      'Ngày 5/3/2026, tại thành phố Phòng Thành Cảng đã diễn ra Chương trình Gặp gỡ đầu xuân năm 2026 giữa Bí thư Tỉnh ủy các tỉnh Quảng Ninh, Lạng Sơn, Cao Bằng, Tuyên Quang và Bí thư Khu ủy Quảng Tây.';
    const options = across('vi', 'Where and when was the 2026 Spring Meeting held?');
    expect(supports('In Fangchenggang.', page, options)).toBe(true);
    expect(supports('Tuyen Quang.', page, options)).toBe(false);
    expect(supports('On 5 March 2026.', page, options)).toBe(true);
    // A sentence that names no venue cannot tell its places apart: any of them may answer.
    const hosts = 'The meeting was hosted by Fangchenggang, with the leaders of Quang Ninh and Lang Son.';
    expect(supports('Fangchenggang.', hosts, across('en', 'Where was the meeting held?'))).toBe(true);
  });

  // "Since the 2019 meeting" looks back: the sentence still reports the 2020 meeting.
  it('does not take a year the sentence looks back to for another year than the question', () => {
    const page =
      "Placée sous le thème « Renforcer l'amitié traditionnelle, approfondir la coopération pragmatique », la rencontre a permis de faire le bilan de cinq années de coopération, en particulier depuis la réunion de Lang Son en 2019.";
    const options = across('fr', 'What was the theme of the 2020 Spring Meeting?');
    expect(supports('Strengthen traditional friendship, deepen pragmatic cooperation.', page, options)).toBe(
      true,
    );
    // A sentence that reports another year is still another year's.
    const other = page.replace(
      'depuis la réunion de Lang Son en 2019',
      'lors de la réunion de Lang Son en 2019',
    );
    expect(supports('Strengthen traditional friendship, deepen pragmatic cooperation.', other, options)).toBe(
      false,
    );
  });

  // A Chinese "sentence" is often a paragraph: next year's host in its last part does not date the
  // documents signed in its first.
  it('checks the years of the part of a Chinese paragraph that holds the claim', () => {
    const page =
      '活动期间，双方有关部门、地市和边境县（市）共签署22份合作文件。北海市与越南广宁省下龙市签署了缔结友好城市意向书。各方商定，2025年新春会晤由越南广宁省承办。';
    const options = across('zh', 'How many cooperation documents were signed at the 2024 Spring Meeting?');
    expect(quoted('22.', page, options)).toBe(page);
    // The part that holds the value still states its own year.
    const other = page.replace('活动期间，', '2023年活动期间，');
    expect(supports('22.', other, options)).toBe(false);
  });

  it('dates a sentence that states no year by its document title', () => {
    const page = '双方有关部门还签署了15份合作文件，涵盖经贸、交通等领域。';
    const document = new DocumentContext(page, {
      title: '2020年新春会晤在柳州举行',
      language: 'zh',
      publishedOn: '2020-01-08',
    });
    const asked = {
      ...across('zh', 'How many cooperation documents were signed at the 2019 meeting?'),
      document,
      offset: 0,
    };
    expect(supports('15.', page, asked)).toBe(false);
    const right = {
      ...asked,
      question: profileQuestion('How many cooperation documents were signed at the 2020 meeting?', 'en'),
    };
    expect(supports('15.', page, right)).toBe(true);
  });

  it('does not take a plan its document announces for what happened', () => {
    const page = '双方商定，联合工作组第六次会议于2017年在越南老街省举行。';
    const document = new DocumentContext(page, {
      title: '联合工作组第五次会议',
      language: 'zh',
      publishedOn: '2016-11-18',
    });
    const held = {
      ...across('zh', 'Where was the 6th meeting of the joint working group held in 2017?'),
      document,
      offset: 0,
    };
    expect(supports('Lao Cai.', page, held)).toBe(false);
    const toBe = {
      ...across('zh', 'Where will the 6th meeting of the joint working group be held in 2017?'),
      document,
      offset: 0,
    };
    expect(supports('Lao Cai.', page, toBe)).toBe(true);
  });

  it("does not support a figure for part of the year as the year's", () => {
    const page =
      'Trade between the four provinces and Yunnan reached about 3.9 billion USD in 2024 and some 3.1 billion USD in the first nine months of 2025.';
    const options = across('en', 'How much was trade between the four provinces and Yunnan in 2025?');
    expect(supports('About 3.1 billion USD.', page, options)).toBe(false);
    const part = across(
      'en',
      'How much was trade between the four provinces and Yunnan in the first nine months of 2025?',
    );
    expect(supports('About 3.1 billion USD.', page, part)).toBe(true);
    const whole = across('en', 'How much was trade between the four provinces and Yunnan in 2024?');
    expect(supports('About 3.9 billion USD.', page, whole)).toBe(true);
  });

  it('does not support the figure of another place than the one asked', () => {
    const page =
      'The Vietnamese side reported that on 19 December 2021 about 4,200 trucks were waiting in Lang Son, of which some 2,300 at Tan Thanh and 1,500 at Huu Nghi.';
    const chiMa = across('en', 'How many trucks were waiting at the Chi Ma border gate on 19 December 2021?');
    expect(supports('About 2,300 trucks.', page, chiMa)).toBe(false);
    const tanThanh = across(
      'en',
      'How many trucks were waiting at the Tan Thanh border gate on 19 December 2021?',
    );
    expect(supports('About 2,300 trucks.', page, tanThanh)).toBe(true);
    // A sentence that names no place may give the asked place's figure.
    const plain = 'On 19 December 2021 about 900 trucks were waiting at the gate.';
    expect(supports('About 900 trucks.', plain, chiMa)).toBe(true);
  });

  it('answers "who" about an office only from a sentence that holds the office', () => {
    const page = [
      'Le vice-président Nguyen Long Hai a conduit la délégation de Lang Son à Pingxiang.',
      'Hoang Minh Son, consul général du Vietnam à Kunming, était également présent.',
    ].join(' ');
    const options = across('fr', 'Who was the Consul General at the Pingxiang meeting?');
    expect(supports('Nguyen Long Hai.', page, options)).toBe(false);
    expect(supports('Hoang Minh Son.', page, options)).toBe(true);
  });

  // The claim's words that restate the question add nothing to check; the sentence must answer it.
  it('checks a claim on what it adds to the question', () => {
    const page = 'Hoang Minh Son, Consul General of Vietnam in Kunming, also attended.';
    const options = across('en', 'Who was the Consul General in Kunming at the 10th and 11th meetings?');
    expect(supports('Hoang Minh Son at both meetings.', page, options)).toBe(true);
    expect(supports('Tran Van Nam at both meetings.', page, options)).toBe(false);
  });
});

describe('Swedish names in the genitive', () => {
  it('finds "Yunnan" in "Yunnans vice guvernör"', () => {
    const page = 'Den kinesiska delegationen leddes av Yunnans vice guvernör Yang Bin.';
    expect(supports('Yang Bin was Vice Governor of Yunnan.', page, across('sv'))).toBe(true);
    expect(supports('Yang Bin was Vice Governor of Guangxi.', page, across('sv'))).toBe(false);
  });
});

describe('a claim about a topic', () => {
  it('is supported only by a sentence that names what the question asks it of', () => {
    const page = [
      'The new road to Mong Cai is about 4.5 kilometres long, and its total investment is estimated at 2,000 billion dong.',
      'Quang Ninh is also preparing the Mong Cai–Dongxing smart border gate.',
    ].join(' ');
    const question = 'What is the total investment for the Mong Cai–Dongxing smart border gate?';
    expect(supports('2,000 billion dong.', page, across('en', question))).toBe(false);
    expect(
      supports('2,000 billion dong.', page, across('en', 'What is the total investment for the new road?')),
    ).toBe(true);
  });
});
