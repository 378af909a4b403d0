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

/**
 * Function words of the languages a secretariat writes in. On a question of five words the
 * statistical detector guesses from letter statistics dominated by names ("Lang Son", "Guangxi");
 * two or three function words settle it. Words shared by two lists are dropped (see STOPWORD_LANGUAGE).
 */
const STOPWORDS: Record<string, string> = {
  en: 'the of and to is was were what who whom did does do with on for by from this that which when where how are be has have will an into about',
  fr: 'le la les des du et est une dans sur pour par qui que quoi quand avec au aux ont été ce cette il elle ils sont était comment pourquoi où',
  sv: 'och att det som är på för med av till var vad när hur har inte vid ett från vem vilka blev hölls',
  de: 'der die das und ist nicht mit von zu dem ein eine auf für wer wann wie hat wurde sind',
  es: 'el los las y es que del por con para una qué cuándo cómo quién fue',
  it: 'il gli della di che è per con una sono chi quando come',
  nl: 'het een van en is niet met voor wie wanneer hoe zijn werd',
};
const STOPWORD_LANGUAGE = new Map<string, string | null>();
for (const [language, words] of Object.entries(STOPWORDS)) {
  for (const word of words.split(' ')) {
    STOPWORD_LANGUAGE.set(word, STOPWORD_LANGUAGE.has(word) ? null : language);
  }
}

/** A long text's vote must be this clear: this many function words, this many times the runner-up's. */
const STRONG_VOTE = { least: 8, ratio: 4 };

/** The language whose function words clearly dominate a text (by default a short one), if any. */
function functionWordVote(
  words: string[],
  clear: { least: number; ratio: number } = { least: 2, ratio: 2 },
): string | undefined {
  const votes = new Map<string, number>();
  for (const word of words) {
    const language = STOPWORD_LANGUAGE.get(word.toLowerCase());
    if (language) votes.set(language, (votes.get(language) ?? 0) + 1);
  }
  const [first, second] = [...votes].sort((a, b) => b[1] - a[1]);
  if (!first) return undefined;
  const decisive =
    first[1] >= clear.ratio * (second?.[1] ?? 0) && (first[1] >= clear.least || words.length <= 8);
  return decisive ? first[0] : undefined;
}

/** Below this many words, function words decide before the statistical detector. */
const SHORT_TEXT_WORDS = 40;

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
  if (words.length < SHORT_TEXT_WORDS) {
    const vote = functionWordVote(words);
    if (vote) return vote;
  } else {
    // A longer text whose function words are overwhelmingly of one language is of that language: the
    // statistical detector (a fifth of ingestion's time) is asked only when they are not.
    const vote = functionWordVote(words, STRONG_VOTE);
    if (vote) return vote;
  }
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
