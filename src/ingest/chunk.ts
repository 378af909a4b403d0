/** A passage of a document; `content.slice(startChar, endChar) === text`. */
export interface TextChunk {
  ord: number;
  text: string;
  startChar: number;
  endChar: number;
  tokens: number;
}

export interface ChunkOptions {
  /** Language for sentence boundaries (Intl.Segmenter); 'und' uses the root rules. */
  language?: string;
  /** A chunk closes at the first paragraph end past this size… */
  minTokens?: number;
  /** …and never grows past this one unless a single word is longer. */
  maxTokens?: number;
  /** Sentences repeated at the start of the next chunk, up to this size. */
  overlapTokens?: number;
}

interface Unit {
  start: number;
  end: number;
  tokens: number;
  /** A line break follows: chunks prefer to end here. */
  paragraphEnd: boolean;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Rough token count of a model's tokenizer: ~1.3 per word in alphabetic scripts, 1 per CJK
 * character. Good enough to size chunks; not used for billing.
 */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const words = text.replace(CJK, ' ').match(WORD)?.length ?? 0;
  return Math.ceil(words * 1.3 + cjk);
}

/**
 * Splits cleaned text into chunks of ~300–500 tokens at sentence boundaries (paragraph ends
 * preferred), with a sentence or two of overlap. Offsets index into `content` exactly.
 */
export function chunkText(content: string, options: ChunkOptions = {}): TextChunk[] {
  const minTokens = options.minTokens ?? 300;
  const maxTokens = options.maxTokens ?? 500;
  const overlapTokens = options.overlapTokens ?? 60;
  const units = sentenceUnits(content, options.language, maxTokens);
  const spans: { first: number; last: number }[] = [];
  let first = 0;
  while (first < units.length) {
    let tokens = 0;
    let next = first;
    while (next < units.length) {
      const unit = units[next]!;
      if (next > first && tokens + unit.tokens > maxTokens) break;
      tokens += unit.tokens;
      next++;
      if (tokens >= minTokens && unit.paragraphEnd) break;
    }
    spans.push({ first, last: next - 1 });
    if (next >= units.length) break;
    let start = next;
    let overlap = 0;
    while (start - 1 > first && overlap + units[start - 1]!.tokens <= overlapTokens) {
      start--;
      overlap += units[start]!.tokens;
    }
    first = start;
  }
  // A short tail joins the chunk before it rather than standing alone.
  if (spans.length >= 2) {
    const tail = spans.at(-1)!;
    const before = spans.at(-2)!;
    const tailTokens = sum(units, tail.first, tail.last);
    const joined = sum(units, before.first, tail.last);
    if (tailTokens < minTokens / 3 && joined <= maxTokens * 1.2) {
      spans.pop();
      before.last = tail.last;
    }
  }
  return spans.map(({ first, last }, ord) => {
    const startChar = units[first]!.start;
    const endChar = units[last]!.end;
    const text = content.slice(startChar, endChar);
    return { ord, text, startChar, endChar, tokens: estimateTokens(text) };
  });
}

function sum(units: Unit[], first: number, last: number): number {
  let total = 0;
  for (let i = first; i <= last; i++) total += units[i]!.tokens;
  return total;
}

function sentenceUnits(content: string, language: string | undefined, maxTokens: number): Unit[] {
  const locale = language && language !== 'und' ? language : 'en';
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  }
  const units: Unit[] = [];
  for (const { segment, index } of segmenter.segment(content)) {
    const leading = segment.length - segment.trimStart().length;
    const trimmed = segment.trim();
    if (!trimmed) continue;
    const start = index + leading;
    const end = start + trimmed.length;
    const paragraphEnd = /^[^\S\n]*\n/.test(content.slice(end, end + 200)) || end === content.length;
    const tokens = estimateTokens(trimmed);
    if (tokens <= maxTokens) {
      units.push({ start, end, tokens, paragraphEnd });
    } else {
      units.push(...splitLongSentence(content, start, end, maxTokens, paragraphEnd));
    }
  }
  return units;
}

/** A "sentence" longer than a chunk (tables, lists without punctuation) is cut between words. */
function splitLongSentence(
  content: string,
  start: number,
  end: number,
  maxTokens: number,
  paragraphEnd: boolean,
): Unit[] {
  const pieces: Unit[] = [];
  const target = Math.floor(maxTokens * 0.8);
  let pieceStart = start;
  let lastBoundary = start;
  let pieceTokens = 0;
  const gaps = /\s+/g;
  gaps.lastIndex = start;
  for (let gap = gaps.exec(content); gap && gap.index < end; gap = gaps.exec(content)) {
    const word = estimateTokens(content.slice(lastBoundary, gap.index));
    if (pieceTokens + word > target && lastBoundary > pieceStart) {
      pieces.push({ start: pieceStart, end: lastBoundary, tokens: pieceTokens, paragraphEnd: false });
      pieceStart = nextNonSpace(content, lastBoundary);
      pieceTokens = 0;
    }
    pieceTokens += word;
    lastBoundary = gap.index;
  }
  if (pieceStart < end) {
    pieces.push({
      start: pieceStart,
      end,
      tokens: estimateTokens(content.slice(pieceStart, end)),
      paragraphEnd,
    });
  }
  return pieces;
}

function nextNonSpace(content: string, from: number): number {
  let position = from;
  while (position < content.length && /\s/.test(content[position]!)) position++;
  return position;
}
