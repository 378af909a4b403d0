/** The text a document is stored and cited with, plus what the removed furniture told us. */
export interface CleanedText {
  content: string;
  /** Dates found on lines that were removed (web date stamps, "date 2025-02" prefixes). */
  dateHints: string[];
}

// Web furniture seen on news sites that publish meeting articles (Vietnam.vn and others).
const SITE_BANNER = /^[\w-]+(?:\.[\w-]+)*\.(?:vn|com|net|org|info|fr|se|cn|gov)\s+[-–|:]\s+.{0,80}$/iu;
const DATE_STAMP =
  /^[\p{L} .,-]{0,40}?\s*(\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}-\d{2}-\d{2})(?:\s*[,-]?\s*\d{1,2}:\d{2}(?::\d{2})?)?$/u;
const DATE_PREFIX = /^date\s*:?\s+(\d{4}-\d{2}(?:-\d{2})?)\s+/i;
const LANGUAGE_SWITCHER =
  /^(?:Français|English|Svenska|Deutsch|Español|Tiếng Việt|中文|Русский)\s+(?=[\p{Lu}À-Ý])/u;
const PHOTO_CREDIT = /^(?:photo|photos|ảnh|foto|bild|图|图片|crédit photo)\s*:\s*.{0,60}$/iu;
const TRAILING_PHOTO_CREDIT = /\s(?:photo|ảnh|foto|bild)\s*:\s*[^.|]{1,40}\.?\s*\|?\s*$/iu;
const AGENCY_CREDIT = /^\(?[A-Z]{2,6}(?:\/[A-Z]{2,6})+\)?$/;
const LONE_FRAGMENT = /^\p{Ll}{1,3}$/u;
const WIDGET_LINE =
  /^(?:no data|no videos available|loading\.*|share|partager|dela|chia sẻ|print|imprimer|skriv ut|in bài|(?:comments?|commentaires?|kommentar(?:er)?|bình luận)\s*\(\d+\))$/iu;
const FOOTER_MARKER =
  /^(?:source|sources|källa|källor|nguồn|quelle|fuente|来源|(?:comments?|commentaires?|kommentar(?:er)?|bình luận)\s*\(\d+\)|même sujet|même catégorie|related(?: articles| news)?|read more|lire aussi|i samma ämne|relaterat|tin liên quan|cùng chủ đề|xem thêm)$/iu;

/**
 * Normalises text and strips recurring web boilerplate: site banners, date stamps, photo credits and
 * captions (which news pages print twice: alt text then caption), widget labels, and the trailer of
 * related-article links after "Source" / "Comment (0)".
 */
export function cleanText(raw: string): CleanedText {
  const dateHints: string[] = [];
  const lines = normalise(raw).split('\n');
  const kept: string[] = [];
  for (let line of lines) {
    if (line === '') {
      kept.push(line);
      continue;
    }
    const prefixed = DATE_PREFIX.exec(line);
    if (prefixed) {
      dateHints.push(prefixed[1]!);
      line = line.slice(prefixed[0].length);
    }
    const stamp = line.length <= 60 ? DATE_STAMP.exec(line) : null;
    if (stamp) {
      dateHints.push(stamp[1]!);
      continue;
    }
    if (
      SITE_BANNER.test(line) ||
      PHOTO_CREDIT.test(line) ||
      TRAILING_PHOTO_CREDIT.test(line) ||
      AGENCY_CREDIT.test(line) ||
      LONE_FRAGMENT.test(line) ||
      WIDGET_LINE.test(line)
    ) {
      continue;
    }
    const switcher = LANGUAGE_SWITCHER.exec(line);
    if (switcher && line.length - switcher[0].length > 40) line = line.slice(switcher[0].length);
    kept.push(line);
  }
  const withoutCaptions = dropCaptionPairs(kept);
  const body = cutFooter(withoutCaptions);
  const content = body
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { content, dateHints };
}

function normalise(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .join('\n');
}

/** Two adjacent, nearly identical short lines are an image's alt text and its caption: drop both. */
function dropCaptionPairs(lines: string[]): string[] {
  const drop = new Set<number>();
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!;
    const b = lines[i + 1]!;
    if (!a || !b || a.length > 400 || b.length > 400) continue;
    if (a === b || wordOverlap(a, b) >= 0.6) {
      drop.add(i);
      drop.add(i + 1);
    }
  }
  return lines.filter((_, index) => !drop.has(index));
}

function wordOverlap(a: string, b: string): number {
  const words = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const left = words(a);
  const right = words(b);
  if (left.size < 3 || right.size < 3) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

/** Cuts at a "Source" / "Comment (0)" / "Related" marker in the second half when only short link lines follow. */
function cutFooter(lines: string[]): string[] {
  const total = lines.reduce((sum, line) => sum + line.length + 1, 0);
  let position = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (position >= total / 2 && FOOTER_MARKER.test(line)) {
      const rest = lines.slice(i + 1);
      if (rest.every((other) => other.length < 200)) return lines.slice(0, i);
    }
    position += line.length + 1;
  }
  return lines;
}
