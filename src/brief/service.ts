import { type Passage, verifyCitations } from '../answer/citations.ts';
import { foldAliasGroups } from '../answer/evidence.ts';
import { formatSources, languageName, newNonce } from '../answer/generate.ts';
import { type Commitment, listCommitments } from '../commitments/service.ts';
import type { AppContext } from '../context.ts';
import { documentContents } from '../db/documents.ts';
import { selectUnansweredQuestions } from '../db/unanswered-questions.ts';
import { type ChatClient, ChatUnavailableError, createChatClient } from '../llm/chat.ts';
import { loadPrompt, runPrompt } from '../llm/prompts.ts';
import { listAliasGroups } from '../search/aliases.ts';
import { expandAliases, type SearchHit, search } from '../search/index.ts';
import { bodySentences } from '../text/boilerplate.ts';
import { detectLanguage } from '../text/language.ts';
import { labelsFor, type SectionKind } from './labels.ts';
import {
  namesAny,
  type ProposalSide,
  peopleIn,
  placesIn,
  proposalSide,
  proposalVerbAt,
  reportsSigning,
  startsWithPronoun,
} from './rules.ts';

/** A quoted passage a brief line rests on: an exact substring of the document's content. */
export interface BriefCitation {
  n: number;
  documentId: number;
  title: string;
  sourceUri: string;
  language: string;
  publishedOn: string | null;
  quote: string;
  startChar: number;
  endChar: number;
}

/** One line of a brief: it carries citations, a commitment id or a logged question id, never nothing. */
export interface BriefLine {
  text: string;
  citations: number[];
  commitmentId?: number;
  /** Commitment lines: their owners, and "overdue 2026-11-20" / "due …" in the brief's language. */
  owners?: string[];
  due?: string;
  questionId?: number;
  overdue?: boolean;
  /** Names the line states (place, participants) that its quotes must contain. */
  names?: string[];
  /** Written by the model and kept by verifyCitations (its claims checked against the cited passages). */
  fromModel?: boolean;
}

export interface BriefSection {
  kind: SectionKind;
  heading: string;
  lines: BriefLine[];
}

export interface Brief {
  subject: string;
  language: string;
  title: string;
  sections: BriefSection[];
  citations: BriefCitation[];
  /** Shown when no section has anything verified. */
  empty: string | null;
  /** rules: offline classification of retrieved sentences; llm: prompts/brief.md, verified. */
  mode: 'rules' | 'llm';
  /** Version of prompts/brief.md with a model, else null. */
  promptVersion: string | null;
}

export interface BriefOptions {
  /** YYYY-MM-DD: meetings and questions from this date on. */
  since?: string;
  /** Language of the headings (the asker's); default: detected from `request`, else English. */
  language?: string;
  /** The words the asker used ("brief me on Guangxi"), to detect their language. */
  request?: string;
  /** Today in the asker's zone, YYYY-MM-DD (what is overdue). */
  today: string;
  /**
   * Who asks from which conversation: documents, commitments and questions visible there only.
   * Unset: the CLI on the server, which sees all commitments and questions (and public documents).
   */
  viewer?: { userId: string; channelId: string | null };
  /**
   * The brief is posted for the whole conversation (a mention), not shown to the asker alone: the
   * asker's own commitments private to other conversations are left out.
   */
  postedInConversation?: boolean;
}

const RETRIEVED_CHUNKS = 40;
const CHUNKS_PER_DOCUMENT = 8;
const MAX_PER_SECTION = 12;

interface Sentence {
  documentId: number;
  text: string;
  start: number;
  end: number;
}

/** Builds the dossier on a counterpart or topic from retrieved sentences, commitments and the question log. */
export async function composeBrief(ctx: AppContext, subject: string, options: BriefOptions): Promise<Brief> {
  const pool = ctx.db.pool;
  const language = briefLanguage(options.language, options.request ?? '', subject);
  const labels = labelsFor(language);
  const spellings = [...new Set([subject, ...(await expandAliases(pool, subject))])];
  const hits = await search(ctx, subject, {
    k: RETRIEVED_CHUNKS,
    perDocument: CHUNKS_PER_DOCUMENT,
    channelId: options.viewer?.channelId ?? null,
    from: options.since,
    preferLanguage: language,
  });
  const contents = await documentContents(pool, [...new Set(hits.map((hit) => hit.documentId))]);
  const documents = documentsAbout(hits, contents, spellings);
  const citations = new CitationBook(contents);
  const knownNames = (await allAliasSpellings(ctx)).filter((name) => !spellings.includes(name));

  const chat = createChatClient(ctx.config);
  const ruled = ruleSections(documents, spellings, knownNames, citations);
  let found: FoundSections = ruled;
  let promptVersion: string | null = null;
  if (chat && documents.length > 0) {
    try {
      const passages = passagesForModel(documents, ruled, citations);
      ({ found, promptVersion } = await modelSections(ctx, chat, { subject, language, passages, citations }));
    } catch (error) {
      if (!(error instanceof ChatUnavailableError)) throw error;
      // The brief is still useful without the model: the offline rules take over, and the log says why.
      ctx.logger.warn({ err: error, subject }, 'brief: the model is unavailable, using the offline rules');
    }
  }

  const commitments = await openCommitmentsAbout(ctx, spellings, options);
  const questions = await openQuestionsAbout(ctx, spellings, options);
  const sections: BriefSection[] = [];
  const add = (kind: SectionKind, lines: BriefLine[]) => {
    const kept = lines.slice(0, MAX_PER_SECTION);
    if (kept.length > 0) sections.push({ kind, heading: labels.sections[kind], lines: kept });
  };
  add('timeline', found.timeline);
  add('proposals_counterpart', dedupeLines(found.proposals_counterpart));
  add('proposals_ours', dedupeLines(found.proposals_ours));
  add('agreements', dedupeLines(found.agreements));
  add(
    'commitments',
    commitments.map((commitment) => commitmentLine(commitment, options.today, labels)),
  );
  add(
    'open_questions',
    questions.map((question) => ({
      text: `${question.question} (${labels.asked} ${question.createdAt.toISOString().slice(0, 10)})`,
      citations: [],
      questionId: question.id,
    })),
  );
  const draft: Brief = {
    subject,
    language,
    title: labels.title(subject),
    sections,
    citations: citations.all(),
    empty: null,
    mode: promptVersion ? 'llm' : 'rules',
    promptVersion,
  };
  return renumberCitations(verifyBrief(draft, contents));
}

type CitedKind = 'timeline' | 'proposals_counterpart' | 'proposals_ours' | 'agreements';
type FoundSections = Record<CitedKind, BriefLine[]>;

/** Offline: meetings, proposals by side and agreements from the retrieved sentences, by rules. */
function ruleSections(
  documents: RetrievedDocument[],
  spellings: string[],
  knownNames: string[],
  citations: CitationBook,
): FoundSections {
  const timeline: (BriefLine & { date: string })[] = [];
  const proposals: Record<ProposalSide, BriefLine[]> = { counterpart: [], ours: [] };
  const agreements: BriefLine[] = [];
  for (const document of documents) {
    const people = sidesOfPeople(document.sentences, spellings, knownNames);
    const meeting = meetingLine(document, knownNames, citations);
    if (meeting) timeline.push(meeting);
    let previousSide: ProposalSide | null = null;
    for (const sentence of document.sentences) {
      const verbAt = proposalVerbAt(sentence.text);
      if (verbAt !== null) {
        const named = proposalSide(
          sentence.text.slice(0, verbAt),
          spellings,
          people.counterpart,
          people.ours,
          sentence.text.slice(verbAt),
        );
        const side: ProposalSide | null = named ?? (startsWithPronoun(sentence.text) ? previousSide : null);
        previousSide = side;
        if (side) proposals[side].push(quotedLine(sentence, document.hit, citations));
        continue;
      }
      if (reportsSigning(sentence.text)) agreements.push(quotedLine(sentence, document.hit, citations));
    }
  }
  timeline.sort((a, b) => b.date.localeCompare(a.date));

  return {
    timeline,
    proposals_counterpart: proposals.counterpart,
    proposals_ours: proposals.ours,
    agreements,
  };
}

const MODEL_PASSAGES = 12;
const CITED_KINDS: CitedKind[] = ['timeline', 'proposals_counterpart', 'proposals_ours', 'agreements'];

/**
 * The chunks the model reads: first those holding what the rules found (meetings, proposals, signings),
 * then the best-ranked others, at most MODEL_PASSAGES in retrieval order.
 */
function passagesForModel(
  documents: RetrievedDocument[],
  ruled: FoundSections,
  citations: CitationBook,
): Passage[] {
  const byNumber = new Map(citations.all().map((citation) => [citation.n, citation]));
  const found = Object.values(ruled)
    .flat()
    .flatMap((line) => line.citations.map((n) => byNumber.get(n)!));
  const hits = documents.flatMap((document) => document.hits).sort((a, b) => b.score - a.score);
  const holds = (hit: SearchHit) =>
    found.some(
      (citation) =>
        citation.documentId === hit.documentId &&
        citation.startChar >= hit.startChar &&
        citation.endChar <= hit.endChar,
    );
  return [...hits.filter(holds), ...hits.filter((hit) => !holds(hit))].slice(0, MODEL_PASSAGES);
}

/**
 * With a model: prompts/brief.md writes the cited sections from the best retrieved passages; each line
 * goes through the answers' citation verification (verifyCitations), and only supported lines, with
 * exact quotes of their passages, are kept.
 */
async function modelSections(
  ctx: AppContext,
  chat: ChatClient,
  input: { subject: string; language: string; passages: Passage[]; citations: CitationBook },
): Promise<{ found: FoundSections; promptVersion: string }> {
  const prompt = await loadPrompt('brief');
  const { passages } = input;
  const nonce = newNonce();
  const reply = await runPrompt(chat, prompt, {
    nonce,
    subject: input.subject,
    language_name: languageName(input.language),
    sources: formatSources(passages, nonce),
  });
  const aliases = foldAliasGroups((await listAliasGroups(ctx.db.pool)).map((group) => group.aliases));
  const found: FoundSections = {
    timeline: [],
    proposals_counterpart: [],
    proposals_ours: [],
    agreements: [],
  };
  let kind: CitedKind | null = null;
  let dropped = 0;
  for (const raw of reply.split('\n')) {
    const header = /^\s*#{1,3}\s*([a-z_]+)\s*$/i.exec(raw);
    if (header) {
      const named = header[1]!.toLowerCase() as CitedKind;
      kind = CITED_KINDS.includes(named) ? named : null;
      continue;
    }
    const item = /^\s*[-*•]\s+(.+)$/.exec(raw);
    if (!kind || !item) continue;
    const verified = verifyCitations(item[1]!, passages, { aliases, answerLanguage: input.language });
    dropped += verified.dropped.length;
    if (verified.citations.length === 0) continue;
    found[kind].push({
      text: verified.answer.replace(/\s*\[\d+\]/g, '').trim(),
      citations: verified.citations.map((citation) =>
        input.citations.cite(
          { documentId: citation.passage.documentId, start: citation.startChar, end: citation.endChar },
          citation.passage,
        ),
      ),
      fromModel: true,
    });
  }
  ctx.logger.info({ promptVersion: prompt.version, dropped }, 'brief written by the model and verified');
  return { found, promptVersion: prompt.version };
}

/**
 * The asker's language: as given, else detected from the words of the request around the subject
 * ("fais-moi un dossier sur" → fr). The subject alone says nothing about the asker: "Quảng Tây" is a
 * Vietnamese name whoever types it. English when nothing tells.
 */
function briefLanguage(requested: string | undefined, request: string, subject: string): string {
  if (requested) return requested;
  const words = request.replace(subject, ' ').trim();
  const detected = words ? detectLanguage(words) : 'und';
  return detected === 'und' ? 'en' : detected;
}

/** Every spelling of every alias group: the names places and people are recognised by. */
async function allAliasSpellings(ctx: AppContext): Promise<string[]> {
  return (await listAliasGroups(ctx.db.pool)).flatMap((group) => group.aliases);
}

interface RetrievedDocument {
  hit: SearchHit;
  /** Every retrieved chunk of the document, best first. */
  hits: SearchHit[];
  date: string;
  sentences: Sentence[];
}

/** The retrieved documents that name the subject, with their body sentences from the retrieved chunks. */
function documentsAbout(
  hits: SearchHit[],
  contents: Map<number, string>,
  spellings: string[],
): RetrievedDocument[] {
  const byDocument = new Map<number, RetrievedDocument>();
  const seen = new Set<string>();
  for (const hit of hits) {
    const content = contents.get(hit.documentId);
    if (!content || !namesAny(content, spellings)) continue;
    let document = byDocument.get(hit.documentId);
    if (!document) {
      document = { hit, hits: [], date: hit.publishedOn ?? '', sentences: [] };
      byDocument.set(hit.documentId, document);
    }
    document.hits.push(hit);
    for (const span of bodySentences(hit.text)) {
      const start = hit.startChar + span.start;
      const key = `${hit.documentId}:${start}`;
      if (seen.has(key)) continue;
      seen.add(key);
      document.sentences.push({
        documentId: hit.documentId,
        text: span.text,
        start,
        end: hit.startChar + span.end,
      });
    }
  }
  for (const document of byDocument.values()) document.sentences.sort((a, b) => a.start - b.start);
  return [...byDocument.values()];
}

/** People of a document on each side: the counterpart's are those whose description names the subject. */
function sidesOfPeople(sentences: Sentence[], spellings: string[], knownNames: string[]) {
  const counterpart = new Set<string>();
  const described = new Set<string>();
  for (const sentence of sentences) {
    for (const person of peopleIn(sentence.text, knownNames)) {
      described.add(person.name);
      if (namesAny(person.role, spellings)) counterpart.add(person.name);
    }
  }
  const ours = new Set([...described].filter((name) => !counterpart.has(name)));
  return { counterpart, ours };
}

/**
 * The meeting a document reports: date, place (from the sentence naming it) and participants (from the
 * sentence naming most of them, often the same one); each sentence used is cited.
 */
function meetingLine(
  document: RetrievedDocument,
  knownNames: string[],
  citations: CitationBook,
): (BriefLine & { date: string }) | null {
  let place: { sentence: Sentence; name: string } | null = null;
  let people: { sentence: Sentence; names: string[] } | null = null;
  for (const sentence of document.sentences) {
    const places = placesIn(sentence.text, knownNames);
    if (!place && places[0]) place = { sentence, name: places[0] };
    const names = [...new Set(peopleIn(sentence.text, knownNames).map((person) => person.name))];
    if (names.length > (people?.names.length ?? 0)) people = { sentence, names };
  }
  if (!place && !people) return null;
  const parts = [document.date || document.hit.title, place?.name, people?.names.join(', ')].filter(Boolean);
  const cited = [
    ...new Set([place?.sentence, people?.sentence].filter((sentence) => sentence !== undefined)),
  ];
  return {
    date: document.date,
    text: parts.join(' · '),
    citations: cited.map((sentence) => citations.cite(sentence, document.hit)),
    names: [...(place ? [place.name] : []), ...(people?.names ?? [])],
  };
}

function quotedLine(sentence: Sentence, hit: SearchHit, citations: CitationBook): BriefLine {
  return { text: sentence.text, citations: [citations.cite(sentence, hit)] };
}

/** The same sentence in two documents (a reprint) is listed once. */
function dedupeLines(lines: BriefLine[]): BriefLine[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = line.text.replace(/\s+/g, ' ').trim();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function openCommitmentsAbout(
  ctx: AppContext,
  spellings: string[],
  options: BriefOptions,
): Promise<Commitment[]> {
  const open = await listCommitments(ctx, {
    status: 'all_open',
    today: options.today,
    visibleTo: options.viewer,
  });
  const channelId = options.viewer?.channelId ?? null;
  return open.filter(
    (commitment) =>
      namesAny(commitment.title, spellings) &&
      (!options.postedInConversation ||
        commitment.visibility === 'public' ||
        commitment.channelId === channelId),
  );
}

function commitmentLine(
  commitment: Commitment,
  today: string,
  labels: ReturnType<typeof labelsFor>,
): BriefLine {
  const overdue = commitment.dueOn !== null && commitment.dueOn < today;
  const due = commitment.dueOn
    ? `${overdue ? labels.overdue : labels.due} ${commitment.dueOn}`
    : labels.noDue;
  return {
    text: `#${commitment.id} ${commitment.title}`,
    citations: [],
    commitmentId: commitment.id,
    owners: commitment.owners,
    due,
    overdue,
  };
}

async function openQuestionsAbout(ctx: AppContext, spellings: string[], options: BriefOptions) {
  const questions = await selectUnansweredQuestions(ctx.db.pool, {
    allChannels: options.viewer === undefined,
    channelId: options.viewer?.channelId ?? null,
    since: options.since ?? null,
    limit: 500,
  });
  const seen = new Set<string>();
  return questions.filter((question) => {
    const key = question.question.trim().toLowerCase();
    if (seen.has(key) || !namesAny(question.question, spellings)) return false;
    seen.add(key);
    return true;
  });
}

/** Numbers the quoted passages in order of first use; one number per distinct passage. */
class CitationBook {
  private readonly pending = new Map<string, BriefCitation>();
  private readonly contents: Map<number, string>;
  constructor(contents: Map<number, string>) {
    this.contents = contents;
  }

  cite(
    sentence: Pick<Sentence, 'documentId' | 'start' | 'end'>,
    hit: Pick<SearchHit, 'title' | 'sourceUri' | 'language' | 'publishedOn'>,
  ): number {
    const key = `${sentence.documentId}:${sentence.start}:${sentence.end}`;
    const existing = this.pending.get(key);
    if (existing) return existing.n;
    const content = this.contents.get(sentence.documentId) ?? '';
    const citation: BriefCitation = {
      n: this.pending.size + 1,
      documentId: sentence.documentId,
      title: hit.title,
      sourceUri: hit.sourceUri,
      language: hit.language,
      publishedOn: hit.publishedOn,
      quote: content.slice(sentence.start, sentence.end),
      startChar: sentence.start,
      endChar: sentence.end,
    };
    this.pending.set(key, citation);
    return citation.n;
  }

  all(): BriefCitation[] {
    return [...this.pending.values()];
  }
}

/** Renumbers the citations 1, 2, 3… in reading order, dropping those no line uses. */
export function renumberCitations(brief: Brief): Brief {
  const renumber = new Map<number, number>();
  for (const section of brief.sections) {
    for (const line of section.lines) {
      for (const n of line.citations) if (!renumber.has(n)) renumber.set(n, renumber.size + 1);
    }
  }
  const citations = brief.citations
    .filter((citation) => renumber.has(citation.n))
    .map((citation) => ({ ...citation, n: renumber.get(citation.n)! }))
    .sort((a, b) => a.n - b.n);
  const sections = brief.sections.map((section) => ({
    ...section,
    lines: section.lines.map((line) => ({ ...line, citations: line.citations.map((n) => renumber.get(n)!) })),
  }));
  return { ...brief, sections, citations };
}

/**
 * The last gate before anyone sees a brief: each citation's quote must be the document's text at its
 * offsets, each quoted line must be its quote, and each meeting line's names must be in its quote. A
 * line that fails is dropped, a section left empty is omitted, and so is a line with nothing to show.
 */
export function verifyBrief(brief: Brief, contents: Map<number, string>): Brief {
  const valid = new Map(
    brief.citations
      .filter(
        (citation) =>
          contents.get(citation.documentId)?.slice(citation.startChar, citation.endChar) === citation.quote,
      )
      .map((citation) => [citation.n, citation]),
  );
  const supported = (line: BriefLine, kind: SectionKind): boolean => {
    if (kind === 'commitments') return line.commitmentId !== undefined;
    if (kind === 'open_questions') return line.questionId !== undefined;
    if (line.citations.length === 0 || !line.citations.every((n) => valid.has(n))) return false;
    // A model's line was checked claim by claim by verifyCitations; its quotes were just checked above.
    if (line.fromModel) return true;
    const quotes = line.citations.map((n) => valid.get(n)!.quote);
    if (kind === 'timeline')
      return (line.names ?? []).every((name) => quotes.some((quote) => quote.includes(name)));
    return quotes.some((quote) => quote.replace(/\s+/g, ' ').includes(line.text.replace(/\s+/g, ' ')));
  };
  const sections = brief.sections
    .map((section) => ({ ...section, lines: section.lines.filter((line) => supported(line, section.kind)) }))
    .filter((section) => section.lines.length > 0);
  const used = new Set(sections.flatMap((section) => section.lines.flatMap((line) => line.citations)));
  return {
    ...brief,
    sections,
    citations: brief.citations.filter((citation) => used.has(citation.n)),
    empty: sections.length === 0 ? labelsFor(brief.language).nothing(brief.subject) : null,
  };
}
