import { bodySentences } from '../text/boilerplate.ts';
import { fold } from '../text/fold.ts';
import { glossaryTerm, glossWords, hanNames, hanPlaces, nameRunParts } from '../text/gloss.ts';
import { datedMonths } from '../text/months.ts';
import { ordinalsIn } from '../text/ordinals.ts';
import { numbersIn, properNames, type SentenceSpan, sameNumber } from '../text/words.ts';
import { YEAR_RANGE } from '../text/years.ts';
import type { AliasGroups } from './evidence.ts';
import {
  atVenue,
  conceptCoverage,
  conceptGroups,
  type DocumentContext,
  figureOfOtherPlace,
  GlossedText,
  holdsAnswerKind,
  holdsAskedOffices,
  isYear,
  nameStems,
  namesTopic,
  OFFICE_STEMS,
  partOfYearValues,
  plannedOnly,
  type QuestionProfile,
  statesOther,
  statesPartOfYear,
} from './relevance.ts';

/**
 * Whether a cited passage supports a claim, decided sentence by sentence: the claim is supported when
 * ONE sentence of the passage's body (never a banner, byline, time stamp or list of related articles)
 * holds all its values and enough of its words, and — when the question is known — answers the
 * question, within its constraints. Values are compared as values across languages:
 * - numbers after normalisation ("72.2 billion" = "72,2 milliards"; "51" is not in "10:51 GMT+7"
 *   because that line is not the article);
 * - ordinals as ordinals ("second" = "deuxième" = "thứ hai" = "第二"; "third" ≠ "deuxième");
 * - names as whole names, in any of their spellings (alias table, glossary, pinyin and Hán-Việt
 *   readings of Chinese names): every word of "Nguyen Thanh Hai", in order, never a syllable of it;
 * - words through their English gloss stems, never prefixes ("partnership" is not "takes part").
 */
export interface SupportOptions {
  aliases?: AliasGroups;
  /** Whether the claim and the passage are in the same language (stricter word overlap). */
  sameLanguage: boolean;
  claimLanguage?: string;
  passageLanguage?: string;
  /** The question: the supporting sentence must answer it, not merely share the claim's words. */
  question?: QuestionProfile;
  /** The passage's document and the passage's offset in it (years and ordinals stated before it). */
  document?: DocumentContext;
  offset?: number;
  /** Called with each body sentence that was looked at and why it does not support the claim (diagnostics). */
  onReject?: (sentence: string, reason: string) => void;
}

/**
 * Month names, as gloss stems: in a claim they date something whose day and year are its numbers, and
 * other languages write the month as a number ("22/2/2016", "2016年2月22日", "tháng 2").
 */
const MONTH_STEMS = [
  'januari',
  'februari',
  'march',
  'april',
  'mai',
  'june',
  'juli',
  'august',
  'septemb',
  'octob',
  'novemb',
  'decemb',
  'may',
  'jun',
  'jul',
];

/**
 * Stems of words a claim uses around its facts, not facts themselves: "dated 26 January", "because …",
 * "yes, …", "at both meetings".
 */
const FUNCTION_STEMS = [
  'date',
  'becaus',
  'ye',
  'oui',
  'non',
  'ja',
  'nej',
  'both',
  'respect',
  'respectivement',
];

/** Least share of the claim's words a supporting sentence holds: same language, across languages. */
const SAME_LANGUAGE_OVERLAP = 0.5;
const CROSS_LANGUAGE_OVERLAP = 1 / 3;
/** Least share of the question's concepts the supporting sentence (or its passage, half) covers. */
export const MIN_QUESTION_COVERAGE = 0.3;

interface Claim {
  numbers: number[];
  /** Months named next to a number ("22 February"): the sentence must date the same month. */
  months: number[];
  ordinals: number[];
  /** Each name as its spellings (stems joined), any one of which must be in the sentence. */
  names: string[][];
  concepts: string[][];
}

export function analyseClaim(claim: string, language: string, aliases: AliasGroups): Claim {
  // An aside in brackets ("Guilin (2018)", "(Lantern Festival)") explains; the claim is the rest.
  const text =
    claim
      .replace(/\s*[(（][^()（）]*[)）]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || claim;
  const ordinalSpans = ordinalsIn(text);
  // Digits of an ordinal ("16th", "16e") are the ordinal, not a number of the claim.
  let plain = text;
  for (const span of [...ordinalSpans].reverse())
    plain = `${plain.slice(0, span.start)} ${plain.slice(span.end)}`;
  const names: string[][] = [];
  const nameWords = new Set<string>();
  const addName = (name: string, nameLanguage: string) => {
    const own = nameStems(glossWords(name, nameLanguage)).join(' ');
    if (!own) return;
    const alias = aliases.find((variants) => variants.includes(fold(name)));
    const spellings = [
      own,
      ...(alias ?? []).map((variant) => nameStems(glossWords(variant, 'und')).join(' ')),
    ];
    names.push([...new Set(spellings.filter(Boolean))]);
    for (const word of own.split(' ')) nameWords.add(word);
  };
  const runs: string[] = [];
  for (const match of text.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)+/gu)) {
    runs.push(match[0]);
    nameRunParts(match[0])
      // Offices, bodies and terms of the glossary ("Vice Chairman", "Party Committee") are words of
      // the claim, compared like its other words; places, acronyms and other names are names.
      .filter((part) => part.kind !== 'term')
      .map((part) => part.text)
      .forEach((part, index) => {
        // At the start of the claim a lone capitalised word may be capitalised only for that ("Lines
        // Lang Son – Hanoi…"): it is a word of the claim, not a name. A run of several is a name, whole.
        if (match.index === 0 && index === 0 && !/[\s-]/.test(part) && !glossaryTerm(part)?.place) return;
        addName(part, language);
      });
  }
  for (const word of properNames(text)) {
    if (
      runs.some((run) =>
        fold(run)
          .split(/[\s-]+/)
          .includes(word),
      )
    )
      continue;
    // A lone capitalised word is a name when the glossary knows it as a place or the alias table has it.
    if (glossaryTerm(word)?.place || aliases.some((variants) => variants.includes(word)))
      addName(word, language);
  }
  for (const name of [...hanNames(text), ...hanPlaces(text)]) addName(name, 'zh');
  // Acronyms (AI, CCI) are names: the glossary or the passages' own definitions spell them out.
  for (const acronym of text.match(/(?<![\p{L}])\p{Lu}{2,5}(?![\p{L}])/gu) ?? []) {
    const known = glossaryTerm(acronym);
    if (!runs.some((run) => run.includes(acronym)) && (!known || known.place)) addName(acronym, language);
  }
  for (const group of aliases) {
    // Names of the alias table written without capitals (广西, 人工智能) are names too.
    const han = group.filter((variant) => /\p{Script=Han}/u.test(variant) && text.includes(variant));
    for (const variant of han) addName(variant, 'zh');
  }
  const concepts = conceptGroups(text, language, new Set([...nameWords, ...MONTH_STEMS, ...FUNCTION_STEMS]));
  return {
    numbers: numbersIn(plain),
    months: [...datedMonths(plain)],
    ordinals: ordinalSpans.map((span) => span.value),
    names,
    concepts,
  };
}

/**
 * The body sentence of the passage that supports the claim (see SupportOptions), or null. Offsets are
 * in the passage text.
 */
export function supportingSentence(
  claim: string,
  passage: string,
  options: SupportOptions,
): SentenceSpan | null {
  const aliases = options.aliases ?? [];
  const wanted = analyseClaim(claim, options.claimLanguage ?? 'und', aliases);
  const anchors =
    wanted.numbers.length + wanted.ordinals.length + wanted.names.length + wanted.concepts.length;
  if (anchors === 0) return null;
  const language = options.passageLanguage ?? 'und';
  const body = bodySentences(passage);
  const overlap = options.sameLanguage ? SAME_LANGUAGE_OVERLAP : CROSS_LANGUAGE_OVERLAP;
  const reject = (span: SentenceSpan, reason: string) => options.onReject?.(span.text, reason);
  // A year the claim adds to what the sentence says ("In 2024, 22 documents were signed" over "signed
  // 22 documents") may date it from around the sentence: the passage, the event stated before it, the
  // title or the date of publication. A claim that is only a year must find it in the sentence.
  const years = wanted.numbers.filter(isYear);
  const dated = anchors > years.length;
  const passageYears = new Set(numbersIn(passage).filter(isYear));
  const asked = new Set(options.question?.concepts.flat() ?? []);
  const passageMonths = wanted.months.length > 0 ? datedMonths(passage) : new Set<number>();
  for (const span of body) {
    const sentence = new GlossedText(span.text, language);
    const values = numbersIn(span.text);
    const around = dated ? options.document?.yearsAt((options.offset ?? 0) + span.start) : undefined;
    const missingNumbers = wanted.numbers.filter(
      (value) =>
        !values.some((other) => sameNumber(value, other)) &&
        !(dated && isYear(value) && (passageYears.has(value) || around?.has(value))),
    );
    if (missingNumbers.length > 0) {
      reject(span, `numbers ${missingNumbers.join(',')} not in ${values.join(',')}`);
      continue;
    }
    if (wanted.months.length > 0) {
      const months = datedMonths(span.text);
      // Like a year, a month the claim adds may date it from the passage or the date of publication.
      const missingMonth = wanted.months.find(
        (month) =>
          !months.has(month) &&
          !values.includes(month) &&
          !(dated && (passageMonths.has(month) || options.document?.publishedMonth === month)),
      );
      if (missingMonth !== undefined) {
        reject(span, `month ${missingMonth} not dated here`);
        continue;
      }
    }
    const stated = options.document?.before((options.offset ?? 0) + span.start).ordinals;
    if (!wanted.ordinals.every((value) => sentence.ordinals.has(value) || stated?.has(value))) {
      reject(span, `ordinals ${wanted.ordinals.join(',')} missing`);
      continue;
    }
    const missingName = wanted.names.find(
      (name) => !sentence.names(name) && !mentionsAlias(span.text, name, aliases),
    );
    if (missingName) {
      reject(span, `name ${missingName.join('|')} missing`);
      continue;
    }
    const has = (concept: string[]) => concept.some((stem) => sentence.has(stem));
    // An office is a fact like a name: "secretary" is not supported by a sentence about the chairman.
    const office = wanted.concepts.find(
      (concept) => !has(concept) && concept.some((stem) => OFFICE_STEMS.has(stem)),
    );
    if (office) {
      reject(span, `office ${office.join('|')} missing`);
      continue;
    }
    // A bare value ("Hai Phong", "72.2 billion", "the second", "Chairman") is short: its one word, if
    // any, must be there, and the sentence holding it must answer the question. A longer claim needs
    // its share of words.
    let required = wanted.concepts;
    let found = required.filter(has).length;
    let bare = required.length <= 1;
    let passes = bare ? found >= required.length : found >= overlap * required.length;
    let mustAnswer = bare;
    if (!passes && asked.size > 0) {
      // Words that restate the question ("at both meetings") add nothing to check: the claim is then
      // checked on the words it adds, and its sentence must answer the question.
      const novel = required.filter((concept) => !concept.some((stem) => asked.has(stem)));
      if (novel.length < required.length) {
        required = novel;
        found = novel.filter(has).length;
        bare = novel.length <= 1;
        passes = bare ? found >= novel.length : found >= overlap * novel.length;
        mustAnswer = true;
      }
    }
    if (!passes) {
      const missing = required.filter((concept) => !has(concept)).map((concept) => concept.join('|'));
      reject(span, `words ${found}/${required.length}, missing ${missing.join(' ')}`);
      continue;
    }
    if (options.question) {
      // Only the years and ordinals of the part of the sentence that holds the claim (or, when it states
      // no year, its title's): a claim is checked where it stands (the passage's document already
      // satisfies the question, see answerablePassages).
      const scope = claimScope(span.text, wanted, language) ?? { text: span.text, glossed: sentence };
      const eventful = eventYears(scope.text, scope.glossed.dated);
      // A sentence that states no year of its own is of the year its document's title gives, if any.
      const titled = eventful.size > 0 ? eventful : (options.document?.titleYears ?? eventful);
      if (statesOther(options.question, titled, scope.glossed.ordinals)) {
        reject(span, 'states another year or ordinal than the question');
        continue;
      }
      // What was proposed on a topic, or what a sum is of, is stated where the topic is named: the
      // investment of a road does not support a claim about the investment for a border gate.
      if (!namesTopic(options.question, sentence)) {
        reject(span, 'does not name the topic asked about');
        continue;
      }
      // A plan its document had not yet seen happen does not tell what happened (see plannedOnly).
      if (plannedOnly(options.question, scope.glossed, options.document?.publishedYear ?? null)) {
        reject(span, 'announces a plan, does not report it');
        continue;
      }
      // A bare value must be of the kind asked: a person for "who", a date for "when", an amount for
      // "how much" — a place or a body offered as "who" is not an answer, even if the passage names it.
      // A year that ends a plan's period ("the 2023-2027 agreement") does not date the event asked about.
      // A figure for part of a year ("the first seven months of 2023") is not the year's.
      const values = wanted.numbers.filter((value) => !isYear(value));
      const partial =
        options.question.years.length > 0 && values.length > 0 && !statesPartOfYear(options.question.text)
          ? partOfYearValues(scope.text)
          : [];
      if (partial.length > 0 && values.every((value) => partial.some((other) => sameNumber(value, other)))) {
        reject(span, 'states a figure for part of the year');
        continue;
      }
      if (bare && !holdsAskedOffices(options.question, sentence)) {
        reject(span, 'does not hold the office asked about');
        continue;
      }
      if (bare && figureOfOtherPlace(options.question, scope.text, scope.glossed)) {
        reject(span, 'gives the figure of another place');
        continue;
      }
      // A question may ask several things ("when and where … and who chaired it?"): any of them.
      const { kinds, text: asked } = options.question;
      const datesIt = years.every((year) => eventful.has(year) || !sentence.years.has(year));
      // The kinds asked that the bare claim is an answer of.
      const held = bare ? kinds.filter((each) => holdsAnswerKind(each, claim, asked, 'claim')) : [];
      const ofKind = !bare || held.some((each) => each !== 'when' || datesIt);
      // A place offered as "where" must be where the sentence says things happen when it says so ("in
      // Ha Long", "tại thành phố Phòng Thành Cảng", "在南宁"), not another place it lists.
      const placeOnly = bare && kinds.includes('where') && held.every((each) => each === 'where');
      if (placeOnly && ofKind && !atVenue(wanted.names, span.text, language)) {
        reject(span, 'not where the sentence says it happened');
        continue;
      }
      if (!ofKind || (mustAnswer && !answersQuestion(options.question, sentence))) {
        reject(
          span,
          `${ofKind ? 'sentence not about the question' : `not an answer of kind ${kinds.join(' or ')}`}`,
        );
        continue;
      }
    }
    return span;
  }
  return null;
}

/**
 * The parts of a Chinese "sentence" that hold the claim's numbers, ordinals or names, when it is a run of
 * several 。-sentences (a paragraph without line breaks): "共签署22份合作文件。…各方商定，2025年…由广宁省承办。"
 * signs 22 documents this year; the next year's host in another part says nothing of them. Null when
 * the sentence is one part, or no part holds a value of the claim.
 */
function claimScope(
  text: string,
  wanted: Claim,
  language: string,
): { text: string; glossed: GlossedText } | null {
  if (!/[。！？；]/u.test(text)) return null;
  const parts = text.split(/(?<=[。！？；])/u).filter((part) => part.trim());
  if (parts.length < 2) return null;
  const holding = parts.filter((part) => {
    const numbers = numbersIn(part);
    if (wanted.numbers.some((value) => numbers.some((other) => sameNumber(value, other)))) return true;
    const ordinals = ordinalsIn(part).map((span) => span.value);
    if (wanted.ordinals.some((value) => ordinals.includes(value))) return true;
    if (wanted.names.length === 0) return false;
    const glossed = new GlossedText(part, language);
    return wanted.names.some((name) => glossed.names(name));
  });
  if (holding.length === 0 || holding.length === parts.length) return null;
  const joined = holding.join('');
  return { text: joined, glossed: new GlossedText(joined, language) };
}

/**
 * The sentence's years that date what it reports: not the ends of a period ("the 2022–2026 plan"), nor a
 * starting point it looks back to ("since the meeting in Lang Son in 2019").
 */
function eventYears(text: string, years: Set<number>): Set<number> {
  const ends = new Set(
    [...text.matchAll(YEAR_RANGE)].flatMap((match) => [Number(match[1]), Number(match[2])]),
  );
  const outside = numbersIn(text.replace(YEAR_RANGE, ' ')).filter(isYear);
  return new Set([...years].filter((year) => !ends.has(year) || outside.includes(year)));
}

/**
 * Whether a sentence itself is about what the question asks: the share of the question's concepts and
 * named entities it holds, the question's own year or ordinal stated there counting for more. The rest
 * of the passage does not count: a wrong value taken from a neighbouring sentence of the right passage
 * must not pass.
 */
function answersQuestion(question: QuestionProfile, sentence: GlossedText): boolean {
  if (question.concepts.length === 0) return true;
  const pinned =
    question.years.some((year) => sentence.years.has(year)) ||
    question.ordinals.some((value) => sentence.ordinals.has(value));
  const named = question.entities.filter((entity) => sentence.names(entity)).length;
  const concepts = conceptCoverage(question, sentence, sentence) * question.concepts.length;
  const score =
    (concepts + named) / (question.concepts.length + question.entities.length) + (pinned ? 0.2 : 0);
  return score >= MIN_QUESTION_COVERAGE;
}

/** A Han spelling of a name found as it is in the text (the alias table's 广西 inside 广西壮族自治区). */
function mentionsAlias(text: string, spellings: string[], aliases: AliasGroups): boolean {
  const group = aliases.find((variants) =>
    variants.some((variant) => spellings.includes(nameStems(glossWords(variant, 'und')).join(' '))),
  );
  return group?.some((variant) => /\p{Script=Han}/u.test(variant) && text.includes(variant)) ?? false;
}

export function supports(claim: string, passage: string, options: SupportOptions): boolean {
  return supportingSentence(claim, passage, options) !== null;
}
