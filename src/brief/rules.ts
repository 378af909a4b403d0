import { fold } from '../text/fold.ts';

/**
 * Offline classification of article sentences for a meeting brief: who proposed something, what was
 * signed, who took part and where. Rules, not a model: each one is a finite verb form (so "proposer des
 * solutions", an infinitive, is not a proposal) in the five languages of the secretariats' minutes.
 * Patterns run on folded text (lower case, no diacritics), except Chinese.
 */

// "a suggéré", "ont proposé", "proposed", "đề nghị", "föreslog", "提议"…
const PROPOSING = new RegExp(
  [
    '\\b(?:proposed|proposes|suggested|suggests|recommended|called for|urged)\\b',
    '\\b(?:a|ont|avait|avaient)\\s+(?:egalement\\s+|aussi\\s+|notamment\\s+)?(?:propose|suggere|recommande|demande|appele a|exhorte)\\b',
    '\\b(?:propose|suggere)\\s+(?:que|de)\\b',
    '\\b(?:de nghi|de xuat|kien nghi)\\b',
    '\\b(?:foreslog|foreslar|foreslagit|uppmanade|rekommenderade)\\b',
  ].join('|'),
  'u',
);
const PROPOSING_ZH = /提议|建议|倡议|提出/u;

// "ont signé", "signed", "ký kết", "undertecknade", "签署"… but not "les accords signés" (a past act named in passing).
const SIGNING = new RegExp(
  [
    '\\b(?:signed|have signed|concluded)\\s+(?:the|a|an|\\d+)\\b',
    '\\b(?:ont|a|avaient)\\s+(?:egalement\\s+|aussi\\s+)?signe\\b',
    '\\b(?:da ky|ky ket|ky)\\s+(?:bien ban|thoa thuan|ban ghi nho|ke hoach|hiep dinh)\\b',
    '\\bundertecknade\\s+(?!avtalen|dokumenten)',
  ].join('|'),
  'u',
);
const SIGNING_ZH = /签署|签订|签约/u;

// A pronoun opening a sentence refers to the speaker of the sentence before ("Il a suggéré…").
const PRONOUN_START = /^(?:il|elle|he|she|han|hon|kamraten|ong|ba|他|她)\b/u;

// Where a meeting took place: "dans la ville de Ha Long", "à Ha Long", "in Ha Long City", "tại Hạ Long".
const PLACE_MARKERS = [
  /\b(?:dans la ville de|dans la province de|a|au|en|in|at|held in|tai|o|i)\s+$/u,
  /在$/u,
];

// A person is named before an apposition of office ("Vu Dai Thang, membre du…") or after a title ("camarade Tran Cuong").
const OFFICE_AFTER =
  /^\s*,\s*(?:membre|member|secretaire|secretary|president|chairman|chairwoman|directeur|director|vice-president|uy vien|bi thu|chu tich|pho chu tich|medlem|sekreterare|ordforande|direktor)\b/u;
const TITLE_BEFORE = /\b(?:camarade|comrade|dong chi|kamrat|m\.|mr\.?|mme|mrs\.?|ms\.?|ong|ba)\s+$/u;

const NAME = /\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}/gu;

export type ProposalSide = 'counterpart' | 'ours';

/** Whether a sentence reports a proposal (a finite verb of proposing); the offset of that verb in it. */
export function proposalVerbAt(sentence: string): number | null {
  const zh = sentence.match(PROPOSING_ZH);
  if (zh?.index !== undefined) return zh.index;
  const match = fold(sentence).match(PROPOSING);
  return match?.index ?? null;
}

/** Whether a sentence reports something signed (memoranda, minutes, agreements, plans). */
export function reportsSigning(sentence: string): boolean {
  return SIGNING_ZH.test(sentence) || SIGNING.test(fold(sentence));
}

export function startsWithPronoun(sentence: string): boolean {
  return PRONOUN_START.test(fold(sentence.trim()));
}

/** Whether a text names one of the spellings (folded; Chinese as written). */
export function namesAny(text: string, spellings: string[]): boolean {
  const folded = fold(text);
  return spellings.some((spelling) =>
    /\p{Script=Han}/u.test(spelling) ? text.includes(spelling) : containsWord(folded, fold(spelling)),
  );
}

function containsWord(folded: string, word: string): boolean {
  if (!word) return false;
  let at = folded.indexOf(word);
  while (at >= 0) {
    const before = folded[at - 1];
    const after = folded[at + word.length];
    if ((!before || !/[\p{L}\p{N}]/u.test(before)) && (!after || !/[\p{L}\p{N}]/u.test(after))) return true;
    at = folded.indexOf(word, at + 1);
  }
  return false;
}

export interface NamedPerson {
  name: string;
  /** The apposition after the name, up to the next person or the end of the sentence. */
  role: string;
}

/** People named in a sentence, each with the words describing them ("membre du Comité…, secrétaire du…"). */
export function peopleIn(sentence: string, otherNames: string[] = []): NamedPerson[] {
  const found: { name: string; start: number; end: number }[] = [];
  for (const match of sentence.matchAll(NAME)) {
    let start = match.index;
    const end = start + match[0].length;
    // "à Ha Long Chen Gang": a place name glued before a person's name is not part of it.
    const glued = otherNames.find((name) => match[0].startsWith(`${name} `));
    if (glued) start += glued.length + 1;
    const before = fold(sentence.slice(Math.max(0, start - 12), start));
    if (OFFICE_AFTER.test(fold(sentence.slice(end, end + 30))) || TITLE_BEFORE.test(before)) {
      found.push({ name: sentence.slice(start, end), start, end });
    }
  }
  return found.map((person, index) => ({
    name: person.name,
    role: sentence.slice(person.end, found[index + 1]?.start ?? sentence.length),
  }));
}

/** Place names in a sentence: a known name (from the alias table) right after a marker of place. */
export function placesIn(sentence: string, knownNames: string[]): string[] {
  const places: string[] = [];
  const folded = fold(sentence);
  for (const name of knownNames) {
    const target = fold(name);
    if (!target || /\p{Script=Han}/u.test(name)) {
      const at = sentence.indexOf(name);
      if (at > 0 && PLACE_MARKERS[1]!.test(sentence.slice(0, at))) places.push(name);
      continue;
    }
    let at = folded.indexOf(target);
    while (at >= 0) {
      if (PLACE_MARKERS[0]!.test(folded.slice(Math.max(0, at - 30), at))) {
        places.push(name);
        break;
      }
      at = folded.indexOf(target, at + 1);
    }
  }
  return places;
}

/**
 * Which side made a proposal. The person named last before the verb is its subject: the counterpart's
 * when their description names the subject ("Tran Cuong, secrétaire … du Guangxi"), else ours. With no
 * person named, the counterpart when the words before the verb name the subject ("Le secrétaire … du
 * Guangxi a suggéré"); null otherwise (a pronoun then takes the side of the sentence before). When no
 * person comes before the verb, a person right after it is the subject (Swedish puts the verb second:
 * "För att … föreslog kamrat Vu Dai Thang att …").
 */
export function proposalSide(
  beforeVerb: string,
  subjectSpellings: string[],
  counterpartPeople: Set<string>,
  ourPeople: Set<string>,
  afterVerb = '',
): ProposalSide | null {
  const person = (text: string, pick: 'last' | 'first') => {
    const folded = fold(text);
    let found: { at: number; side: ProposalSide } | null = null;
    for (const [people, side] of [
      [counterpartPeople, 'counterpart'],
      [ourPeople, 'ours'],
    ] as const) {
      for (const name of people) {
        const at = pick === 'last' ? folded.lastIndexOf(fold(name)) : folded.indexOf(fold(name));
        if (at < 0 || !containsWord(folded, fold(name))) continue;
        if (!found || (pick === 'last' ? at > found.at : at < found.at)) found = { at, side };
      }
    }
    return found?.side ?? null;
  };
  const subject = person(beforeVerb, 'last') ?? person(afterVerb.slice(0, INVERTED_SUBJECT_CHARS), 'first');
  if (subject) return subject;
  return namesAny(beforeVerb, subjectSpellings) ? 'counterpart' : null;
}

/** How far after the verb an inverted subject is looked for. */
const INVERTED_SUBJECT_CHARS = 60;
