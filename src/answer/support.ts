import { bodySentences } from '../text/boilerplate.ts';
import { fold } from '../text/fold.ts';
import { glossWords, hanNames, hanPlaces, isGlossaryTerm } from '../text/gloss.ts';
import { ordinalsIn } from '../text/ordinals.ts';
import { numbersIn, properNames, type SentenceSpan, sameNumber } from '../text/words.ts';
import type { AliasGroups } from './evidence.ts';
import {
  conceptCoverage,
  conceptGroups,
  type DocumentContext,
  GlossedText,
  nameStems,
  type QuestionProfile,
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
}

/** Least share of the claim's words a supporting sentence holds: same language, across languages. */
const SAME_LANGUAGE_OVERLAP = 0.5;
const CROSS_LANGUAGE_OVERLAP = 1 / 3;
/** Least share of the question's concepts the supporting sentence (or its passage, half) covers. */
export const MIN_QUESTION_COVERAGE = 0.3;

interface Claim {
  numbers: number[];
  ordinals: number[];
  /** Each name as its spellings (stems joined), any one of which must be in the sentence. */
  names: string[][];
  concepts: string[][];
}

export function analyseClaim(text: string, language: string, aliases: AliasGroups): Claim {
  const ordinalSpans = ordinalsIn(text);
  // Digits of an ordinal ("16th", "16e") are the ordinal, not a number of the claim.
  let plain = text;
  for (const span of [...ordinalSpans].reverse())
    plain = plain.slice(0, span.start) + ' ' + plain.slice(span.end);
  const names: string[][] = [];
  const nameWords = new Set<string>();
  const addName = (name: string, nameLanguage: string, also: string[] = []) => {
    const own = nameStems(glossWords(name, nameLanguage)).join(' ');
    if (!own) return;
    const alias = aliases.find((variants) => variants.includes(fold(name)));
    const spellings = [
      own,
      ...also.map((other) => nameStems(glossWords(other, nameLanguage)).join(' ')),
      ...(alias ?? []).map((variant) => nameStems(glossWords(variant, 'und')).join(' ')),
    ];
    names.push([...new Set(spellings.filter(Boolean))]);
    for (const word of own.split(' ')) nameWords.add(word);
  };
  const runs: string[] = [];
  for (const match of text.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)+/gu)) {
    runs.push(match[0]);
    const parts = splitNameRun(match[0]);
    // At the start of the claim the first word may be capitalised only for that ("Lines Lang Son…").
    parts.forEach((part, index) => {
      const rest = match.index === 0 && index === 0 ? part.replace(/^\S+[\s-]+/, '') : null;
      addName(part, language, rest && /\p{Lu}/u.test(rest) ? [rest] : []);
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
    // A lone capitalised word is a name when the glossary or the alias table knows it (Laos, Guangxi).
    if (isGlossaryTerm(word) || aliases.some((variants) => variants.includes(word))) addName(word, language);
  }
  for (const name of [...hanNames(text), ...hanPlaces(text)]) addName(name, 'zh');
  // Acronyms (AI, CCI) are names: the glossary or the passages' own definitions spell them out.
  for (const acronym of text.match(/(?<![\p{L}])\p{Lu}{2,5}(?![\p{L}])/gu) ?? []) {
    if (!runs.some((run) => run.includes(acronym))) addName(acronym, language);
  }
  for (const group of aliases) {
    // Names of the alias table written without capitals (广西, 人工智能) are names too.
    const han = group.filter((variant) => /\p{Script=Han}/u.test(variant) && text.includes(variant));
    for (const variant of han) addName(variant, 'zh');
  }
  const concepts = conceptGroups(text, language, nameWords);
  return { numbers: numbersIn(plain), ordinals: ordinalSpans.map((span) => span.value), names, concepts };
}

/**
 * A run of capitalised words cut into the names it holds: places and bodies of the glossary and
 * acronyms stand alone, the words between them form one name ("China-Vietnam CC" → China, Vietnam,
 * CC; "Lang Son - Hanoi" → Lang Son, Hanoi; "Peng Qinghua" stays whole).
 */
function splitNameRun(run: string): string[] {
  const words = run.split(/[\s-]+/).filter(Boolean);
  const parts: string[] = [];
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) parts.push(pending.join(' '));
    pending = [];
  };
  for (let i = 0; i < words.length; ) {
    let length = 0;
    for (let j = words.length; j > i; j--) {
      if (isGlossaryTerm(words.slice(i, j).join(' '))) {
        length = j - i;
        break;
      }
    }
    if (length === 0 && /^\p{Lu}{2,5}$/u.test(words[i]!)) length = 1;
    if (length > 0) {
      flush();
      parts.push(words.slice(i, i + length).join(' '));
      i += length;
    } else pending.push(words[i++]!);
  }
  flush();
  return parts;
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
  const whole = options.question ? new GlossedText(body.map((span) => span.text).join('\n'), language) : null;
  const overlap = options.sameLanguage ? SAME_LANGUAGE_OVERLAP : CROSS_LANGUAGE_OVERLAP;
  for (const span of body) {
    const sentence = new GlossedText(span.text, language);
    const values = numbersIn(span.text);
    if (!wanted.numbers.every((value) => values.some((other) => sameNumber(value, other)))) continue;
    if (!wanted.ordinals.every((value) => sentence.ordinals.has(value))) continue;
    if (!wanted.names.every((name) => sentence.names(name) || mentionsAlias(span.text, name, aliases)))
      continue;
    const found = wanted.concepts.filter((concept) => concept.some((stem) => sentence.has(stem))).length;
    // A bare value ("Hai Phong", "72.2 billion", "the second") has no words to compare: the sentence
    // holding it must then answer the question. A claim with words needs its share of them.
    const bare = wanted.concepts.length <= 1;
    if (!bare && found < overlap * wanted.concepts.length) continue;
    if (options.question && whole) {
      const offset = (options.offset ?? 0) + span.start;
      if (options.document?.conflicts(options.question, sentence, offset)) continue;
      const answersIt =
        !bare ||
        options.question.concepts.length === 0 ||
        conceptCoverage(options.question, sentence, whole) >= MIN_QUESTION_COVERAGE;
      if (!answersIt) continue;
    }
    return span;
  }
  return null;
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
