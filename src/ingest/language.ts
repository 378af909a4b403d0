import { detectAll } from 'tinyld';

/** Letters only Vietnamese uses among Latin scripts (tone marks under or hooked on vowels, ă, ơ, ư, đ); not French â/ê/ô. */
const VIETNAMESE_LETTERS =
  /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĂĐƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]/u;
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LETTER = /\p{L}/gu;
const WORD = /[\p{L}\p{M}]+/gu;

/** Languages a Minutebook corpus plausibly holds; restricting the detector avoids exotic guesses on short text. */
const CANDIDATES = [
  'en',
  'fr',
  'sv',
  'vi',
  'zh',
  'de',
  'es',
  'it',
  'pt',
  'nl',
  'da',
  'no',
  'fi',
  'ru',
  'ja',
  'ko',
  'id',
  'th',
  'pl',
  'tr',
];

/** Most text looked at: detection on the first part of a long document is as good and much faster. */
const SAMPLE_CHARS = 20_000;

/**
 * ISO 639-1 code of the text's language ('fr', 'sv', 'en', 'vi', 'zh', …), or 'und' when unsure.
 * Scripts decide Chinese, Japanese and Korean; Vietnamese is recognised by its own diacritics (the
 * statistical detector confuses unaccented names with Nordic languages); the rest goes to tinyld.
 */
export function detectLanguage(text: string): string {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = count(sample, LETTER);
  if (letters === 0) return 'und';
  const kana = count(sample, KANA);
  const han = count(sample, HAN);
  const hangul = count(sample, HANGUL);
  if (kana / letters > 0.1) return 'ja';
  if (hangul / letters > 0.3) return 'ko';
  if (han / letters > 0.3) return 'zh';

  const words = sample.match(WORD) ?? [];
  const vietnameseWords = words.filter((word) => VIETNAMESE_LETTERS.test(word)).length;
  // French or Swedish text quoting "Quảng Tây" stays French; a Vietnamese sentence has them everywhere.
  if (words.length > 0 && vietnameseWords / words.length >= 0.3) return 'vi';

  if (words.length < 2) return 'und';
  // Unaccented Vietnamese ("Quang Tay de xuat") is left to the detector; a few accented names are not.
  const only = vietnameseWords > 0 ? CANDIDATES.filter((language) => language !== 'vi') : CANDIDATES;
  const guesses = detectAll(sample, { only });
  const best = guesses[0];
  if (!best) return 'und';
  // A lone word, or two or three words of names ("Chen Gang") give low-confidence guesses: say so rather than guess.
  const threshold = words.length <= 3 ? 0.5 : 0.05;
  return best.accuracy >= threshold ? best.lang : 'und';
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Postgres text-search configurations built in since PostgreSQL 13, by ISO 639-1 code. */
const TEXT_SEARCH_CONFIGS: Record<string, string> = {
  ar: 'arabic',
  da: 'danish',
  de: 'german',
  el: 'greek',
  en: 'english',
  es: 'spanish',
  fi: 'finnish',
  fr: 'french',
  ga: 'irish',
  hu: 'hungarian',
  id: 'indonesian',
  it: 'italian',
  lt: 'lithuanian',
  nb: 'norwegian',
  ne: 'nepali',
  nl: 'dutch',
  nn: 'norwegian',
  no: 'norwegian',
  pt: 'portuguese',
  ro: 'romanian',
  ru: 'russian',
  sv: 'swedish',
  ta: 'tamil',
  tr: 'turkish',
};

/** The Postgres text-search config for a language ('french', 'swedish', …); 'simple' when none fits (vi, zh, und). */
export function textSearchConfig(language: string): string {
  return TEXT_SEARCH_CONFIGS[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? 'simple';
}
