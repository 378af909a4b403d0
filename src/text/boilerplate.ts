import { fold } from './fold.ts';
import { type SentenceSpan, splitSentences } from './words.ts';

/**
 * Web pages carry lines that are not the article: site banners, bylines, "Updated 10:51 GMT+7",
 * "Källa: …, 17/12/2025", photo captions, share links and lists of related articles (titles of other
 * meetings and years). They must never answer a question nor support a claim: "51" is not a figure
 * of the meeting because the page was updated at 10:51.
 */

// A line that is a byline, a time stamp, a source line, a caption or page furniture.
const FURNITURE = new RegExp(
  [
    // A time stamp: the word then a date, a time or a colon ("Updated 10:51", "Cập nhật: 21/2/2025").
    '^(?:cap nhat|updated?|published|posted|dang luc|dang ngay|mis a jour|publie le|publicerad|uppdaterad)\\s*(?:[:：]|\\d|on \\w+ \\d|le \\d|luc \\d)',
    '^(?:kalla|nguon|source|sources|theo|by|par|av|photo|photos|foto|anh|image|credit|video|caption|legende|bildtext|chu thich)\\s*[:：(]',
    '^(?:photo|foto|anh|bild|image)\\b',
    // A byline without a colon: "By Nguyen Van An", "Par Jean Dupont" (a short line, no full stop).
    '^(?:by|par|av)\\s+[^\\s.]+(?:\\s+[^\\s.]+){0,3}$',
    // Share and print links: the word alone, or a short line of such links.
    '^(?:share|chia se|partager|dela|print|in bai|imprimer|skriv ut|tweet|email|e-mail)(?:\\s*[:|·/]?\\s*(?:share|chia se|partager|dela|print|in bai|imprimer|skriv ut|tweet|email|e-mail|facebook|twitter|zalo|x))*\\s*[:|]?\\s*$',
    '^(?:tags?|tu khoa|mots-cles|etiketter|keywords)\\s*[:：]',
    // A site banner: "Báo Lạng Sơn điện tử", "Tạp chí Cộng sản" (short, no sentence after it).
    '^(?:bao|tap chi)\\s[^.,;:]{2,30}(?:dien tu|online|\\.vn)$',
    '\\b(?:gmt|utc)\\s*[+-]?\\d',
    '^\\(?(?:tthq|vna|ttxvn|cvn|lso|qno|xinhua|afp)\\)?\\s*$',
  ].join('|'),
  'u',
);
const HAN_FURNITURE = /^(?:图|图为|图片|图注|摄影|记者|责任编辑|编辑|来源|来源：|分享|打印|关键词|本报讯)/u;
// A newspaper's date and page line: "2026年3月6日 第1版", "2026年03月06日 星期五 第03版".
const HAN_EDITION =
  /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[\s\p{Script=Han}]{0,6}第\s*[\d一二三四五六七八九十]+\s*版$/u;
/** A header of "Field: value" pairs between bars: "PM nr 2024/17 | Datum: 2 juli 2024 | Från: sekretariatet". */
function isFieldHeader(text: string): boolean {
  const fields = text.split(/\s\|\s|｜/);
  return (
    fields.length >= 3 &&
    fields.filter((field) => /^[\p{L} ]{2,24}[:：]\s*\S/u.test(field.trim())).length >= 2
  );
}

// A heading after which the page lists other articles, not this one.
const RELATED = new RegExp(
  [
    '^(?:related|related articles|related news|read more|see also|more news|tin lien quan|bai lien quan|xem them|doc them|tin khac',
    'articles lies|a lire aussi|lire aussi|voir aussi|sur le meme sujet|relaterade artiklar|relaterat|las ocksa|las mer|fler nyheter)\\b',
  ].join('|'),
  'u',
);
const HAN_RELATED = /^(?:相关新闻|相关阅读|相关报道|延伸阅读|推荐阅读|更多新闻)/u;

/** Whether a line (or sentence) is page furniture rather than article text. */
export function isFurniture(line: string): boolean {
  const text = line.trim();
  if (HAN_FURNITURE.test(text) || HAN_EDITION.test(text) || isFieldHeader(text)) return true;
  const folded = fold(text).replace(/^[-–—•*·|>\s]+/, '');
  return FURNITURE.test(folded);
}

function isRelatedHeading(line: string): boolean {
  const text = line.trim();
  // A heading is short and is not a sentence ("Related to this, the sides agreed…" is one).
  if (text.length > 40 || /[.!?。]$/.test(text)) return false;
  return HAN_RELATED.test(text) || RELATED.test(fold(text).replace(/^[-–—•*·|>#\s]+/, ''));
}

/**
 * The sentences of a text that belong to the article body, with their offsets: page furniture and
 * everything after a "related articles" heading left out.
 */
export function bodySentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let related = false;
  for (const line of text.matchAll(/[^\n]+/g)) {
    if (isRelatedHeading(line[0])) related = true;
    if (related || isFurniture(line[0])) continue;
    for (const span of splitSentences(line[0])) {
      if (isFurniture(span.text)) continue;
      out.push({ text: span.text, start: line.index + span.start, end: line.index + span.end });
    }
  }
  return out;
}

/** The body of a text as one string: its body sentences joined (offsets are not kept). */
export function bodyText(text: string): string {
  return bodySentences(text)
    .map((span) => span.text)
    .join('\n');
}
