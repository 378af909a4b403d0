import { acronyms, contentTerms, fold, numbersIn, properNames } from '../text/words.ts';
import type { Evidence } from './evidence.ts';

/** What a question is about, and what kind of answer it needs. */
export interface QuestionAnalysis {
  text: string;
  /** Content words that are not names (folded). */
  terms: string[];
  names: string[];
  numbers: number[];
  acronyms: string[];
  /** A question about money needs an amount of money; about a number, a number; about a time, a year or date. */
  expects: 'amount' | 'count' | 'time' | null;
}

const AMOUNT_CUES =
  /\b(budget|budgets|cost|costs|amount|turnover|funding|price|spent|montant|cout|couts|chiffre d.affaires|financement|depenses|kostnad|kostnader|belopp|omsattning|kinh phi|ngan sach)\b/;
const COUNT_CUES = /\b(how much|how many|combien|hur mycket|hur manga|bao nhieu)\b/;
const TIME_CUES =
  /\b(which period|what period|quelle periode|vilken period|giai doan nao|when|what year|which year|what date|which date|quand|quelle annee|en quelle annee|quelle date|nar|vilket ar|vilket datum|khi nao|nam nao)\b/;

export function analyseQuestion(question: string): QuestionAnalysis {
  const folded = fold(question);
  const names = properNames(question);
  return {
    text: question,
    terms: contentTerms(question).filter((term) => !names.includes(term)),
    names,
    numbers: numbersIn(question),
    acronyms: acronyms(question),
    expects: AMOUNT_CUES.test(folded)
      ? 'amount'
      : COUNT_CUES.test(folded)
        ? 'count'
        : TIME_CUES.test(folded)
          ? 'time'
          : null,
  };
}

export interface Coverage {
  /** Share of the question's topic (content words, numbers, acronyms) found in the passage, 0..1. */
  topic: number;
  /** Share of the question's names found in the passage around the sentence, 0..1 (1 when it names nothing). */
  names: number;
  /** Share of the question's names found in the sentence itself. */
  namesHere: number;
  /** Whether the passage holds the kind of value the question asks for. */
  answerType: boolean;
  /** Anything of the question at all: a topic word, a number, an acronym or a name. */
  anything: boolean;
}

/**
 * How much of the question a sentence (or passage) covers. Names are looked up in `context`, the whole
 * passage, when given: a sentence often refers to "the two sides" named a sentence earlier.
 */
export function coverage(
  question: QuestionAnalysis,
  evidence: Evidence,
  text: string,
  context: Evidence = evidence,
): Coverage {
  const topicTotal = question.terms.length + question.numbers.length + question.acronyms.length;
  const topicFound =
    question.terms.filter((term) => evidence.hasTerm(term)).length +
    question.numbers.filter((value) => evidence.hasNumber(value)).length +
    question.acronyms.filter((acronym) => evidence.hasAcronym(acronym)).length;
  const namesFound = question.names.filter((name) => context.hasName(name)).length;
  const namesHere = question.names.filter((name) => evidence.hasName(name)).length;
  return {
    topic: topicTotal === 0 ? 1 : topicFound / topicTotal,
    names: question.names.length === 0 ? 1 : namesFound / question.names.length,
    namesHere: question.names.length === 0 ? 1 : namesHere / question.names.length,
    answerType: holdsExpectedValue(question.expects, text),
    anything: topicFound + namesFound > 0,
  };
}

const MAGNITUDE = '(?:billion|billions|milliards?|miljard(?:er)?|millions?|miljon(?:er)?|ty|trieu)';
const CURRENCY = '(?:dollars?|usd|euros?|eur|yuan|rmb|cny|vnd|dong|kronor|sek)';
/** A sum of money or a large quantity: "72,2 milliards de dollars", "$5m", "3 million", "500 000 USD". */
const MONEY = new RegExp(`\\d[\\d.,\\s]*(?:${MAGNITUDE}\\b|(?:(?:us|de)\\s+)?${CURRENCY}\\b)|[$€£¥₫]\\s*\\d`);

function holdsExpectedValue(expects: QuestionAnalysis['expects'], text: string): boolean {
  if (expects === null) return true;
  if (expects === 'amount') return MONEY.test(fold(text));
  const values = numbersIn(text);
  if (expects === 'time') return values.some(isYear) || /\b\d{1,2}[/.-]\d{1,2}\b/.test(text);
  return values.some((value) => !isYear(value));
}

function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= 1900 && value <= 2100;
}

/**
 * Least share of a question's topic that a passage sentence must contain to be offered as an
 * extractive answer. Calibrated with hybrid search over the seed articles on the public sample
 * questions plus the README's budget question (best sentence among the top six chunks): answerable
 * questions reach 0.33 to 1.0 (except one cross-lingual question whose every topic word is translated,
 * 0.20: an honest abstention offline), the unanswerable football question 0.25; the budget questions
 * reach 0.60-0.67 but hold no amount, which the answer-type rule catches. 1/3 sits between the two.
 */
export const MIN_TOPIC_COVERAGE = 1 / 3;

/** Whether a passage sentence can stand as an extractive answer to the question. */
export function answers(question: QuestionAnalysis, found: Coverage): boolean {
  if (!found.answerType) return false;
  const hasTopic = question.terms.length + question.numbers.length + question.acronyms.length > 0;
  if (!hasTopic) return question.names.length > 0 && found.namesHere === 1;
  if (found.topic < MIN_TOPIC_COVERAGE) return false;
  // Without the names the question asks about, only a sentence covering most of its topic will do.
  return found.names >= 0.5 || found.topic > 0.5;
}

const NOT_FOUND: Record<string, string> = {
  en: "I couldn't find this in the indexed documents.",
  fr: "Je n'ai pas trouvé cette information dans les documents indexés.",
  sv: 'Jag hittade inte detta i de indexerade dokumenten.',
  vi: 'Tôi không tìm thấy thông tin này trong các tài liệu đã lập chỉ mục.',
  zh: '我在已索引的文档中找不到这方面的信息。',
};

const OFFLINE_NOTICE: Record<string, string> = {
  en: 'A language model is not configured: showing the passages that answer best.',
  fr: "Aucun modèle de langue n'est configuré : voici les passages qui répondent le mieux.",
  sv: 'Ingen språkmodell är konfigurerad: här är de stycken som svarar bäst.',
  vi: 'Chưa cấu hình mô hình ngôn ngữ: đây là những đoạn trả lời sát nhất.',
  zh: '未配置语言模型：以下是最能回答问题的段落。',
};

const UNAVAILABLE: Record<string, string> = {
  en: 'The language model is not responding right now. Please try again in a minute.',
  fr: 'Le modèle de langue ne répond pas pour le moment. Réessayez dans une minute.',
  sv: 'Språkmodellen svarar inte just nu. Försök igen om en minut.',
  vi: 'Mô hình ngôn ngữ hiện không phản hồi. Vui lòng thử lại sau một phút.',
  zh: '语言模型暂时没有响应，请稍后再试。',
};

export function notFoundMessage(language: string): string {
  return NOT_FOUND[language] ?? NOT_FOUND.en!;
}

export function offlineNotice(language: string): string {
  return OFFLINE_NOTICE[language] ?? OFFLINE_NOTICE.en!;
}

export function unavailableMessage(language: string): string {
  return UNAVAILABLE[language] ?? UNAVAILABLE.en!;
}
