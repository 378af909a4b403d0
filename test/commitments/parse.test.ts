import { describe, expect, it } from 'vitest';
import { type ParseContext, parseCommitment } from '../../src/commitments/parse.ts';

// Tuesday 24 November 2026, 10:00 in Hanoi / Ho Chi Minh City.
const NOW = new Date('2026-11-24T03:00:00Z');
const base: ParseContext = { author: 'U0AUTHOR', now: NOW, timeZone: 'Asia/Ho_Chi_Minh', dateOrder: 'DMY' };

interface Case {
  name: string;
  text: string;
  context?: Partial<ParseContext>;
  title?: string;
  owners?: string[];
  dueOn?: string | null;
  dueText?: string | null;
}

const cases: Case[] = [
  // English, relative
  {
    name: 'en by weekday',
    text: '<@U024BE7LH> send the draft MoU on smart border gates to Guangxi FAO by Friday',
    title: 'send the draft MoU on smart border gates to Guangxi FAO',
    owners: ['U024BE7LH'],
    dueOn: '2026-11-27',
    dueText: 'by Friday',
  },
  {
    name: 'en next weekday',
    text: 'book the hall next Tuesday',
    title: 'book the hall',
    dueOn: '2026-12-01',
    dueText: 'next Tuesday',
  },
  {
    name: 'en tomorrow',
    text: 'call Lang Son customs tomorrow',
    title: 'call Lang Son customs',
    dueOn: '2026-11-25',
  },
  { name: 'en today', text: 'confirm the agenda by today', title: 'confirm the agenda', dueOn: '2026-11-24' },
  {
    name: 'en in 2 weeks',
    text: 'circulate the minutes in 2 weeks',
    title: 'circulate the minutes',
    dueOn: '2026-12-08',
    dueText: 'in 2 weeks',
  },
  {
    name: 'en in 2 months',
    text: 'review the pilot in 2 months',
    title: 'review the pilot',
    dueOn: '2027-01-24',
  },
  {
    name: 'en end of month',
    text: 'send the budget by end of month',
    title: 'send the budget',
    dueOn: '2026-11-30',
    dueText: 'by end of month',
  },
  {
    name: 'en end of week',
    text: 'finish the translation end of week',
    title: 'finish the translation',
    dueOn: '2026-11-27',
  },
  {
    name: 'en weekday said that day',
    text: 'file the report by Tuesday',
    title: 'file the report',
    dueOn: '2026-11-24',
  },
  // English, absolute
  {
    name: 'en day month',
    text: 'book the interpreters by 15 Dec',
    title: 'book the interpreters',
    dueOn: '2026-12-15',
    dueText: 'by 15 Dec',
  },
  {
    name: 'en month day ordinal',
    text: 'print badges before Dec 3rd',
    title: 'print badges',
    dueOn: '2026-12-03',
  },
  {
    name: 'en January said in November is next year',
    text: 'renew the MoU by 10 January',
    title: 'renew the MoU',
    dueOn: '2027-01-10',
  },
  { name: 'ISO date', text: 'submit the report 2026-12-05', title: 'submit the report', dueOn: '2026-12-05' },
  {
    name: 'ISO with by',
    text: 'submit the report by 2027-02-01.',
    title: 'submit the report.',
    dueOn: '2027-02-01',
    dueText: 'by 2027-02-01',
  },
  { name: 'numeric day-first', text: 'send photos by 05/12/2026', title: 'send photos', dueOn: '2026-12-05' },
  {
    name: 'numeric month-first',
    text: 'send photos by 05/12/2027',
    context: { dateOrder: 'MDY' },
    title: 'send photos',
    dueOn: '2027-05-12',
  },
  { name: 'numeric without year', text: 'send photos by 20/12', title: 'send photos', dueOn: '2026-12-20' },
  {
    name: 'no date',
    text: 'think about the trade fair',
    title: 'think about the trade fair',
    dueOn: null,
    dueText: null,
  },
  {
    name: 'bare date in title loses to the deadline',
    text: 'summarise the 1 December meeting by Friday',
    title: 'summarise the 1 December meeting',
    dueOn: '2026-11-27',
  },
  // French
  {
    name: 'fr avant le',
    text: 'envoyer le compte rendu avant le 5 décembre',
    title: 'envoyer le compte rendu',
    dueOn: '2026-12-05',
    dueText: 'avant le 5 décembre',
  },
  {
    name: "fr d'ici",
    text: "relire la note d'ici vendredi",
    title: 'relire la note',
    dueOn: '2026-11-27',
    dueText: "d'ici vendredi",
  },
  {
    name: 'fr demain',
    text: 'appeler la préfecture demain',
    title: 'appeler la préfecture',
    dueOn: '2026-11-25',
  },
  {
    name: 'fr dans 2 semaines',
    text: 'traduire le mémorandum dans 2 semaines',
    title: 'traduire le mémorandum',
    dueOn: '2026-12-08',
  },
  {
    name: 'fr mardi prochain',
    text: 'réserver la salle mardi prochain',
    title: 'réserver la salle',
    dueOn: '2026-12-01',
  },
  {
    name: 'fr fin du mois',
    text: 'payer les interprètes fin du mois',
    title: 'payer les interprètes',
    dueOn: '2026-11-30',
  },
  {
    name: 'fr numeric',
    text: 'envoyer les photos pour le 10/12/2026',
    title: 'envoyer les photos',
    dueOn: '2026-12-10',
  },
  // Vietnamese
  {
    name: 'vi trước ngày d/m',
    text: 'gửi dự thảo biên bản trước ngày 10/12',
    title: 'gửi dự thảo biên bản',
    dueOn: '2026-12-10',
    dueText: 'trước ngày 10/12',
  },
  {
    name: 'vi ngày tháng',
    text: 'họp với Sở Ngoại vụ ngày 5 tháng 12',
    title: 'họp với Sở Ngoại vụ',
    dueOn: '2026-12-05',
  },
  {
    name: 'vi ngày tháng năm',
    text: 'nộp báo cáo ngày 15 tháng 1 năm 2027',
    title: 'nộp báo cáo',
    dueOn: '2027-01-15',
  },
  {
    name: 'vi thứ Sáu',
    text: '<@U1ABC> liên hệ Quảng Tây trước thứ Sáu',
    title: 'liên hệ Quảng Tây',
    owners: ['U1ABC'],
    dueOn: '2026-11-27',
    dueText: 'trước thứ Sáu',
  },
  { name: 'vi thứ 6', text: 'dịch tài liệu thứ 6', title: 'dịch tài liệu', dueOn: '2026-11-27' },
  {
    name: 'vi thứ Hai tuần sau',
    text: 'gọi hải quan thứ Hai tuần sau',
    title: 'gọi hải quan',
    dueOn: '2026-11-30',
  },
  { name: 'vi ngày mai', text: 'in tài liệu ngày mai', title: 'in tài liệu', dueOn: '2026-11-25' },
  {
    name: 'vi cuối tháng',
    text: 'thanh toán phiên dịch cuối tháng',
    title: 'thanh toán phiên dịch',
    dueOn: '2026-11-30',
  },
  {
    name: 'vi trong 2 tuần',
    text: 'hoàn thiện hồ sơ trong 2 tuần',
    title: 'hoàn thiện hồ sơ',
    dueOn: '2026-12-08',
  },
  {
    name: 'en by the end of the month',
    text: 'send it by the end of the month',
    title: 'send it',
    dueOn: '2026-11-30',
    dueText: 'by the end of the month',
  },
  { name: 'en this week', text: 'send it this week', title: 'send it', dueOn: '2026-11-27' },
  { name: 'en EOD', text: 'send it by EOD', title: 'send it', dueOn: '2026-11-24' },
  {
    name: 'en yearless numeric needs a deadline word',
    text: 'prepare section 4/5 of the report',
    title: 'prepare section 4/5 of the report',
    dueOn: null,
  },
  {
    name: 'en time is not a date',
    text: 'prepare the 10am briefing tomorrow',
    title: 'prepare the 10am briefing',
    dueOn: '2026-11-25',
  },
  {
    name: 'fr pour lundi',
    text: 'envoyer pour lundi',
    title: 'envoyer',
    dueOn: '2026-11-30',
    dueText: 'pour lundi',
  },
  {
    name: 'fr le with year',
    text: 'envoyer le rapport le 3 décembre 2026',
    title: 'envoyer le rapport',
    dueOn: '2026-12-03',
  },
  {
    name: 'vi trong tuần này',
    text: 'gửi trong tuần này',
    title: 'gửi',
    dueOn: '2026-11-27',
    dueText: 'trong tuần này',
  },
  {
    name: 'vi Thứ Sáu tuần sau',
    text: 'Gửi báo cáo trước Thứ Sáu tuần sau',
    title: 'Gửi báo cáo',
    dueOn: '2026-12-04',
  },
  {
    name: 'vi hạn chót',
    text: 'gửi hạn chót 15/12',
    title: 'gửi',
    dueOn: '2026-12-15',
    dueText: 'hạn chót 15/12',
  },
  { name: 'vi chủ nhật', text: 'gửi thư mời chủ nhật', title: 'gửi thư mời', dueOn: '2026-11-29' },
  // Time zones: 18:30 UTC on Thursday 26 November is already Friday 01:30 in Hanoi.
  {
    name: 'tz Hanoi after midnight',
    text: 'send it tomorrow',
    context: { now: new Date('2026-11-26T18:30:00Z') },
    dueOn: '2026-11-28',
  },
  {
    name: 'tz UTC same instant',
    text: 'send it tomorrow',
    context: { now: new Date('2026-11-26T18:30:00Z'), timeZone: 'UTC' },
    dueOn: '2026-11-27',
  },
  {
    name: 'tz Hanoi weekday is today',
    text: 'send it by Friday',
    context: { now: new Date('2026-11-26T18:30:00Z') },
    dueOn: '2026-11-27',
  },
  {
    name: 'tz Hanoi today is not past',
    text: 'send it 2026-11-27',
    context: { now: new Date('2026-11-26T17:00:00Z') },
    dueOn: '2026-11-27',
  },
  // Paris leaves summer time at 03:00 on Sunday 25 October 2026; 22:30 UTC on the 24th is 00:30 on the 25th there.
  {
    name: 'DST Paris next day',
    text: 'envoyer demain',
    context: { now: new Date('2026-10-24T22:30:00Z'), timeZone: 'Europe/Paris' },
    dueOn: '2026-10-26',
  },
  {
    name: 'DST Paris one week',
    text: 'send it in 1 week',
    context: { now: new Date('2026-10-24T22:30:00Z'), timeZone: 'Europe/Paris' },
    dueOn: '2026-11-01',
  },
  {
    name: 'DST Paris spring',
    text: 'send it tomorrow',
    context: { now: new Date('2026-03-28T23:30:00Z'), timeZone: 'Europe/Paris' },
    dueOn: '2026-03-30',
  },
  // Markup
  {
    name: 'several owners with names',
    text: '<@U1|an> <@W2|binh> prepare slides by Friday',
    owners: ['U1', 'W2'],
    title: 'prepare slides',
  },
  {
    name: 'duplicate mention',
    text: '<@U1> and <@U1> prepare slides',
    owners: ['U1'],
    title: 'and prepare slides',
  },
  {
    name: 'subteam owner',
    text: '<!subteam^S0614TZR7|@protocol> arrange the cars',
    owners: ['subteam:S0614TZR7'],
    title: 'arrange the cars',
  },
  {
    name: 'plain @names (console, CLI) own it, emails and @channel do not',
    text: '@lan and @Trần.Hùng email lan@example.org the agenda, cc @channel, by Friday',
    owners: ['lan', 'Trần.Hùng'],
    title: 'and email lan@example.org the agenda, cc @channel',
    dueOn: '2026-11-27',
  },
  {
    name: 'link with label',
    text: 'read <https://example.org/mou?id=2026-12-01|the MoU> by Friday',
    title: 'read the MoU (https://example.org/mou?id=2026-12-01)',
    dueOn: '2026-11-27',
  },
  {
    name: 'bare link',
    text: 'check <https://example.org/a/05/12/2026>',
    title: 'check https://example.org/a/05/12/2026',
    dueOn: null,
  },
  {
    name: 'channel ref',
    text: 'post the summary in <#C123ABC|general>',
    title: 'post the summary in #general',
  },
  { name: 'html entities', text: 'compare A &amp; B &lt;draft&gt;', title: 'compare A & B <draft>' },
  { name: 'control characters stripped', text: 'send\u0000 the\u0007 file\u202E', title: 'send the file' },
  { name: 'whitespace normalised', text: '  send \n\t the   file  ', title: 'send the file' },
  // Hostile text is just text.
  {
    name: 'sql-looking title',
    text: "'); DROP TABLE commitments;--",
    title: "'); DROP TABLE commitments;--",
    owners: ['U0AUTHOR'],
    dueOn: null,
  },
];

describe('parseCommitment', () => {
  it.each(cases)('$name', ({ text, context, title, owners, dueOn, dueText }) => {
    const result = parseCommitment(text, { ...base, ...context });
    if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
    if (title !== undefined) expect(result.value.title).toBe(title);
    // No mention: the author owns it.
    expect(result.value.owners).toEqual(owners ?? ['U0AUTHOR']);
    if (dueOn !== undefined) expect(result.value.dueOn).toBe(dueOn);
    if (dueText !== undefined) expect(result.value.dueText).toBe(dueText);
    expect(result.value.tz).toBe(context?.timeZone ?? base.timeZone);
  });

  const errors: {
    name: string;
    text: string;
    code: string;
    message: RegExp;
    context?: Partial<ParseContext>;
  }[] = [
    { name: 'empty', text: '', code: 'usage', message: /Nothing to record/ },
    { name: 'blank', text: ' \n\t\u0000 ', code: 'usage', message: /Nothing to record/ },
    {
      name: 'only owners and date',
      text: '<@U1> by Friday',
      code: 'usage',
      message: /Say what will be done/,
    },
    {
      name: 'too long',
      text: 'x'.repeat(1001),
      code: 'too_long',
      message: /at most 1000 characters \(this one has 1001\)/,
    },
    {
      name: 'past day this year',
      text: 'send the report by 15 Nov',
      code: 'past_due',
      message: /Sunday 15 November 2026 \(2026-11-15\)/,
    },
    {
      name: 'past ISO',
      text: 'send the report by 2025-12-05',
      code: 'past_due',
      message: /2025-12-05.*today is Tuesday 24 November 2026/,
    },
    { name: 'past vi', text: 'gửi báo cáo trước ngày 20/11', code: 'past_due', message: /2026-11-20/ },
    {
      name: 'yesterday in UTC is today in Hanoi',
      text: 'send it 2026-11-26',
      context: { now: new Date('2026-11-26T18:30:00Z') },
      code: 'past_due',
      message: /2026-11-26/,
    },
    {
      name: 'impossible date',
      text: 'send it by 31/02/2027',
      code: 'bad_date',
      message: /not a date on the calendar/,
    },
    { name: 'impossible ISO', text: 'send it 2027-13-01', code: 'bad_date', message: /2027-13-01/ },
  ];
  it.each(errors)('refuses $name', ({ text, code, message, context }) => {
    const result = parseCommitment(text, { ...base, ...context });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  it('accepts exactly 1000 characters', () => {
    const result = parseCommitment('y'.repeat(1000), base);
    expect(result.ok && result.value.title.length).toBe(1000);
  });
});
