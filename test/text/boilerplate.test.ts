import { describe, expect, it } from 'vitest';
import { bodySentences, isFurniture } from '../../src/text/boilerplate.ts';

/** The body sentences' texts, after checking each offset cuts exactly that sentence out of the page. */
function body(page: string): string[] {
  return bodySentences(page).map((span) => {
    expect(page.slice(span.start, span.end)).toBe(span.text);
    return span.text;
  });
}

describe('bodySentences', () => {
  it('leaves out the banner, the time stamp, the caption and the related articles of a Vietnamese page', () => {
    const page = [
      'Báo Lạng Sơn điện tử',
      'Cập nhật 10:51 GMT+7, 16/12/2025',
      'Ngày 15/12, đoàn công tác tỉnh Lạng Sơn đã làm việc với Sở Thương mại Quảng Tây. Hai bên thống nhất tăng cường hợp tác kinh tế.',
      'Ảnh: Lãnh đạo hai bên tại buổi làm việc',
      'Tin liên quan',
      'Lạng Sơn tổ chức hội nghị xúc tiến đầu tư năm 2024',
      'Quảng Tây đón đoàn công tác Cao Bằng',
    ].join('\n');
    expect(body(page)).toEqual([
      'Ngày 15/12, đoàn công tác tỉnh Lạng Sơn đã làm việc với Sở Thương mại Quảng Tây.',
      'Hai bên thống nhất tăng cường hợp tác kinh tế.',
    ]);
  });

  it('leaves out an English time stamp, photo caption, share line and what follows "Related articles"', () => {
    const page = [
      'Updated 10:51 GMT+7',
      'The delegation met at the Huu Nghi border gate on Monday. Both sides agreed to open a smart lane.',
      'Photo: Officials at the gate',
      'Share',
      'Related articles',
      'Trade fair opens in Nanning in 2024',
      'Fifth conference held in 2013',
    ].join('\n');
    expect(body(page)).toEqual([
      'The delegation met at the Huu Nghi border gate on Monday.',
      'Both sides agreed to open a smart lane.',
    ]);
  });

  it('leaves out a Swedish source line with its date, and what follows "Relaterade artiklar"', () => {
    const page = [
      'Källa: Vietnams ambassad i Stockholm, 17/12/2025',
      'Mötet i Hanoi samlade 40 deltagare. Ordföranden öppnade mötet.',
      'Relaterade artiklar',
      'Ett annat möte 2019',
    ].join('\n');
    expect(body(page)).toEqual(['Mötet i Hanoi samlade 40 deltagare.', 'Ordföranden öppnade mötet.']);
  });

  it('leaves out a Chinese source, reporter line, caption and what follows "相关新闻"', () => {
    const page = [
      '来源：广西日报',
      '本报讯 记者 王明',
      '双方就口岸合作进行了会谈。会议取得了积极成果。',
      '图为会谈现场',
      '相关新闻',
      '第五次会议在南宁举行',
    ].join('\n');
    expect(body(page)).toEqual(['双方就口岸合作进行了会谈。会议取得了积极成果。']);
  });

  it('leaves out a French publication line, share line and what follows "Lire aussi"', () => {
    const page = [
      'Publié le 12/03/2024 à 10h51',
      "La réunion s'est tenue à Hanoï. Les deux parties ont signé un accord.",
      'Partager',
      'Lire aussi',
      'Une autre réunion en 2019',
    ].join('\n');
    expect(body(page)).toEqual(["La réunion s'est tenue à Hanoï.", 'Les deux parties ont signé un accord.']);
  });

  it('keeps offsets exact past leading spaces and blank lines', () => {
    const page = '\n\n   Cập nhật 08:00 GMT+7\n\n  Hai bên ký biên bản.   Đoàn rời Nam Ninh.\n';
    expect(body(page)).toEqual(['Hai bên ký biên bản.', 'Đoàn rời Nam Ninh.']);
  });

  it('keeps a page that has no furniture whole', () => {
    const page = 'The two sides signed the minutes.\nTrade reached 72.2 billion dollars in 2024.';
    expect(body(page)).toEqual([
      'The two sides signed the minutes.',
      'Trade reached 72.2 billion dollars in 2024.',
    ]);
  });

  // Guards bylines without a colon ("By …", "Par …"): a reporter's name is not a person of the meeting.
  // Known limitation: only "By:" / "Par:" with a colon are furniture.
  it('leaves out a byline without a colon', () => {
    const page =
      'By Nguyen Van An\nThe delegation met at the border gate.\nPar Jean Dupont\nLa réunion a eu lieu.';
    expect(body(page)).toEqual(['The delegation met at the border gate.', 'La réunion a eu lieu.']);
  });
});

describe('isFurniture', () => {
  it('knows banners, time stamps, source lines, captions and agency tags', () => {
    for (const line of [
      'Updated 10:51 GMT+7',
      'Cập nhật lúc 10:51',
      'Källa: Regeringskansliet, 17/12/2025',
      'Báo Lạng Sơn điện tử',
      'Photo: VNA',
      'Ảnh: TTXVN',
      '图为会谈现场',
      'Bildtext: Översikt över det förberedande mötet i Ha Long, 9 januari 2025.',
      'Caption: The two delegations at the talks in Beihai.',
      'Légende : les délégations au poste frontière de Huu Nghi.',
      'Share',
      '(TTXVN)',
      '2026年3月6日 第1版',
      '2024年09月25日 星期三 第03版',
      'PM nr 2024/17 | Datum: 2 juli 2024 | Till: styrelsen | Från: sekretariatet (handläggare: Karin Lindqvist)',
      'Ref: JWG/2024/3 | Date: 2 July 2024 | From: the secretariat',
    ]) {
      expect(isFurniture(line), line).toBe(true);
    }
  });

  it('keeps article sentences that start with words furniture also starts with', () => {
    for (const line of [
      'Lạng Sơn is a province on the border.',
      'By the end of 2024, trade rose by 20%.',
      'Theo kế hoạch, hai bên sẽ gặp lại vào năm 2026.',
      'Source of funds was discussed at length.',
      'Photographs were exhibited at the fair.',
      'Par ailleurs, les deux parties ont signé un accord.',
      'Av de 40 deltagarna kom 12 från Kina.',
      '2026年3月6日，双方在南宁签署了第1版合作规划。',
      'Agenda: trade | railways | border gates, as agreed in 2024.',
    ]) {
      expect(isFurniture(line), line).toBe(false);
    }
  });

  // Guards Vietnamese sentences that start with "Báo cáo" (report) or "Bảo đảm" (ensure): common in minutes.
  // Known limitation: a short line starting with "bao" once folded is taken for a newspaper banner ("Báo …").
  it('keeps short Vietnamese sentences starting with "Báo cáo" or "Bảo đảm"', () => {
    expect(isFurniture('Báo cáo của tỉnh được trình bày.')).toBe(false);
    expect(isFurniture('Bảo đảm thông quan thông suốt.')).toBe(false);
  });

  // Guards English minutes that start a sentence with "Updated" or "Share" (a share of trade, updated figures).
  // Known limitation: these words at the start of a line mark it as furniture.
  it('keeps English sentences starting with "Updated" or "Share"', () => {
    expect(isFurniture('Updated figures on border trade were presented by the ministry.')).toBe(false);
    expect(isFurniture('Share of border trade in total trade rose to 20%.')).toBe(false);
  });

  // Guards the rest of an article after a sentence that starts with "Related to …".
  // Known limitation: any line starting with "related" is read as the "Related articles" heading.
  it('does not take a sentence starting with "Related to" for the related-articles heading', () => {
    const page =
      'The sides reviewed the railway project.\nRelated to this, the sides agreed to meet again in 2026.\nThe minutes were signed.';
    expect(body(page)).toEqual([
      'The sides reviewed the railway project.',
      'Related to this, the sides agreed to meet again in 2026.',
      'The minutes were signed.',
    ]);
  });
});
