import { fold } from './fold.ts';
import { hasFreeDict, translate, translateWord } from './freedict.ts';
import { hasHanViet } from './hanviet.ts';
import {
  chineseWords,
  FORM_ENDINGS,
  type GlossaryEntry,
  type GlossaryForm,
  glossary,
  hanReadings,
  tokenKey,
} from './lexicon.ts';
import { isOrdinalWord, ordinalsIn, withoutOrdinals } from './ordinals.ts';
import { isStopword } from './words.ts';
import { markYearRanges } from './years.ts';

/**
 * The English gloss of a text: the bridge between languages when no multilingual model is at hand.
 * Every text, whatever its language, is turned into English-ish words, so that an English question
 * meets a Chinese, Vietnamese, French or Swedish passage on shared words:
 * - the curated glossary's phrases in any of its five languages become their English form
 *   ("cửa khẩu", "口岸", "gränsövergång" → "border gate");
 * - Chinese is cut into dictionary words (longest match) glossed by CC-CEDICT ("会谈" → "talks
 *   discussions"); runs of characters no word covers are names, given as pinyin and Hán-Việt
 *   readings ("陈刚" → "chen gang tran …");
 * - Vietnamese Sino-Vietnamese compounds are read back into Chinese through their Hán-Việt readings and
 *   glossed the same way ("hợp tác" → 合作 → "cooperate collaborate");
 * - ordinals become values ("deuxième", "thứ hai", "第二", "2nd" → "ord2");
 * - other words stay as they are, folded (French and Swedish share many stems with English; names
 *   and numbers are shared by all), less the function words of every language.
 */
/**
 * Version of the gloss (lexicons and rules; raise GLOSS_RULES when they change). The next start glosses
 * again every stored chunk of another version (src/db/prepare.ts), so an upgrade — or installing the
 * FreeDict dictionaries or m17n's Hán-Việt table — never leaves old glosses behind.
 */
const GLOSS_RULES = 20;

export function glossVersion(): number {
  return GLOSS_RULES * 4 + (hasFreeDict() ? 1 : 0) + (hasHanViet() ? 2 : 0);
}

/** One unit of the gloss: a word, glossary phrase, compound or Chinese word, and the English words it gives. */
export interface GlossUnit {
  /** The text glossed, as written ("leddes av", "会谈", "hợp tác"); "" for an ordinal's value. */
  source: string;
  /** The English words: alternatives (a dictionary word's senses: "中心" → center, heart). */
  words: string[];
}

/**
 * The gloss as its units, in the order of the text (ordinals last): what each word, glossary phrase,
 * compound or Chinese word gives. Units that give nothing (function words) are left out.
 */
export function glossUnits(text: string, language: string): GlossUnit[] {
  const units: GlossUnit[] = [];
  // An ordinal is its value (ord15), not its words: "lần thứ 15" is not "time", "thing" and 15. A single
  // word is glossed as well: "Premier" before a name is an office, "andra" may be "other".
  const ordinals = ordinalsIn(text);
  const words = withoutOrdinals(
    text,
    ordinals.filter((ordinal) => !/^\p{L}+$/u.test(text.slice(ordinal.start, ordinal.end))),
  );
  // The ends of a span of years are a period's, not years something happened in (src/text/years.ts).
  for (const segment of markYearRanges(words)
    .normalize('NFC')
    .match(/\p{Script=Han}+|[\p{L}\p{M}\p{N}]+(?:[\s'’-]+[\p{L}\p{M}\p{N}]+)*/gu) ?? []) {
    // Han characters are letters too, so a segment may mix them with the digits and Latin words Chinese
    // writes against them (2022年, 668亿美元, AI合作): each part is glossed by its own rules.
    for (const part of segment.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (/\p{Script=Han}/u.test(part)) glossChinese(part, units);
      else glossLatin(part.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [], language, units);
    }
  }
  for (const ordinal of ordinals) units.push({ source: '', words: [`ord${ordinal.value}`] });
  return units.filter((unit) => unit.words.length > 0);
}

/**
 * The gloss grouped by source unit: one group per word, glossary phrase, compound or Chinese word, each
 * the English words it gives (a dictionary word's senses are alternatives: "中心" → center, heart).
 */
export function glossGroups(text: string, language: string): string[][] {
  return glossUnits(text, language).map((unit) => unit.words);
}

export function glossWords(text: string, language: string): string[] {
  return glossGroups(text, language).flat();
}

/** glossWords as one string, the form stored next to each chunk. */
export function glossText(text: string, language: string): string {
  return glossWords(text, language).join(' ');
}

// Syllables of Vietnamese grammar: never the start or end of a Sino-Vietnamese compound worth reading.
const VIETNAMESE_FUNCTION = new Set(
  (
    'của các và là có được những này cho với trong đã sẽ về theo từ một nhiều cũng như để khi thì mà nên ' +
    'vào ra lên đến đó đây nay rằng việc sự cùng hai ba bốn năm người ông bà anh chị tới lại còn rất'
  ).split(' '),
);

/** Most combinations of characters tried for one window of syllables. */
const MAX_COMBINATIONS = 4000;

function glossLatin(tokens: string[], language: string, out: GlossUnit[]): void {
  const vietnamese = language === 'vi';
  const dictionary = language === 'fr' || language === 'sv' ? language : null;
  for (let i = 0; i < tokens.length; ) {
    const match = glossaryMatch(tokens, i, language);
    // A syllable of the glossary does not cut a Sino-Vietnamese word that starts with it: "đồng thời"
    // (at the same time) is not the dong, "trình độ" (level) not "submit".
    const entry =
      match &&
      vietnamese &&
      match.length === 1 &&
      match.entries.every((sense) => !sense.place) &&
      sinoVietnamese(tokens, i)
        ? null
        : match;
    if (entry) {
      out.push({
        source: tokens.slice(i, i + entry.length).join(' '),
        words: headWords(entry.entries),
      });
      i += entry.length;
      continue;
    }
    if (vietnamese) {
      const compound = sinoVietnamese(tokens, i);
      if (compound) {
        const syllables = tokens.slice(i, i + compound.length);
        out.push({ source: syllables.join(' '), words: compound.words });
        // Capitalised syllables are also a name (Lê Tiến Châu; Bắc Hải is also 北海, Beihai): kept too.
        if (syllables.every((token) => /^\p{Lu}/u.test(token)))
          for (const token of syllables) out.push({ source: token, words: [fold(token)] });
        i += compound.length;
        continue;
      }
    }
    const folded = fold(tokens[i]!);
    // Ordinals are given as values (ordN, below), not as words: "second" is not a concept.
    const capitalised = /^\p{Lu}/u.test(tokens[i]!);
    if (!isStopword(folded) && !isOrdinalWord(folded) && (folded.length > 1 || /\d/.test(folded)))
      out.push({
        source: tokens[i]!,
        words:
          dictionary && !capitalised
            ? [folded, ...dictionaryWords(folded, dictionary)]
            : // A Swedish name in the genitive ("Guangxis partisekreterare", "Yunnans vice guvernör") is
              // also the name.
              dictionary === 'sv' && capitalised && folded.length > 4 && folded.endsWith('s')
              ? [folded, folded.slice(0, -1)]
              : [folded],
      });
    i++;
  }
}

/**
 * A French or Swedish word no glossary form matches, through FreeDict: as a whole, else (Swedish) as a
 * compound of two parts one of which the glossary knows ("privatbil" → private car, "öppettider" →
 * open… opening hours), else as a compound of FreeDict's words.
 */
function dictionaryWords(folded: string, language: string): string[] {
  const whole = translateWord(folded, language);
  if (whole.length > 0 || language !== 'sv') return whole;
  return swedishCompound(folded) ?? translate(folded, language);
}

/** Shortest part of a Swedish compound. */
const MIN_PART = 3;
/** FreeDict translations kept of each part of a compound. */
const PART_WORDS = 3;

/** A part of a Swedish compound: its glossary entry's head, or its FreeDict translations. */
function compoundPart(part: string): { words: string[]; glossary: boolean } | null {
  const match = glossaryMatch([part], 0, 'sv');
  if (match) return { words: headWords(match.entries), glossary: true };
  const words = translateWord(part, 'sv').slice(0, PART_WORDS);
  return words.length > 0 ? { words, glossary: false } : null;
}

/**
 * A Swedish compound unknown to every lexicon read as two parts, the glossary knowing one of them, the
 * longest modifier first: "gränsområden" → border … area; the modifier may drop its linking s and its
 * final vowel ("arbetstid" → work … time), the head takes its endings ("öppettiderna").
 */
function swedishCompound(folded: string): string[] | null {
  for (let split = folded.length - MIN_PART; split >= MIN_PART; split--) {
    const head = compoundPart(folded.slice(split));
    if (!head) continue;
    const modifier = folded.slice(0, split);
    const bases = modifier.endsWith('s') ? [modifier, modifier.slice(0, -1)] : [modifier];
    for (const stem of bases.flatMap((base) => [base, `${base}e`, `${base}a`, base.replace(/[ae]$/, '')])) {
      if (stem.length < MIN_PART) continue;
      const first = compoundPart(stem);
      if (first && (first.glossary || head.glossary)) return [...new Set([...first.words, ...head.words])];
    }
  }
  return null;
}

/** The glossary entry the words of a text are, as a whole (a place, a body, a term), if any. */
export function glossaryTerm(text: string): GlossaryEntry | null {
  const tokens = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const match = tokens.length > 0 ? glossaryMatch(tokens, 0) : null;
  return match?.length === tokens.length ? match.entry : null;
}

export function isGlossaryTerm(text: string): boolean {
  return glossaryTerm(text) !== null;
}

/** A part of a run of capitalised words: a glossary place or acronym, a glossary term, or another name. */
export interface NameRunPart {
  text: string;
  kind: 'place' | 'term' | 'name';
}

/**
 * A run of capitalised words cut into the names it holds: places, bodies and terms of the glossary and
 * acronyms stand alone, the words between them form one name ("China-Vietnam CC" → China, Vietnam, CC;
 * "Ha Long Spring Meeting" → Ha Long, Spring Meeting; "Peng Qinghua" stays whole).
 */
export function nameRunParts(run: string): NameRunPart[] {
  const words = run.split(/[\s-]+/).filter(Boolean);
  const parts: NameRunPart[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) parts.push({ text: pending.join(' '), kind: 'name' });
    pending = [];
  };
  for (let i = 0; i < words.length; ) {
    let length = 0;
    let place = false;
    for (let j = Math.min(words.length, i + MAX_TERM_WORDS); j > i; j--) {
      const entry = glossaryTerm(words.slice(i, j).join(' '));
      if (entry) {
        length = j - i;
        place = entry.place;
        break;
      }
    }
    if (length === 0 && /^\p{Lu}{2,5}$/u.test(words[i]!)) {
      length = 1;
      place = true;
    }
    if (length > 0) {
      flush();
      parts.push({ text: words.slice(i, i + length).join(' '), kind: place ? 'place' : 'term' });
      i += length;
    } else pending.push(words[i++]!);
  }
  flush();
  return parts;
}

/** Most words of a glossary term looked for in a run of capitalised words. */
const MAX_TERM_WORDS = 8;

/**
 * The glossary phrases of two words or more in `text`, by their first word folded ("nhom" in "phiên họp
 * thứ 11 Nhóm công tác liên hợp" → "Nhóm công tác liên hợp"). Vietnamese capitalises only the first word
 * of a body's name: the capital marks the phrase, not a name of its own.
 */
export function glossaryPhrases(text: string): Map<string, string> {
  const tokens = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const phrases = new Map<string, string>();
  for (let index = 0; index < tokens.length; index++) {
    const match = glossaryMatch(tokens, index);
    if (!match || match.length < 2) continue;
    const first = fold(tokens[index]!);
    if (!phrases.has(first)) phrases.set(first, tokens.slice(index, index + match.length).join(' '));
    index += match.length - 1;
  }
  return phrases;
}

/**
 * Whether `token` is `key` inflected: with an s (plurals, the Swedish genitive) in any text, with one of
 * the form's endings in a text of its language ("pilotprojektet", "bekräftade", "frontalières"). A
 * one-letter ending needs a stem of four letters, others of three, so that "fas" (phase) is not "fast".
 */
function inflectedForm(token: string, key: string, form: GlossaryForm, language: string): boolean {
  if (token.length <= key.length || !token.startsWith(key)) return false;
  const ending = token.slice(key.length);
  // "premiers", "secondes" are ordinals, not Premier's plural.
  if (isOrdinalWord(key)) return false;
  if (ending === 's') return true;
  return (
    form.language === language && form.endings.includes(ending) && key.length >= (ending.length === 1 ? 4 : 3)
  );
}

/** A glossary form found at a place of a text: its entry, its length in tokens, and whether inflected. */
interface FormMatch {
  form: GlossaryForm;
  length: number;
  inflected: boolean;
}

/** Every glossary form that starts at `start` ("leddes av" and "leddes"), as spelled or inflected. */
function formMatches(tokens: string[], start: number, language: string): FormMatch[] {
  const { byFirstToken } = glossary();
  const folded = tokenKey(tokens[start]!, false);
  const toned = tokenKey(tokens[start]!, true);
  const candidates = [...(byFirstToken.get(folded) ?? [])];
  if (folded !== toned) candidates.push(...(byFirstToken.get(toned) ?? []));
  // A form of one word may be the token less an ending: looked up by the stem.
  for (const ending of FORM_ENDINGS)
    if (folded.length > ending.length && folded.endsWith(ending))
      for (const form of byFirstToken.get(folded.slice(0, -ending.length)) ?? [])
        if (form.key.length === 1 && !form.exact && !form.vietnamese) candidates.push(form);
  const found: FormMatch[] = [];
  for (const form of candidates) {
    const length = form.key.length;
    const foreign = language === 'vi' && !form.vietnamese;
    // An ordinal of the text's language is not another language's word: French "premier" is first,
    // not the English Premier.
    if (length === 1 && language && form.language !== language && isOrdinalWord(folded)) continue;
    if (start + length > tokens.length) continue;
    if (form.exact) {
      if (tokens[start] === form.key[0]) found.push({ form, length, inflected: false });
      continue;
    }
    let inflected = false;
    const same = form.key.every((key, offset) => {
      // In Vietnamese text a form of another language is no match for a word with diacritics: "đông"
      // (east) and "đồng" (same) are not the "dong" of French and Swedish forms.
      if (foreign && fold(tokens[start + offset]!) !== tokens[start + offset]!.toLowerCase()) return false;
      const token = tokenKey(tokens[start + offset]!, form.vietnamese);
      if (token === key) return true;
      inflected = offset === length - 1 && inflectedForm(token, key, form, language);
      return inflected;
    });
    if (same) found.push({ form, length, inflected });
  }
  return found;
}

/**
 * The entries of the forms that match one span: the longest; of forms as long, those the text spells
 * exactly before those it inflects, and those of the text's language when there are any ("route" is
 * a road in French, a route in English; "fall" a case in Swedish). A capitalised span is a name: one
 * entry, a place first ("Hữu Nghị" is the border gate, "hữu nghị" friendship), so that a name is
 * spelled alike in every language (src/answer/relevance.ts compares spellings); a word in lower case is
 * no name when another entry has it.
 */
function entriesOf(
  matches: FormMatch[],
  language: string,
  name: boolean,
): { entries: GlossaryEntry[]; length: number } | null {
  const length = Math.max(0, ...matches.map((match) => match.length));
  let same = matches.filter((match) => match.length === length);
  if (same.some((match) => !match.inflected)) same = same.filter((match) => !match.inflected);
  if (same.length === 0) return null;
  // A capitalised form that names a place is the place ("Hữu Nghị"); else it is a word that opens a
  // sentence ("Mötet leddes av": the meeting, led, chaired).
  const place = name ? same.find((match) => match.form.entry.place) : undefined;
  if (place) return { entries: [place.form.entry], length };
  if (same.some((match) => match.form.language === language))
    same = same.filter((match) => match.form.language === language);
  // A word in lower case is not a name: "hữu nghị" is friendship.
  if (same.some((match) => !match.form.entry.place)) same = same.filter((match) => !match.form.entry.place);
  return { entries: [...new Set(same.map((match) => match.form.entry))], length };
}

/**
 * The glossary form that starts at `start`, the longest (see entriesOf), with every entry it is a form
 * of, first the first in the glossary. `language` is the text's: its forms also match with their endings.
 */
function glossaryMatch(
  tokens: string[],
  start: number,
  language = '',
): { entry: GlossaryEntry; entries: GlossaryEntry[]; length: number } | null {
  const name = /^\p{Lu}/u.test(tokens[start]!);
  const found = entriesOf(formMatches(tokens, start, language), language, name);
  return found && { entry: found.entries[0]!, entries: found.entries, length: found.length };
}

/**
 * The English words of entries a form belongs to: the first one's head as it is, then the words the
 * others add ("ledde" led and chaired: lead chair).
 */
function headWords(entries: GlossaryEntry[]): string[] {
  const words = entries[0]!.english.split(' ');
  for (const entry of entries.slice(1))
    for (const word of entry.english.split(' ')) if (!words.includes(word)) words.push(word);
  return words;
}

/** Whether a glossary phrase starts inside tokens[start, end) and ends after it. */
function cutsGlossaryPhrase(tokens: string[], start: number, end: number): boolean {
  for (let index = start + 1; index < end; index++) {
    const match = glossaryMatch(tokens, index, 'vi');
    if (match && index + match.length > end) return true;
  }
  return false;
}

/** A run of 4, 3 or 2 Vietnamese syllables that reads as a Chinese dictionary word, glossed. */
function sinoVietnamese(tokens: string[], start: number): { words: string[]; length: number } | null {
  for (let length = 4; length >= 2; length--) {
    if (start + length > tokens.length) continue;
    const syllables = tokens
      .slice(start, start + length)
      .map((token) => token.normalize('NFC').toLowerCase());
    if (VIETNAMESE_FUNCTION.has(syllables[0]!) || VIETNAMESE_FUNCTION.has(syllables.at(-1)!)) continue;
    // A word does not cut a phrase of the glossary: "tỉnh Điện Biên" is not 省电 (save electricity).
    if (cutsGlossaryPhrase(tokens, start, start + length)) continue;

    const { charsOfSyllable } = hanReadings();
    const choices = syllables.map((syllable) => charsOfSyllable.get(tokenKey(syllable, true)) ?? []);
    if (choices.some((list) => list.length === 0)) continue;
    if (choices.reduce((product, list) => product * list.length, 1) > MAX_COMBINATIONS) continue;
    const zhGloss = chineseWords();
    const found: string[] = [];
    const walk = (index: number, prefix: string) => {
      if (index === choices.length) {
        if (zhGloss.has(prefix)) found.push(prefix);
        return;
      }
      // No word of this length starts with the first character chosen: none of its combinations is one;
      // nor does one start with these first characters.
      if (index === 1 && zhGloss.longestFrom(prefix) < choices.length) return;
      if (index >= 2 && !zhGloss.startsLonger(prefix)) return;
      for (const char of choices[index]!) walk(index + 1, prefix + char);
    };
    walk(0, '');
    if (found.length === 0) continue;
    // Several readings fit: the two with the shortest glosses are the plainest words.
    const words = found
      .map((word) => zhGloss.get(word)!)
      .sort((a, b) => a.length - b.length)
      .slice(0, 2)
      .flat();
    return { words, length };
  }
  return null;
}

// Chinese question words: what is asked, not what it is about ("多少" would add "number amount somewhat").
const CHINESE_QUESTION_WORDS = new Set([
  '多少',
  '什么',
  '哪里',
  '哪儿',
  '哪些',
  '哪个',
  '哪位',
  '哪',
  '谁',
  '几',
  '何时',
  '如何',
  '怎么',
  '怎样',
  '为什么',
  '是否',
  '是不是',
]);

/** "Which" with a number and a measure word: 哪两位, 哪几个, 哪一项. */
const HAN_WHICH = /^哪[一两二三四五六七八九十几]?[个位项份家条名座次届]/u;

// Characters of Chinese grammar: glossed alone they only add noise.
const CHINESE_FUNCTION = new Set([
  ...'的了在是和与及等将对为也就都而并其中之于以把被从向到由这那有个们着过后还已至他她它次第',
]);

// The commonest Chinese surnames (and 韦, 覃, 蓝, 农, common in Guangxi): a run of two or three
// characters that no dictionary word covers and that starts with one of them is read as a person's name.
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤蓝农阮莫',
]);

/** "第十一次", "第22届": an ordinal, read by ordinalsIn; its characters are not glossed. */
const HAN_ORDINAL_AT = /^第[〇零一二两三四五六七八九十百\d]+[次届轮]?/u;

interface ChineseSegment {
  text: string;
  /**
   * name: a person (surname rule); place: a proper name of the glossary (广西, 老挝, 联合工作委员会); term:
   * another word of the glossary (联合工作组, 会晤).
   */
  kind: 'word' | 'name' | 'place' | 'term' | 'char' | 'ordinal';
  /** English words: the glossary's or the dictionary's gloss; pinyin and Hán-Việt readings for a name. */
  gloss: string[];
}

/**
 * A run of Han characters cut into dictionary words (longest match, the glossary first), ordinals,
 * names (a surname and the one or two characters after it that no word starts with) and single
 * characters.
 */
function segmentChinese(run: string): ChineseSegment[] {
  const zhGloss = chineseWords();
  const zh = glossary().zh;
  const chars = [...run];
  const segments: ChineseSegment[] = [];
  for (let i = 0; i < chars.length; ) {
    // "哪两位" (which two), "哪几个" (which ones): the question's own words, not "two" and "position".
    const asked = chars
      .slice(i, i + 3)
      .join('')
      .match(HAN_WHICH);
    if (asked) {
      segments.push({ text: asked[0], kind: 'char', gloss: [] });
      i += [...asked[0]].length;
      continue;
    }
    const ordinal = chars.slice(i).join('').match(HAN_ORDINAL_AT);
    if (ordinal) {
      segments.push({ text: ordinal[0], kind: 'ordinal', gloss: [] });
      i += [...ordinal[0]].length;
      continue;
    }
    let matched = 0;
    for (let length = Math.min(zhGloss.longestFrom(chars[i]!), chars.length - i); length >= 2; length--) {
      const word = chars.slice(i, i + length).join('');
      const entry = zh.get(word);
      const gloss = CHINESE_QUESTION_WORDS.has(word)
        ? []
        : entry
          ? chineseFormWords(word)
          : zhGloss.get(word);
      if (!gloss) continue;
      segments.push({ text: word, kind: entry ? (entry.place ? 'place' : 'term') : 'word', gloss });
      matched = length;
      break;
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const char = chars[i]!;
    if (SURNAMES.has(char)) {
      let end = i + 1;
      while (
        end < chars.length &&
        end - i < 3 &&
        !startsWord(chars, end) &&
        !CHINESE_FUNCTION.has(chars[end]!)
      )
        end++;
      if (end - i >= 2) {
        const name = chars.slice(i, end);
        const { pinyin, hanViet } = hanReadings();
        const readings = [
          ...name.map((c) => pinyin.get(c)).filter((r): r is string => Boolean(r)),
          ...name
            .map((c) => hanViet.get(c)?.[0])
            .filter((r): r is string => Boolean(r))
            .map(fold),
        ];
        segments.push({ text: name.join(''), kind: 'name', gloss: readings });
        i = end;
        continue;
      }
    }
    // A character the glossary knows alone reads in this domain's sense (省: province, not "to save").
    const known = zh.get(char);
    if (known) {
      segments.push({ text: char, kind: known.place ? 'place' : 'term', gloss: chineseFormWords(char) });
      i++;
      continue;
    }
    const gloss =
      CHINESE_FUNCTION.has(char) || CHINESE_QUESTION_WORDS.has(char)
        ? []
        : (zhGloss.get(char) ?? []).slice(0, 2);
    segments.push({ text: char, kind: 'char', gloss });
    i++;
  }
  return segments;
}

/** The English words of a Chinese form of the glossary: the heads of every entry it is a form of. */
function chineseFormWords(form: string): string[] {
  return headWords(glossary().zhSenses.get(form)!);
}

function glossChinese(run: string, out: GlossUnit[]): void {
  for (const segment of segmentChinese(run)) {
    // A name's readings are one word each (chen, gang), not alternatives.
    if (segment.kind === 'name')
      for (const reading of segment.gloss) out.push({ source: segment.text, words: [reading] });
    else out.push({ source: segment.text, words: segment.gloss });
  }
}

/** The Chinese personal names of a text ("陈刚", "彭清华"), as segmentChinese reads them. */
export function hanNames(text: string): string[] {
  return hanSegments(text, 'name');
}

/** The proper names of the glossary a Chinese text uses (广西, 老挝, 联合工作委员会). */
export function hanPlaces(text: string): string[] {
  return hanSegments(text, 'place');
}

/** The other words of the glossary a Chinese text uses, of two characters or more (联合工作组, 会晤). */
export function hanTerms(text: string): string[] {
  return hanSegments(text, 'term').filter((term) => [...term].length >= 2);
}

function hanSegments(text: string, kind: ChineseSegment['kind']): string[] {
  const found: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (const segment of segmentChinese(run)) if (segment.kind === kind) found.push(segment.text);
  }
  return found;
}

/** Whether a dictionary word of two characters or more starts at `index`. */
function startsWord(chars: string[], index: number): boolean {
  const zhGloss = chineseWords();
  const zh = glossary().zh;
  for (
    let length = Math.min(zhGloss.longestFrom(chars[index]!), chars.length - index);
    length >= 2;
    length--
  ) {
    const word = chars.slice(index, index + length).join('');
    if (zh.has(word) || zhGloss.has(word)) return true;
  }
  return false;
}
