import { createHash } from 'node:crypto';
import { stemmer } from 'stemmer';
import { bodySentences } from '../text/boilerplate.ts';
import { fold } from '../text/fold.ts';
import {
  glossaryPhrases,
  glossaryTerm,
  glossUnits,
  glossWords,
  hanNames,
  hanPlaces,
  hanTerms,
  isGlossaryTerm,
  nameRunParts,
} from '../text/gloss.ts';
import { hanReadings, isEnglishWord } from '../text/lexicon.ts';
import { isMonthName, withoutMonths } from '../text/months.ts';
import { backgroundOrdinals, ordinalsIn, ordinalValues, withoutOrdinals } from '../text/ordinals.ts';
import {
  namedAcrossRomanisations,
  namedInHan,
  type ReadingStream,
  readingStream,
} from '../text/transliteration.ts';
import { isStopword, numbersIn, properNames } from '../text/words.ts';
import { backgroundYears, isYear, lookBackSpans } from '../text/years.ts';

export { partOfYearValues, statesPartOfYear } from '../text/years.ts';

import type { AliasGroups } from './evidence.ts';

export { isYear };

/**
 * What a question asks, language-independently: the kind of answer it wants, the concepts it is about
 * (as stems of its English gloss, so that a Vietnamese question and a Chinese passage compare), and
 * its key constraints — years, ordinals and named entities — that a passage must satisfy before any of
 * its sentences may answer. "Who led the 14th conference of the Yunnan working group?" must not be
 * answered from the 14th conference of the Guangxi committee.
 */
export interface QuestionProfile {
  text: string;
  language: string;
  /** The kind of answer asked first ("When and where…" → when). */
  kind: AnswerKind;
  /**
   * Every kind of answer the question asks, in the cues' order, at least one (`kind` is the first):
   * "When and where was it held, and who chaired it?" asks a date, a place and a person, and a claim of
   * any of these kinds answers it.
   */
  kinds: AnswerKind[];
  /**
   * The question's content words that are not part of a named entity (those are constraints), each as
   * the stems of its gloss: any one of them found counts ("中心" → center, heart).
   */
  concepts: string[][];
  /**
   * The indices of `concepts` no lexicon translated (see conceptUnits): a text in another language
   * cannot hold them, and they do not count against it.
   */
  untranslated: number[];
  /** Groups of stems, each a named entity that the passage must mention (any one stem per group). */
  entities: string[][];
  /**
   * The entities that are bodies, meetings or terms of the glossary ("Joint Working Committee", "Spring
   * Meeting"): the question's ordinal is theirs, so a document must state the two together.
   */
  terms: string[][];
  /** The entities that are places of the glossary ("Chi Ma", "Guangxi"): where a figure is asked of. */
  places: string[][];
  years: number[];
  ordinals: number[];
  /**
   * For a question in several clauses ("How was the 2021 Spring Meeting held, and was that format
   * new?"), the indices of `concepts` each clause holds; empty for a question in one clause. A sentence
   * that answers one clause need not cover the other's words.
   */
  parts: number[][];
  /**
   * The indices of `concepts` a question names as the topic of what was said or done ("What did Guangxi
   * propose on artificial intelligence…", "decide about cross-border tourism"): an answer states it
   * itself, not only around it.
   */
  topic: number[];
}

export type AnswerKind = 'who' | 'where' | 'when' | 'how_many' | 'how_much' | 'yes_no' | 'other';

// Question cues, folded, per kind and language (Chinese below). Vietnamese "mấy" (how many) folds
// to "may" and "ai" (who) to "ai": each language's cues apply to its own questions only.
const CUES: Record<string, [AnswerKind, RegExp][]> = {
  en: [
    [
      'how_much',
      /\b(how much|what (?:was|is|were) the (?:value|amount|total|budget|cost|turnover|investment)|value of|amount of|budget|turnover|total investment)\b/,
    ],
    // "How did trade change from 2022 to 2023?" is answered with figures, not with any sentence on trade.
    [
      'how_many',
      /\b(how many|number of|how (?:did|has|have|had|does|do) [^?]{1,80}? (?:change|changed|grow|grown|evolve|evolved|rise|risen|fall|fallen|increase|increased|decrease|decreased|decline|declined)|(?:what|which) (?:size|area|surface|length|distance|capacity|share|proportion|percentage)|how (?:large|big|long|far|wide))\b/,
    ],
    ['when', /\b(when|what date|which date|what day|which day|what year|which year|in what month)\b/],
    ['where', /\b(where|in which city|in what city|which city hosted)\b/],
    // "What is the name of the mayor who chaired…" asks who, though it opens with "what".
    ['who', /\b(who|whom|whose|what (?:is|was) the name of\b[^?]*\bwho)\b/],
  ],
  fr: [
    [
      'how_much',
      /\b(quel (?:etait|est|a ete) le (?:montant|volume|chiffre|budget|cout)|montant|combien (?:a coute|valait|vaut))\b/,
    ],
    [
      'how_many',
      /\b(combien de|combien|nombre de|comment [^?]{1,80}? (?:evolue|change|progresse|augmente|diminue|baisse)|quelle (?:taille|superficie|surface|longueur|distance|capacite|part|proportion))\b/,
    ],
    ['when', /\b(quand|quelle date|quel jour|en quelle annee|quelle annee|a quelle date)\b/],
    ['where', /\b(ou (?:a|se|s|ont|etait|aura|sera)|dans quelle ville|quelle ville|en quel lieu)\b/],
    ['who', /\b(qui)\b/],
  ],
  sv: [
    ['how_much', /\b(hur mycket|vilket (?:var|ar) vardet|belopp|omsattning)\b/],
    [
      'how_many',
      /\b(hur manga|antal|hur (?:har|hade) [^?]{1,80}? (?:forandrats|andrats|utvecklats|okat|minskat|vuxit)|hur (?:stor|stort|stora|lang|langt|langa)|vilken (?:storlek|yta|areal|langd|andel))\b/,
    ],
    ['when', /\b(nar|vilket datum|vilken dag|vilket ar)\b/],
    ['where', /\b(var (?:holls|agde|ager|ligger)|i vilken stad|vilken stad|var nagonstans)\b/],
    ['who', /\b(vem|vilka personer)\b/],
  ],
  vi: [
    ['how_much', /\b(kim ngach|gia tri|bao nhieu tien|tong von|von dau tu|tong muc dau tu)\b/],
    [
      'how_many',
      /\b(bao nhieu|may|thay doi (?:nhu )?the nao|tang giam (?:nhu )?the nao|bien dong (?:nhu )?the nao|rong bao|bao xa|bao lau)\b/,
    ],
    ['when', /\b(khi nao|bao gio|ngay nao|nam nao|thang nao|luc nao|thoi gian nao)\b/],
    ['where', /\b(o dau|tai dau|noi nao|dia diem nao|thanh pho nao|tinh nao)\b/],
    ['who', /\b(ai)\b/],
  ],
};
const HAN_CUES: [AnswerKind, RegExp][] = [
  ['how_much', /多少(?:钱|亿|万|美元|元)|金额|总额|贸易额|投资额|价值/u],
  // "哪几个省" asks which provinces, not how many.
  ['how_many', /多少|(?<!哪)几(?:个|项|份|家|次)|数量|多大|多长|多远|面积|规模/u],
  ['when', /何时|什么时候|哪一天|哪天|哪年|哪一年|几月|何日|日期/u],
  ['where', /哪里|哪儿|何地|何处|什么地方|哪个城市|哪座城市|哪个省|哪个市|哪个县|在哪/u],
  ['who', /谁|哪[一两二三几]?位|何人/u],
];
/** A question opening with a question word that asks no kind of its own (what, which), folded. */
const OTHER_OPENING = /^(?:what|which|vad|vilk\w*|quel\w*|que|qu|quoi)\b/u;
/** "What is the name of …": a question about someone, whatever its opening word. */
const NAME_ASKED = /^what (?:is|was) the name of\b/u;
/** Kinds whose cue words are also conjunctions or relatives (when, where, who; quand, où, qui; när, var, vem). */
const CONJUNCTION_KINDS = new Set<AnswerKind>(['when', 'where', 'who']);
/** A question opening with an auxiliary verb ("Is…", "Did…", "Est-ce que…", "Var…"), folded. */
const YES_NO_OPENING =
  /^(is|are|was|were|did|does|do|has|have|had|will|would|can|could|est ce que|est-ce que|ar|var|har|hade|kommer|skulle|blev|finns)\b/u;
const YES_NO = new RegExp(
  `${YES_NO_OPENING.source}|\\b(co phai|phai khong|khong\\s*\\?|chua\\s*\\?)|(吗|是否|是不是)`,
  'u',
);

export function profileQuestion(
  question: string,
  language: string,
  aliases: AliasGroups = [],
): QuestionProfile {
  const folded = fold(question).replace(/[’']/g, ' ');
  const han = /\p{Script=Han}/u.test(question);
  const kinds: AnswerKind[] = [];
  // "Is Dương Bân the official who led…?" asks yes or no; its "who" is a relative pronoun. A question
  // that opens as a yes-no question asks something else only after "and" ("…, and who chaired it?").
  const cues = han ? HAN_CUES : (CUES[language] ?? CUES.en!);
  const opening = folded.trim();
  // Swedish "Var hölls…?" opens with "where", not with "was".
  const opensWithCue = cues.some(([, pattern]) => pattern.exec(opening)?.index === 0);
  const afterAnd = folded
    .split(/\b(?:and|et|och|va)\b/)
    .slice(1)
    .join(' ');
  const opensYesNo = !han && YES_NO_OPENING.test(opening) && !opensWithCue;
  const asked = opensYesNo ? afterAnd : folded;
  if (opensYesNo) kinds.push('yes_no');
  // "What did Hai Phong propose when the city first joined?" asks what: its "when" is a conjunction, as
  // "who" or "where" would be a relative. After a question word of no kind, they ask only after "and".
  const opensOther = !han && !opensYesNo && OTHER_OPENING.test(opening) && !opensWithCue;
  for (const [candidate, pattern] of cues) {
    // "How much" cues come first and "how many" would also match its amount ("多少亿"): one of the two.
    if (candidate === 'how_many' && kinds.includes('how_much')) continue;
    const clauses =
      opensOther && CONJUNCTION_KINDS.has(candidate) && !NAME_ASKED.test(folded) ? afterAnd : asked;
    if (pattern.test(han ? question : clauses)) kinds.push(candidate);
  }
  if (kinds.length === 0) kinds.push(YES_NO.test(han ? question : opening) ? 'yes_no' : 'other');
  const kind = kinds[0]!;
  const years = numbersIn(question).filter(isYear);
  const ordinals = ordinalValues(question);
  const { entities, terms, places } = entitiesOf(question, language, aliases);
  const named = new Set(entities.flatMap((entity) => entity.flatMap((spelling) => spelling.split(' '))));
  // A dated month ("the June 2024 meeting") is written 6月 or tháng 6 elsewhere: not a concept to find.
  const leaveOut = new Set([...named, ...FRAMING_STEMS]);
  // "Lan Tianli (蓝天立)": a name in characters beside its romanisation is the name again, not words
  // (蓝天, blue sky).
  const units = conceptUnits(withoutMonths(question).replace(HAN_GLOSS_OF_NAME, ' '), language, leaveOut);
  const concepts = units.map((unit) => unit.stems);
  const untranslated = units.flatMap((unit, i) => (unit.untranslated ? [i] : []));
  const parts = clauseConcepts(question, language, leaveOut, concepts);
  const topic = topicConcepts(question, language, leaveOut, concepts);
  return {
    text: question,
    language,
    kind,
    kinds,
    concepts,
    untranslated,
    entities,
    terms,
    places,
    years,
    ordinals,
    parts,
    topic,
  };
}

/** Whether a text names the question's topic (QuestionProfile.topic), when it has one. */
export function namesTopic(question: QuestionProfile, text: GlossedText): boolean {
  return (
    question.topic.length === 0 ||
    question.topic.some((i) => question.concepts[i]!.some((stem) => text.has(stem)))
  );
}

/**
 * What a question says something was proposed, decided or said about: the words after "propose on",
 * "decide about", "proposé sur", "föreslog om", "đề xuất về", "关于", up to the next preposition or clause.
 */
const TOPIC =
  /\b(?:propos\w*|suggest\w*|decid\w*|agree\w*|sa(?:y|id)|discuss\w*|convenu|forslag\w*|foreslog|beslut\w*|enades|de xuat|quyet dinh|thong nhat)(?:\s+[^\s,?;]+){0,3}?\s+(?:on|about|regarding|concerning|sur|concernant|om|angaende|kring|ve)\s+([^,?;]+?)(?=\s+(?:at|in|during|for|with|from|by|a|au|aux|lors|pendant|vid|pa|under|tai|trong|nhu|the nao)\b|\s*[,?;]|$)/u;
/**
 * What a sum or a measure is asked of: "the total investment for the smart border gate", "the budget of
 * the AI centre", "a further cut in clearance time", "le coût de la route", "investeringen för vägen",
 * "vốn đầu tư cho dự án". A sentence giving the investment of a road does not answer it.
 */
const MEASURED =
  /\b(?:investments?|budget(?:en)?|cost|price|cut|reduction|increase|growth|rise|drop|decline|investissement|cout|montant|investering(?:en)?|kostnad(?:en)?|von dau tu|tong muc dau tu|kinh phi)\s+(?:for|of|in|pour|de|du|des|i|av|cho|cua)\s+(?:the\s+|la\s+|le\s+|l\s+)?([^,?;]+?)(?=\s+(?:at|in|during|from|by|a|au|aux|lors|pendant|vid|pa|under|tai|trong|nhu|la bao)\b|\s*[,?;]|$)/u;
const HAN_TOPIC =
  /关于([^，。？；]{1,12}?)(?:的|，|。|？|$)|([^，。？；的]{2,12})的?(?:总投资|投资额|预算|造价)/u;

/** The words of TOPIC's phrase as the question writes them (matched folded, word for word). */
function topicPhrase(question: string): string | undefined {
  const words = question.trim().split(/\s+/);
  const folded = words.map(fold).join(' ');
  const match = TOPIC.exec(folded) ?? MEASURED.exec(folded);
  if (!match?.[1]) return undefined;
  const start = match.index + match[0].lastIndexOf(match[1]);
  const first = folded.slice(0, start).split(' ').length - 1;
  return words.slice(first, first + match[1].split(' ').length).join(' ');
}

function topicConcepts(
  question: string,
  language: string,
  leaveOut: Set<string>,
  concepts: string[][],
): number[] {
  const han = HAN_TOPIC.exec(question);
  const phrase = topicPhrase(question) ?? han?.[1] ?? han?.[2];
  if (!phrase) return [];
  return conceptIndices(phrase, /\p{Script=Han}/u.test(phrase) ? 'zh' : language, leaveOut, concepts);
}

/** The indices in `concepts` (the question's) of the concepts a part of the question holds. */
function conceptIndices(
  part: string,
  language: string,
  leaveOut: Set<string>,
  concepts: string[][],
): number[] {
  const key = (concept: string[]) => [...concept].sort().join(' ');
  const index = new Map(concepts.map((concept, i) => [key(concept), i]));
  return conceptGroups(part, language, leaveOut)
    .map((concept) => index.get(key(concept)))
    .filter((i): i is number => i !== undefined);
}

/** Characters in brackets after a romanised name: the name as written in Chinese. */
const HAN_GLOSS_OF_NAME = /(?<=\p{Lu}[\p{L}\p{M}]*\s*)[（(]\s*\p{Script=Han}{2,4}\s*[)）]/gu;

/** Where a question's clauses part: ", and", ", et", ", och", ", và", a second question mark. */
const CLAUSE_BREAK = /,\s*(?:and|et|och|và|va)\s+|[?？]\s*(?=\S)|[;；]\s*/iu;

/** The indices of `concepts` in each clause of a question in several (see QuestionProfile.parts). */
function clauseConcepts(
  question: string,
  language: string,
  leaveOut: Set<string>,
  concepts: string[][],
): number[][] {
  const clauses = question.split(CLAUSE_BREAK).filter((clause) => clause.trim());
  if (clauses.length < 2) return [];
  return clauses.map((clause) => conceptIndices(withoutMonths(clause), language, leaveOut, concepts));
}

const ORDINAL_TOKEN = /^ord\d+$/;
/**
 * Stems of words that frame what a question asks ("what trade figure was quoted", "the figures
 * mentioned") rather than what it is about: the sentence that answers states the figure, it does not
 * say "figure".
 */
const FRAMING_STEMS = ['figur', 'quot', 'mention', 'cite', 'cit'];
/** "For the first time" in the corpus languages: an ordinal of occasions, not of a body's sessions. */
const FIRST_TIME = /first time|premi[eè]re fois|första gången|lần đầu(?: tiên)?|首次/giu;

/**
 * The ordinals of a text but "for the first time" (FIRST_TIME): "It was the first time the meeting was
 * held with Tuyen Quang" counts occasions, it does not make what follows the first session.
 */
function sessionOrdinals(
  text: string,
  found: ReturnType<typeof ordinalsIn> = ordinalsIn(text),
): ReturnType<typeof ordinalsIn> {
  if (found.length === 0) return found;
  const occasions = [...text.matchAll(FIRST_TIME)].map((match) => [
    match.index,
    match.index + match[0].length,
  ]);
  return found.filter(
    (ordinal) => !occasions.some(([start, end]) => ordinal.start < end! && ordinal.end > start!),
  );
}

/** Stems of gloss words: lower-case English stems, ordinals and function words left out. */
export function stems(words: string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (ORDINAL_TOKEN.test(word) || isStopword(word) || word.length < 2) continue;
    out.push(/^\d/.test(word) ? word : stemmer(word));
  }
  return out;
}

/**
 * The content concepts of a text as groups of gloss stems (numbers, ordinals, function words and the
 * stems in `leaveOut` removed), one group per source word; groups with the same stems counted once.
 */
export function conceptGroups(text: string, language: string, leaveOut: Set<string> = new Set()): string[][] {
  return conceptUnits(text, language, leaveOut).map((unit) => unit.stems);
}

/**
 * conceptGroups with, for each group, whether it is only its own word: no lexicon translated it
 * (Swedish "lade", "statliga"), so only a text in the question's language can hold it.
 */
function conceptUnits(
  text: string,
  language: string,
  leaveOut: Set<string>,
): { stems: string[]; untranslated: boolean }[] {
  const seen = new Set<string>();
  const units: { stems: string[]; untranslated: boolean }[] = [];
  for (const unit of glossUnits(text, language)) {
    const kept = stems(unit.words).filter((stem) => !/^\d/.test(stem) && !leaveOut.has(stem));
    const key = [...new Set(kept)].sort().join(' ');
    if (kept.length === 0 || seen.has(key)) continue;
    seen.add(key);
    // The same word back, and not an English one (Swedish "delegation" is): no lexicon knew it.
    const untranslated =
      language !== 'en' &&
      unit.words.length === 1 &&
      unit.words[0] === fold(unit.source) &&
      !isEnglishWord(unit.words[0]);
    units.push({ stems: [...new Set(kept)], untranslated });
  }
  return units;
}

/** Stems of the gloss words of a name: nothing is dropped ("Chi Ma" keeps its "ma"). */
export function nameStems(words: string[]): string[] {
  return words
    .filter((word) => !ORDINAL_TOKEN.test(word))
    .map((word) => (/^\d/.test(word) ? word : stemmer(word)));
}

/**
 * The named entities of a question, each as the stems that identify it in a passage's gloss: proper
 * names (capitalised words), names of the alias table, glossary entries that name places or bodies,
 * and Chinese names.
 */
function entitiesOf(
  question: string,
  language: string,
  aliases: AliasGroups,
): { entities: string[][]; terms: string[][]; places: string[][] } {
  const entities: string[][] = [];
  const terms: string[][] = [];
  const places: string[][] = [];
  const seen = new Set<string>();
  const spelling = (text: string, textLanguage: string) =>
    nameStems(glossWords(text, textLanguage)).join(' ');
  const add = (name: string, nameLanguage: string, term = false, place = false) => {
    // "June" in "the June 2024 meeting" dates it (Chinese and Vietnamese write 6月, tháng 6): not a name.
    if (isMonthName(name)) return;
    const alias = aliases.find((variants) => variants.includes(fold(name)));
    // A person's name is also its own syllables: "Bành Thanh Hoa" is not the Tsinghua its gloss reads,
    // and its syllables are what other romanisations and characters are matched against.
    const syllables =
      !term && !place && !/\p{Script=Han}/u.test(name) ? nameStems(fold(name).split(/[\s-]+/)).join(' ') : '';
    const spellings = [
      ...new Set([
        spelling(name, nameLanguage),
        syllables,
        // A name in characters is read in pinyin or in Hán-Việt, not in both at once (周国平: Zhou
        // Guoping, Chu Quốc Bình).
        ...(nameLanguage === 'zh' ? romanisations(name) : []),
        ...(alias ?? []).map((variant) => spelling(variant, 'und')),
      ]),
    ].filter(Boolean);
    const key = spellings[0];
    if (!key || seen.has(key)) return;
    // "Hội nghị" (conference) is capitalised as a name is, but names no meeting in particular: a concept.
    if (term && spellings.every((each) => EVENT_STEMS.includes(each))) return;
    seen.add(key);
    entities.push(spellings);
    if (place) places.push(spellings);
    // Offices ("Consul General") are terms too, but an ordinal counts meetings of a body.
    if (term && namesBody(spellings[0]!)) terms.push(spellings);
  };
  const runs = latinNameRuns(question);
  // "Ha Long Spring Meeting" is two constraints, a place and a meeting, each found on its own.
  for (const run of runs)
    for (const part of nameRunParts(run))
      add(part.text, language, part.kind === 'term', part.kind === 'place');
  const phrases = glossaryPhrases(question);
  for (const name of properNames(question)) {
    if (
      !runs.some((run) =>
        fold(run)
          .split(/[\s-]+/)
          .includes(name),
      )
    ) {
      const phrase = phrases.get(name) ?? null;
      const place = glossaryTerm(phrase ?? name)?.place ?? false;
      add(phrase ?? name, language, phrase !== null && !place, place);
    }
  }
  for (const name of hanNames(question)) add(name, 'zh');
  // Places written in characters ("河江省与文山州商定…") are constraints, as they are in Latin letters.
  for (const name of hanPlaces(question)) add(name, 'zh', false, true);
  // A body named in lower case ("the 14th meeting of the Yunnan joint working group") owns the
  // ordinal as well, though it is not a name the passage must hold elsewhere.
  // ("For the first time" counts occasions of the action, not sessions of a body.)
  if (ordinalValues(question.replace(FIRST_TIME, ' ')).length > 0) {
    for (const phrase of phrases.values()) {
      const body = spelling(phrase, language);
      const entry = glossaryTerm(phrase);
      if (!entry || entry.place || terms.some((term) => term.includes(body))) continue;
      if (namesBody(body)) terms.push([body]);
    }
    // The same written in characters ("第十一次联合工作组会议"), a phrase of the glossary as above.
    for (const term of hanTerms(question)) {
      const body = spelling(term, 'zh');
      if (body.includes(' ') && namesBody(body) && !terms.some((known) => known.includes(body)))
        terms.push([body]);
    }
  }
  return { entities, terms, places };
}

/** A Chinese name's pinyin and its Hán-Việt reading, each as name stems ("zhou guo ping", "chu quoc binh"). */
function romanisations(name: string): string[] {
  const { pinyin, hanViet } = hanReadings();
  const chars = [...name];
  const read = (reading: (char: string) => string | undefined) => {
    const syllables = chars.map(reading);
    return syllables.every(Boolean) ? nameStems(syllables.map((syllable) => fold(syllable!))).join(' ') : '';
  };
  return [read((char) => pinyin.get(char)), read((char) => hanViet.get(char)?.[0])].filter(Boolean);
}

/**
 * Runs of two or more capitalised words ("Lang Son", "Peng Qinghua"). At the start of the question the
 * first word is capitalised anyway: a run there counts without its function words ("Did Lu Xinshe" is
 * Lu Xinshe; "Bành Thanh Hoa đã dẫn đầu…" is Bành Thanh Hoa).
 */
function latinNameRuns(text: string): string[] {
  const runs: string[] = [];
  for (const match of text.matchAll(
    /(?:(?<=[\s(«"“‘'’-])|^)(\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)+)/gu,
  )) {
    if (match.index > 0) {
      runs.push(match[1]!);
      continue;
    }
    const words = match[1]!.split(/([\s-]+)/);
    while (words.length > 0 && isStopword(fold(words[0]!))) words.splice(0, 2);
    if (words.length >= 3) runs.push(words.join(''));
  }
  return runs;
}

/** A passage (or sentence) as stems of its English gloss plus its own folded words, and its years and ordinals. */
export class GlossedText {
  readonly language: string;
  readonly stems: Set<string>;
  readonly joined: string;
  readonly years: Set<number>;
  /** Its years but those it looks back to as a starting point ("since 2016"): what it reports is not of them. */
  readonly dated: Set<number>;
  readonly ordinals: Set<number>;

  /** The text itself when it has Han characters: names in Latin letters are also looked for by reading. */
  private readonly han: string | null;
  private readonly source: string;

  constructor(text: string, language: string) {
    this.language = language;
    const words = glossWords(text, language);
    this.han = /\p{Script=Han}/u.test(text) ? text : null;
    this.source = text;
    this.stems = new Set(stems(words));
    this.joined = ` ${nameStems(words).join(' ')} `;
    this.years = new Set(numbersIn(text).filter(isYear));
    const background = this.years.size > 0 ? backgroundYears(text) : null;
    this.dated = background?.size
      ? new Set([...this.years].filter((year) => !background.has(year)))
      : this.years;
    const found = ordinalsIn(text);
    // "Since the 8th meeting" looks back: the text is not about the 8th meeting.
    const lookedBack = backgroundOrdinals(text, found);
    this.ordinals = new Set(found.map((match) => match.value).filter((value) => !lookedBack.has(value)));
  }

  has(stem: string): boolean {
    return this.stems.has(stem);
  }

  /** Whether an entity is named here: all stems of one of its spellings, in order. */
  names(entity: string[]): boolean {
    return entity.some(
      (spelling) =>
        spelling.length > 0 &&
        (this.joined.includes(` ${spelling} `) ||
          (this.han !== null && namedInHan(this.han, spelling)) ||
          (spelling.includes(' ') && namedAcrossRomanisations(this.readings(), spelling))),
    );
  }

  private stream: ReadingStream | undefined;
  /**
   * The characters the text's capitalised words read (names in another romanisation), worked out once;
   * other words break a name ("open 7 days a week" is no name, though "a" reads 阿).
   */
  private readings(): ReadingStream {
    this.stream ??= readingStream(
      (this.source.match(/[\p{L}\p{M}]+/gu) ?? []).map((word) => (/^\p{Lu}/u.test(word) ? fold(word) : '')),
    );
    return this.stream;
  }
}

export interface ConstraintCheck {
  satisfied: boolean;
  /** What failed, for logs and tests. */
  missing: string[];
}

/**
 * Whether a text satisfies the question's key constraints: one of its years (in the text or the
 * document's date), one of its ordinals, and every named entity.
 */
export function checkConstraints(
  question: QuestionProfile,
  passage: GlossedText,
  publishedYear: number | null,
): ConstraintCheck {
  const missing: string[] = [];
  if (
    question.years.length > 0 &&
    !question.years.some((year) => passage.dated.has(year) || publishedYear === year)
  )
    missing.push(`year ${question.years.join('/')}`);
  if (question.ordinals.length > 0 && !question.ordinals.some((value) => passage.ordinals.has(value)))
    missing.push(`ordinal ${question.ordinals.join('/')}`);
  for (const entity of question.entities) {
    if (!passage.names(entity)) missing.push(`entity ${entity[0]}`);
  }
  return { satisfied: missing.length === 0, missing };
}

/** Gloss stems of words that name an event (meeting, conference, talks, session, visit, expo). */
const EVENT_STEMS = ['meet', 'confer', 'talk', 'session', 'visit', 'expo', 'forum', 'summit', 'ceremoni'];
/** Gloss stems of the words of a body or a meeting whose sessions are counted. */
const BODY_STEMS = [...EVENT_STEMS, 'committe', 'group', 'commiss', 'council', 'mechan', 'fair'];

/**
 * The terms that own a question's ordinal: the bodies among them when there are any ("Hội nghị lần thứ
 * 15 Ủy ban công tác liên hợp" counts the committee's sessions, which a Chinese report calls 会晤, not
 * conferences), else every term (the meeting: "the second Spring Meeting").
 */
function ordinalOwners(terms: string[][]): string[][] {
  const bodies = terms.filter((term) =>
    term.some((spelling) =>
      spelling.split(' ').some((stem) => BODY_STEMS.includes(stem) && !EVENT_STEMS.includes(stem)),
    ),
  );
  return bodies.length > 0 ? bodies : terms;
}

/**
 * Whether a text states a sum of money or a share ("3.9 billion USD", "1983.6亿元", "17.4 percent"):
 * what answers "how much".
 */
function statesAmount(text: string): boolean {
  const folded = fold(text);
  return (
    MONEY.test(folded) ||
    HAN_MONEY.test(text) ||
    /%|\bpercent\b|\bpourcent\b|\bprocent\b|phan tram/.test(folded)
  );
}

/** Whether a question is about a meeting, a body's session or another event (its concepts or names). */
export function asksOfEvent(question: QuestionProfile): boolean {
  return [...question.concepts, ...question.entities].some((group) => group.some(namesBody));
}

/** Whether a spelling (gloss stems) names a body or a meeting, not an office. */
function namesBody(spelling: string): boolean {
  return spelling.split(' ').some((stem) => BODY_STEMS.includes(stem));
}

/**
 * A document as the place a passage sits in: its body (page furniture left out) glossed as a whole,
 * for the question's constraints, and the years and ordinals each body sentence states, so that a
 * sentence that states none ("The two sides signed the minutes.") is read in the light of the nearest
 * one before it ("The fourth conference of the committee was held in 2012 …").
 */
export class DocumentContext {
  readonly whole: GlossedText;
  readonly publishedYear: number | null;
  readonly publishedMonth: number | null;
  /** Years the title states ("Spring Meeting 2024"): they date the whole document. */
  readonly titleYears: Set<number>;
  private readonly marks: { start: number; years: Set<number>; ordinals: Set<number> }[] = [];
  /** The title and the body sentences that state an ordinal, glossed: where an ordinal's body is named. */
  private readonly ordinalSentences: GlossedText[] = [];
  /**
   * The years the document reports on: those its title and its sentences date, but a plan's (a sentence
   * whose years are all later than the document: "the 11th meeting will be held in 2025").
   */
  private readonly reportedYears = new Set<number>();
  /** The title and lead sentence, as read (see asideEvents). */
  private readonly opening: { title: string; lead: string; language: string };
  /** The opening split into what it looks back or ahead to and the rest, glossed when first asked. */
  private lead: { aside: GlossedText; own: GlossedText } | undefined;

  constructor(content: string, meta: { title: string; language: string; publishedOn: string | null }) {
    const body = bodySentences(content);
    this.whole = new GlossedText([meta.title, ...body.map((span) => span.text)].join('\n'), meta.language);
    this.publishedYear = publishedYear(meta.publishedOn);
    this.publishedMonth = meta.publishedOn ? Number(meta.publishedOn.slice(5, 7)) || null : null;
    this.titleYears = new Set(numbersIn(meta.title).filter(isYear));
    for (const year of this.titleYears) this.reportedYears.add(year);
    for (const span of body) {
      // A year carries over to the sentences after it only when it dates an event ("the 2019 Spring
      // Meeting was held…"), not when it dates a figure ("trade in 2017 reached…", even "reported at
      // the meeting": a sentence that states an amount or a share dates the amount).
      const sentence = numbersIn(span.text).some(isYear) ? new GlossedText(span.text, meta.language) : null;
      const datesEvent =
        sentence !== null && EVENT_STEMS.some((stem) => sentence.has(stem)) && !statesAmount(span.text);
      const years = new Set(datesEvent ? sentence.dated : []);
      // An earlier session it looks back to ("落实第四次会议达成的共识") does not date what follows, nor
      // does "for the first time" (sessionOrdinals).
      const found = ordinalsIn(span.text);
      const background = backgroundOrdinals(span.text, found);
      const ordinals = new Set(found.map((match) => match.value).filter((value) => !background.has(value)));
      const sessions = new Set(sessionOrdinals(span.text, found).map((match) => match.value));
      const carried = new Set([...ordinals].filter((value) => sessions.has(value)));
      // A plan for a later year ("2025年新春会晤暨联工委第十六次会晤由越南广宁省承办" in 2024) dates
      // nothing said after it: the sentences that follow still report this year's meeting.
      const plan = sentence !== null && datesOnlyLater(sentence, this.publishedYear);
      if (!plan && (years.size > 0 || carried.size > 0))
        this.marks.push({ start: span.start, years, ordinals: carried });
      if (!plan && sentence !== null) for (const year of sentence.dated) this.reportedYears.add(year);
      if (ordinals.size > 0)
        this.ordinalSentences.push(sentence ?? new GlossedText(span.text, meta.language));
    }
    if (ordinalValues(meta.title).length > 0)
      this.ordinalSentences.push(new GlossedText(meta.title, meta.language));
    // The lead: the first body sentence of some length that is not the title (a dateline, a site's name
    // and a byline come before it).
    const lead = body.find((span) => span.text.length >= LEAD_CHARS && span.text !== meta.title);
    this.opening = { title: meta.title, lead: lead?.text ?? '', language: meta.language };
  }

  /**
   * The question's meetings and bodies that the document names at its head only as what its own event
   * prepares for or follows up ("a preparatory meeting for the secretariats ahead of the 2025 Spring
   * Meeting", "会议总结了落实第四次会议共识的情况"): the article reports another event, and only a
   * sentence that itself names the asked one, outside such a clause, speaks of it.
   */
  asideEvents(question: QuestionProfile): string[][] {
    if (question.terms.length === 0) return [];
    // Glossed on the first question that names a meeting or a body, not for every document read.
    if (!this.lead) {
      const { title, lead, language } = this.opening;
      const parts = [title, lead].map((text) => splitAside(text));
      this.lead = {
        aside: new GlossedText(parts.flatMap((part) => part.aside).join(' ; '), language),
        own: new GlossedText(parts.map((part) => part.own).join(' ; '), language),
      };
    }
    const { aside: leadAside, own } = this.lead;
    const aside = question.terms.filter((term) => leadAside.names(term) && !own.names(term));
    if (aside.length === 0) return aside;
    // A question about the preparatory meeting itself ("the preparatory meeting for the 2025 Spring
    // Meeting") names the event it prepares for the same way.
    const asked = questionOwnText(question);
    return aside.filter((term) => asked.names(term));
  }

  /**
   * Whether the document meets the question's constraints (checkConstraints), and states the question's
   * ordinal of the body or meeting it names in one sentence: "the 14th meeting of the joint working
   * group" is not met by a page on the 14th conference of the joint working committee that mentions a
   * working group elsewhere.
   */
  satisfies(question: QuestionProfile): ConstraintCheck {
    const check = checkConstraints(question, this.whole, this.publishedYear);
    if (!check.satisfied) return check;
    // A year the document only plans for ("the next meeting will be held in 2025", written in 2024)
    // is not one it reports on, unless the question asks what was to come.
    if (
      question.years.length > 0 &&
      this.publishedYear !== null &&
      !asksFuture(question) &&
      !question.years.some((year) => year === this.publishedYear || this.reportedYears.has(year))
    )
      return { satisfied: false, missing: [`year ${question.years.join('/')} (only planned)`] };
    if (question.ordinals.length === 0 || question.terms.length === 0) return check;
    const owners = ordinalOwners(question.terms);
    const together = this.ordinalSentences.some(
      (sentence) =>
        question.ordinals.some((value) => sentence.ordinals.has(value)) &&
        owners.every((term) => sentence.names(term)),
    );
    return together
      ? check
      : { satisfied: false, missing: [`ordinal ${question.ordinals.join('/')} of ${owners[0]![0]}`] };
  }

  /** Years and ordinals stated last before `offset` (a position in the document). */
  before(offset: number): { years: Set<number>; ordinals: Set<number> } {
    let years = new Set<number>();
    let ordinals = new Set<number>();
    for (const mark of this.marks) {
      if (mark.start >= offset) break;
      if (mark.years.size > 0) years = mark.years;
      if (mark.ordinals.size > 0) ordinals = mark.ordinals;
    }
    return { years, ordinals };
  }

  /**
   * The years that date what is said at `offset` without being written there: the event year stated
   * last before it, the title's years and the year of publication ("le 13 février" in an article of
   * 2017 about the 2017 meeting).
   */
  yearsAt(offset: number): Set<number> {
    const years = new Set([...this.before(offset).years, ...this.titleYears]);
    if (this.publishedYear !== null) years.add(this.publishedYear);
    return years;
  }

  /**
   * Whether a sentence at `offset` speaks of another year or ordinal than the question: its own, or,
   * when it states none, those of the sentences before it (unless `offset` is null: its own only). "In 2017" does not answer "in 2020", "the
   * fourth conference" does not answer "the fifth".
   */
  conflicts(question: QuestionProfile, sentence: GlossedText, offset: number | null): boolean {
    const inherited =
      offset === null ? { years: new Set<number>(), ordinals: new Set<number>() } : this.before(offset);
    const years = sentence.dated.size > 0 ? sentence.dated : inherited.years;
    const ordinals = sentence.ordinals.size > 0 ? sentence.ordinals : inherited.ordinals;
    return statesOther(question, years, ordinals);
  }
}

/** Fewer characters make a line of page furniture (a site's name, a dateline), not a lead sentence. */
const LEAD_CHARS = 60;

/** A text's look-back and look-ahead clauses (lookBackSpans), and the rest with each clause blanked. */
export function splitAside(text: string): { aside: string[]; own: string } {
  const spans = lookBackSpans(text).sort((a, b) => a[0] - b[0]);
  let own = '';
  let at = 0;
  for (const [start, end] of spans) {
    if (end <= at) continue;
    own += `${text.slice(at, Math.max(at, start))} ; `;
    at = end;
  }
  own += text.slice(at);
  return { aside: spans.map(([start, end]) => text.slice(start, end)), own };
}

const ownTexts = new WeakMap<QuestionProfile, GlossedText>();

/** The question outside its look-ahead and look-back clauses, glossed once per question (asideEvents). */
function questionOwnText(question: QuestionProfile): GlossedText {
  let own = ownTexts.get(question);
  if (!own) {
    own = new GlossedText(splitAside(question.text).own, question.language);
    ownTexts.set(question, own);
  }
  return own;
}

/**
 * Whether a sentence speaks of an event (a meeting, talks, a visit) outside its look-back and look-ahead
 * clauses without naming there every one of `events` (asideEvents): in a report on a preparatory
 * meeting, "The meeting was chaired by…" is the preparatory meeting's chair, not the Spring Meeting's.
 * A sentence of no event ("The delegation of some 150 people enters Vietnam on 19 February") may still
 * speak of the one asked.
 */
export function speaksOfOtherEvent(events: string[][], text: string, language: string): boolean {
  if (events.length === 0) return false;
  const own = new GlossedText(splitAside(text).own, language);
  return EVENT_STEMS.some((stem) => own.has(stem)) && !events.every((event) => own.names(event));
}

/**
 * Whether a sentence gives its figure for another place than the one asked: the question asks an amount
 * or a count of a place ("How many trucks were waiting at the Chi Ma gate?") and the sentence names
 * places, none of them the question's ("… were waiting in Lang Son, 2,100 at Tan Thanh"). A sentence
 * that names no place ("trade between the provinces reached …") may still be the asked one's.
 */
export function figureOfOtherPlace(question: QuestionProfile, text: string, sentence: GlossedText): boolean {
  if (
    question.places.length === 0 ||
    !question.kinds.some((kind) => kind === 'how_many' || kind === 'how_much')
  )
    return false;
  if (question.places.some((place) => sentence.names(place))) return false;
  const runs = text.match(/(?<![\p{L}])\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)*/gu) ?? [];
  return (
    runs.some((run) =>
      nameRunParts(run).some((part) => part.kind === 'place' && !/^\p{Lu}{2,5}$/u.test(part.text)),
    ) || hanPlaces(text).length > 0
  );
}

/** Gloss stems of offices: a claim's office must be the sentence's. */
export const OFFICE_STEMS = new Set([
  'secretari',
  'chairman',
  'chairwoman',
  'presid',
  'governor',
  'mayor',
  'director',
  'minist',
  'ambassador',
  'consul',
  'deputi',
  'vice',
]);

/**
 * Whether a sentence holds every office the question asks about when it asks who: "What is the name of
 * the Pingxiang mayor who chaired…?" is not answered by a sentence about the meeting that names no
 * mayor, "Who was the Consul General…?" by one about another official.
 */
export function holdsAskedOffices(question: QuestionProfile, sentence: GlossedText): boolean {
  if (!question.kinds.includes('who')) return true;
  const office = (stems: string) => stems.split(' ').some((stem) => OFFICE_STEMS.has(stem));
  return (
    question.concepts
      .filter((concept) => concept.some(office))
      .every((concept) => concept.some((stem) => sentence.has(stem))) &&
    // An office written with capitals ("the Consul General") is an entity of the question.
    question.entities.filter((entity) => entity.some(office)).every((entity) => sentence.names(entity))
  );
}

/** A place after a locative preposition, "the city of" and the like allowed between. */
const VENUE =
  /(?<![\p{L}])(?:in|at|à|au|en|dans|i|på|tại|ở)\s+(?:(?:the\s+)?(?:city|province|town)\s+of\s+|la\s+ville\s+de\s+|thành\s+phố\s+|tỉnh\s+|staden\s+|provinsen\s+)?(\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)*)/gu;
const HAN_VENUE = /[在于]([\p{Script=Han}]{2,10})/gu;

/**
 * Whether one of the names is a venue of the sentence — or the sentence names no venue at all, and
 * cannot tell its places apart.
 */
export function atVenue(names: string[][], sentence: string, language: string): boolean {
  const venues = [...sentence.matchAll(VENUE), ...sentence.matchAll(HAN_VENUE)].map((match) => match[1]!);
  if (venues.length === 0 || names.length === 0) return true;
  const text = new GlossedText(venues.join(' ; '), language);
  return names.some((name) => text.names(name));
}

/** Countries: "held in Vietnam" does not name a venue a sentence's city could contradict. */
const COUNTRY_STEMS = new Set(['vietnam', 'china', 'lao', 'cambodia', 'thailand', 'myanmar', 'malaysia']);

/**
 * Whether a sentence says something happened at another venue than the one the question gives ("What
 * was signed at the 2026 Spring Meeting held in Nanning?" — "… hölls i staden Fangchenggang"). Only a
 * place of the glossary the question puts after a locative preposition counts, not a country.
 */
export function atOtherVenue(question: QuestionProfile, text: string, language: string): boolean {
  const asked = [...question.text.matchAll(VENUE)]
    .map((match) => match[1]!)
    .filter((name) => glossaryTerm(name)?.place)
    .map((name) => nameStems(glossWords(name, 'und')).join(' '))
    .filter((name) => name && !name.split(' ').some((stem) => COUNTRY_STEMS.has(stem)));
  if (asked.length === 0) return false;
  // The sentence's venues that are places ("tại Quyết định số 164" is no venue).
  const venues = [...text.matchAll(VENUE)]
    .map((match) => match[1]!)
    .filter((name) => nameRunParts(name).some((part) => part.kind === 'place'));
  const han = [...text.matchAll(HAN_VENUE)]
    .map((match) => match[1]!)
    .filter((name) => hanPlaces(name).length > 0);
  if (venues.length + han.length === 0) return false;
  return !new GlossedText([...venues, ...han].join(' ; '), language).names(asked);
}

/** Whether stated years or ordinals exist and none is the question's. */
export function statesOther(question: QuestionProfile, years: Set<number>, ordinals: Set<number>): boolean {
  const other = (asked: number[], stated: Set<number>) =>
    asked.length > 0 && stated.size > 0 && !asked.some((value) => stated.has(value));
  return other(question.years, years) || other(question.ordinals, ordinals);
}

/**
 * Share of the question's concepts found in the sentence (full weight) or only around it (half), less
 * those no lexicon translates when the sentence is in another language. A question made of names only ("Who is Tran Cuong?") is covered by a sentence that names them all.
 */
export function conceptCoverage(
  question: QuestionProfile,
  sentence: GlossedText,
  context: GlossedText,
): number {
  if (question.concepts.length === 0) {
    return question.entities.length > 0 && question.entities.every((entity) => sentence.names(entity))
      ? 1
      : 0;
  }
  const found = question.concepts.map((concept) =>
    concept.some((stem) => sentence.has(stem)) ? 1 : concept.some((stem) => context.has(stem)) ? 0.5 : 0,
  );
  // A word no lexicon translates counts only in a text of the question's language.
  const foreign = sentence.language !== question.language;
  const share = (all: number[]) => {
    const counted = foreign ? all.filter((i) => !question.untranslated.includes(i)) : all;
    const indices = counted.length > 0 ? counted : all;
    return indices.reduce((sum, i) => sum + found[i]!, 0) / Math.max(1, indices.length);
  };
  // A clause of two concepts or more answered on its own counts as the question answered.
  return Math.max(
    share(found.map((_, i) => i)),
    ...question.parts.filter((part) => part.length >= 2).map(share),
  );
}

/** A passage with its place in its document. */
export interface ContextualPassage {
  documentId: number;
  text: string;
  title: string;
  language: string;
  publishedOn: string | null;
  startChar: number;
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/** Documents glossed lately: a burst of questions about one meeting reads the same few documents. */
const CONTEXT_CACHE_SIZE = 256;
const contextCache = new Map<string, DocumentContext>();

/** The document contexts of passages: their documents' text when known, else the passage alone. */
export function documentContexts(
  passages: ContextualPassage[],
  contents: Map<number, string>,
): Map<number, DocumentContext> {
  const contexts = new Map<number, DocumentContext>();
  for (const passage of passages) {
    if (contexts.has(passage.documentId)) continue;
    const content = contents.get(passage.documentId);
    if (content === undefined) {
      // Without the document, the passage stands for it (offsets then count from the passage).
      contexts.set(passage.documentId, new DocumentContext(passage.text, passage));
      continue;
    }
    const key = [
      passage.documentId,
      passage.title,
      passage.language,
      passage.publishedOn,
      digest(content),
    ].join('\u0000');
    let context = contextCache.get(key);
    if (context) contextCache.delete(key);
    else context = new DocumentContext(content, passage);
    contextCache.set(key, context);
    if (contextCache.size > CONTEXT_CACHE_SIZE) contextCache.delete(contextCache.keys().next().value!);
    contexts.set(passage.documentId, context);
  }
  return contexts;
}

/** The passages whose document satisfies the question's constraints, in their order. */
export function answerablePassages<T extends ContextualPassage>(
  question: QuestionProfile,
  passages: T[],
  contexts: Map<number, DocumentContext>,
): T[] {
  return passages.filter(
    (passage) => contexts.get(passage.documentId)?.satisfies(question).satisfied ?? false,
  );
}

const MONTHS =
  'january|february|march|april|may|june|july|august|september|october|november|december|' +
  'janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|' +
  'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december';
export const DATE = new RegExp(
  `\\b\\d{1,2}(?:er)?\\s+(?:${MONTHS})(?:\\s+\\d{4})?\\b|\\b(?:${MONTHS})\\s+\\d{1,2}(?:,?\\s+\\d{4})?\\b|\\b\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?\\b|\\bngay\\s+\\d{1,2}(?![/.\\d])|\\bthang\\s+\\d{1,2}(?:\\s+nam\\s+\\d{4})?\\b`,
);
export const HAN_DATE = /\d{1,4}\s*[年月日]|[一二三四五六七八九十]+月/u;
const MAGNITUDE = '(?:billion|billions|milliards?|miljard(?:er)?|millions?|miljon(?:er)?|ty|trieu|nghin)';
const CURRENCY = '(?:dollars?|usd|euros?|eur|yuan|rmb|cny|vnd|dong|kronor|sek)';
/** A sum of money: "72,2 milliards de dollars", "$5m", "500 000 USD", "86,9 tỷ USD" (a bare "2.1 million" is a count). */
export const MONEY = new RegExp(
  `\\d[\\d.,\\s]*(?:${MAGNITUDE}\\s+(?:(?:us|de)\\s+)?)?${CURRENCY}\\b|[$€£¥₫]\\s*\\d`,
);
export const HAN_MONEY = /\d[\d.,]*\s*(?:亿|万)?\s*(?:美元|元|人民币)|\d[\d.,]*\s*(?:亿|万)/u;

const OFFICE =
  /\b(secretar|chair|president|governor|director|minist|ambassador|consul|mayor|head|leader|secretaire|president|gouverneur|directeur|sekreterare|ordforande|guvernor|bi thu|chu tich|giam doc|bo truong|dai su|lanh su|truong doan)/;
/** Capitalised words, a single capital allowed inside ("Giang A Tinh", "Hau A Lenh"). */
const LATIN_NAME = /(?<![\p{L}])\p{Lu}[\p{L}\p{M}]+(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)*[\s-]+\p{Lu}[\p{L}\p{M}]+/gu;

/**
 * Runs of capitalised words that name someone: not a place or body of the glossary, not named by the
 * question, and no abbreviation among them ("Sekretariatets PM", "HA LONG", "Hanoi (VNA)": a person's
 * name is written in capitalised words, not in capitals).
 */
function personNames(text: string, question: string): string[] {
  const asked = fold(question);
  return [...text.matchAll(LATIN_NAME)]
    .map((match) => match[0])
    .filter(
      (name) =>
        !isGlossaryTerm(name) &&
        !asked.includes(fold(name)) &&
        // (A single capital is a name's syllable: Giang A Tinh, Hau A Lenh.)
        !name.split(/[\s-]+/).some((word) => /^\p{Lu}{2,}$/u.test(word)),
    );
}

/** Words that answer yes or no (folded), in the five languages. */
const POLARITY = /\b(yes|no|not|never|oui|non|pas|jamais|ja|nej|inte|aldrig|co|khong|chua|dung|roi|chang)\b/;
const HAN_POLARITY = /是|否|不|没|未|对/u;

/** Whether a claim names a place or body of the glossary that the question does not name. */
function namesPlaceOrBody(text: string, question: string): boolean {
  const asked = fold(question);
  return [...text.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}\p{M}]*(?:[\s-]+\p{Lu}[\p{L}\p{M}]*)*/gu)].some(
    (match) => isGlossaryTerm(match[0]) && !asked.includes(fold(match[0])),
  );
}

/** The text folded, its dates blanked: the day-month forms of DATE, and days and months in characters. */
function withoutDates(text: string): string {
  return fold(text)
    .replace(new RegExp(DATE.source, 'g'), ' ')
    .replace(/\d{1,2}\s*[月日号]/gu, ' ');
}

/** The text without numbers that are part of a name joined to them by a hyphen ("covid-19", "G-20"). */
function withoutNamedNumbers(text: string): string {
  return text.replace(/\p{L}+-\d+(?![\d.,]*\d)/gu, ' ');
}

/** Whether a sentence holds the kind of value the question asks for (not one the question itself names). */
export function holdsAnswerKind(
  kind: AnswerKind,
  text: string,
  question = '',
  /** A short claim ("Hanoi"), not a sentence: its first capital is a name's, not the sentence's. */
  as: 'sentence' | 'claim' = 'sentence',
): boolean {
  const folded = fold(text);
  if (as === 'claim') {
    // A yes-no question is answered yes or no: a bare name or figure from the passage is not an answer.
    if (kind === 'yes_no') return POLARITY.test(folded) || HAN_POLARITY.test(text);
    // A bare figure answers how many, how much or when; it is not a theme, a plan, a person or a place.
    if (!['how_many', 'how_much', 'when'].includes(kind) && !/\p{L}/u.test(text)) return false;
  }
  switch (kind) {
    case 'when':
      return numbersIn(text).some(isYear) || DATE.test(folded) || HAN_DATE.test(text);
    case 'how_much':
      return statesAmount(text);
    case 'how_many':
      // A day or a month ("去年11月", "on 28 October", "21/2") is a date, not a count; "the 16th
      // conference" is an ordinal.
      return (
        numbersIn(withoutNamedNumbers(withoutDates(withoutOrdinals(text)))).some((value) => !isYear(value)) ||
        /[一二两三四五六七八九十]+(?:个|项|份|家|次|条|名)/u.test(text)
      );
    case 'who':
      return (
        personNames(text, question).length > 0 ||
        // "Who hosts the 2027 meeting?" — "Cao Bang province": a place or body of the glossary answers
        // who as a claim; in a sentence, where every place would qualify, a person or office is needed.
        (as === 'claim' && namesPlaceOrBody(text, question)) ||
        hanNames(text).some((name) => !question.includes(name)) ||
        OFFICE.test(folded) ||
        /书记|主席|省长|市长|部长|大使|总领事/u.test(text)
      );
    case 'where':
      return /\p{Lu}/u.test(as === 'claim' ? text : text.slice(1)) || /\p{Script=Han}/u.test(text);
    default:
      return true;
  }
}

/**
 * A question about what is (or was) to come ("Who will host the 2027 meeting?", "Which province was
 * designated to host the 2021 meeting?"), folded or in characters.
 */
const ASKS_FUTURE =
  /\b(?:will|shall|to be held|planned|scheduled|next|designated|chosen|agreed|(?:was|were|is|are) (?:due )?to|sera|seront|accueillera|aura lieu|prochaine?|devait|designee?|prevue?|kommer|ska|skall|skulle|nasta|utsedd)\b|将|下一|下次|明年|计划|商定|确定/u;
/** The same in Vietnamese (sẽ, tiếp theo, sắp tới), folded: "se" is no future in French. */
const ASKS_FUTURE_VI = /\b(?:se|tiep theo|sap toi)\b/u;

/**
 * Whether a sentence only announces what its document had not yet seen: every year it dates is later
 * than the document's ("the 17th conference will be held in Guangxi in 2026" in a 2025 article; "第六次会议
 * 于2017年在越南举行" agreed in 2016). A plan does not tell where or when a meeting was held, nor what it
 * did; it answers only a question about what is to come.
 */
export function plannedOnly(
  question: QuestionProfile,
  sentence: GlossedText,
  published: number | null,
): boolean {
  return !asksFuture(question) && datesOnlyLater(sentence, published);
}

/** Whether a text dates something and every year it dates is later than `published` (a plan). */
function datesOnlyLater(text: GlossedText, published: number | null): boolean {
  return published !== null && text.dated.size > 0 && [...text.dated].every((year) => year > published);
}

/** Whether a question asks about what is (or was) to come (ASKS_FUTURE). */
function asksFuture(question: QuestionProfile): boolean {
  const folded = fold(question.text);
  return (
    ASKS_FUTURE.test(folded) ||
    ASKS_FUTURE.test(question.text) ||
    (question.language === 'vi' && ASKS_FUTURE_VI.test(folded))
  );
}

/** The year of a date of publication ("2025-02-21" → 2025), or null. */
function publishedYear(publishedOn: string | null): number | null {
  return publishedOn ? Number(publishedOn.slice(0, 4)) : null;
}
