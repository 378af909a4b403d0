// Answer-quality evaluation: `npm run eval [-- --set dev|sample|all] [--model offline|oracle|liar|env] [--verbose] [--only ID,…] [--json OUT]`.
// Ingests a corpus into a fresh embedded database, asks every question of the set and prints recall@5,
// answered-when-answerable, abstention, citation precision and fact recall, overall and by question kind.
// --model offline: no language model (extractive answers; the default, as the product runs with no key).
// --model oracle / liar: a fake OpenAI-compatible server that answers with the set's expected facts
//   (oracle) or with a wrong value taken from the passage it cites (liar), to measure citation
//   verification: true answers dropped, lies shown to users.
// --model env: the endpoint of OPENAI_API_KEY / OPENAI_BASE_URL / OPENAI_CHAT_MODEL.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseCitedSentences } from '../src/answer/citations.ts';
import { answerQuestion } from '../src/answer/index.ts';
import { profileQuestion } from '../src/answer/relevance.ts';
import { supportingSentence } from '../src/answer/support.ts';
import { parseConfig, readTestEnv } from '../src/config.ts';
import { openAppContext } from '../src/context.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { search } from '../src/search/index.ts';
import { fold } from '../src/text/fold.ts';
import { glossaryTerm, hanNames } from '../src/text/gloss.ts';
import { contentTerms, numbersIn, sameNumber } from '../src/text/words.ts';
import { type ChatRequestBody, FakeOpenAI } from '../test/fakes/openai.ts';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

interface EvalQuestion {
  id: string;
  question: string;
  language: string;
  answer_facts: string[];
  fact_variants?: string[][];
  sources: string[];
  evidence: string[];
  type: string;
  answer_type?: string;
  tags?: string[];
}

interface CorpusEntry {
  file: string;
  language: string;
}

interface EvalSet {
  name: string;
  corpus: string;
  questions: string;
  manifest: string | null;
}

const SETS: Record<string, EvalSet> = {
  dev: {
    name: 'dev',
    corpus: path.join(root, 'eval/corpus'),
    questions: path.join(root, 'eval/questions.jsonl'),
    manifest: path.join(root, 'eval/corpus.jsonl'),
  },
  sample: {
    name: 'sample',
    corpus: path.join(root, 'samples/minutes'),
    questions: path.join(root, 'eval/sample/questions.jsonl'),
    manifest: path.join(root, 'eval/sample/corpus.jsonl'),
  },
};

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'all' },
    model: { type: 'string', default: 'offline' },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    /** Only these question ids (comma-separated), to look at a few closely. */
    only: { type: 'string' },
    sweep: { type: 'boolean', default: false },
  },
});
const model = values.model!;
if (!['offline', 'oracle', 'liar', 'env'].includes(model) || !['dev', 'sample', 'all'].includes(values.set!)) {
  process.stderr.write(
    'usage: npm run eval -- [--set dev|sample|all] [--model offline|oracle|liar|env] [--sweep] [--verbose] [--only ID,…] [--json OUT]\n',
  );
  process.exit(2);
}

async function readJsonl<T>(file: string): Promise<T[]> {
  return (await readFile(file, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Folded, spaces squeezed (none around a dash: "2023 - 2027" is "2023-2027"): the form facts and answers are compared in. */
function norm(text: string): string {
  return fold(text)
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .replace(/ ?([-–—]) ?/g, '$1');
}

/**
 * A fact is found when one of its verbatim variants is in the text (folded), or, for a fact without
 * variants, when every number in it and at least half of its content words are.
 */
function factFound(fact: string, variants: string[] | undefined, text: string): boolean {
  const haystack = norm(text);
  if (variants?.some((variant) => variant.trim() && haystack.includes(norm(variant)))) return true;
  if (haystack.includes(norm(fact))) return true;
  const numbers = numbersIn(text);
  if (!numbersIn(fact).every((value) => numbers.some((other) => sameNumber(value, other)))) return false;
  const words = contentTerms(fact);
  const present = new Set(contentTerms(text));
  return words.length > 0 && words.filter((word) => present.has(word)).length * 2 >= words.length;
}

/** The categories a question is counted in. */
function kinds(item: EvalQuestion, languages: Map<string, string>): string[] {
  const tags = new Set(item.tags ?? []);
  if (item.type === 'unanswerable') return ['unanswerable'];
  const sourceLanguages = item.sources.map((source) => languages.get(source)).filter(Boolean);
  const crossLingual =
    tags.has('cross_lingual') ||
    (sourceLanguages.length > 0 && !sourceLanguages.includes(item.language));
  const out = [crossLingual ? 'cross_lingual' : 'monolingual'];
  if (tags.has('alias') || item.type === 'alias') out.push('alias');
  if (tags.has('multi_doc') || item.type === 'multi_doc') out.push('multi_doc');
  return out;
}

/** Replies of the fake model for one question (oracle or liar), from the passages in the prompt. */
interface Script {
  item: EvalQuestion | null;
  lie: string | null;
  /** The oracle gave a cited answer (the evidence was among the passages it was shown). */
  told: boolean;
  /** The fake model's last reply (shown with --verbose). */
  reply: string;
  /** The passages of the fake model's last prompt, with their language (for --verbose diagnostics). */
  passages: { n: number; text: string; language: string }[];
  /** The texts of the question's source documents (what the oracle may cite). */
  sourceTexts: string[];
}

function passagesOf(body: ChatRequestBody): { n: number; text: string; language: string }[] {
  const user = body.messages.at(-1)?.content ?? '';
  const passages: { n: number; text: string; language: string }[] = [];
  for (const match of user.matchAll(/<source \w+ n="(\d+)"([^>]*)>\n([\s\S]*?)\n<\/source \w+>/g)) {
    const language = /language="([^"]+)"/.exec(match[2]!)?.[1] ?? 'und';
    passages.push({ n: Number(match[1]), text: match[3]!, language });
  }
  return passages;
}

function holds(passage: string, needle: string): boolean {
  return needle.trim().length > 0 && norm(passage).includes(norm(needle));
}

/**
 * A perfect model's reply: each fact cited to a passage of one of the question's sources that states it
 * — first one holding an evidence passage that carries the fact, else one holding a verbatim variant and
 * the fact's numbers and half its words.
 * Passages of other documents are never cited (a short variant such as "2016" or "Nanning" is in many).
 */
function oracleReply(item: EvalQuestion, passages: { n: number; text: string }[], sourceTexts: string[]): string {
  if (item.answer_facts.length === 0) return 'NOT_FOUND';
  // Letters and digits only: chunking normalises spaces and punctuation.
  const key = (text: string) => fold(text).replace(/[^\p{L}\p{N}]+/gu, '');
  const sources = sourceTexts.map(key);
  const right = passages.filter((passage) => sources.some((text) => text.includes(key(passage.text).slice(0, 150))));
  const sentences: string[] = [];
  item.answer_facts.forEach((fact, index) => {
    const variants = item.fact_variants?.[index] ?? [];
    const cited =
      right.find((passage) =>
        item.evidence.some((evidence) => holds(passage.text, evidence) && factFound(fact, variants, evidence)),
      ) ??
      right.find(
        (passage) =>
          variants.some((variant) => holds(passage.text, variant)) && factFound(fact, undefined, passage.text),
      );
    if (cited) sentences.push(`${fact} [${cited.n}].`);
  });
  return sentences.length === 0 ? 'NOT_FOUND' : sentences.join(' ');
}

/**
 * A wrong value of the asked kind taken from the passage that holds the evidence (or the first one):
 * a number for how many / how much, a date or year for when, a place for where, a person's name for
 * who, else any of these — the lie a model makes when it reads the right passage wrongly.
 */
function lieFor(item: EvalQuestion, passages: { n: number; text: string }[]): { reply: string; lie: string } | null {
  const cited =
    passages.find((passage) => item.evidence.some((evidence) => holds(passage.text, evidence))) ?? passages[0];
  if (!cited) return null;
  const truth = [...item.answer_facts, ...(item.fact_variants ?? []).flat()].map(norm);
  const question = norm(item.question);
  const wrong = (value: string) =>
    !truth.some((fact) => fact.includes(norm(value)) || norm(value).includes(fact)) && !question.includes(norm(value));
  const text = cited.text;
  const numbers = [...text.matchAll(/(?<![\d.,])\d[\d.,]*\d|(?<![\d.,])\d(?![\d.,])/g)]
    .map((match) => match[0])
    .filter((value) => !/^(19|20)\d\d$/.test(value));
  const years = [...text.matchAll(/(?<!\d)(?:19|20)\d\d(?!\d)/g)].map((match) => match[0]);
  const capitalised = [...text.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}\p{M}]+(?:[ -]\p{Lu}[\p{L}\p{M}]+)+/gu)].map(
    (match) => match[0],
  );
  const places = capitalised.filter((name) => glossaryTerm(name)?.place);
  const people = [...capitalised.filter((name) => !glossaryTerm(name)), ...hanNames(text)];
  const pools: Record<string, string[]> = {
    how_many: numbers,
    how_much: numbers,
    when: years,
    where: places,
    who: people,
  };
  const pool = (pools[item.answer_type ?? ''] ?? [...people, ...places, ...numbers]).filter(wrong);
  if (pool.length === 0) return null;
  let hash = 0;
  for (const char of item.id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const lie = pool[hash % pool.length]!;
  return { reply: `${lie} [${cited.n}].`, lie };
}

async function startFakeModel(script: Script): Promise<FakeOpenAI | null> {
  if (model !== 'oracle' && model !== 'liar') return null;
  const fake = new FakeOpenAI();
  fake.chatReply = (body) => {
    const item = script.item;
    if (!item) return 'NOT_FOUND';
    const passages = passagesOf(body);
    script.passages = passages;
    if (model === 'oracle') {
      const reply = oracleReply(item, passages, script.sourceTexts);
      script.told = reply !== 'NOT_FOUND';
      script.reply = reply;
      return reply;
    }
    const lie = item.answer_facts.length > 0 ? lieFor(item, passages) : null;
    script.lie = lie?.lie ?? null;
    script.reply = lie?.reply ?? 'NOT_FOUND';
    return script.reply;
  };
  await fake.start();
  return fake;
}

interface Row {
  id: string;
  kinds: string[];
  answerable: boolean;
  recall5: number | null;
  answered: boolean;
  citationPrecision: number | null;
  factRecall: number | null;
  lieTold: boolean;
  lieShown: boolean;
  /** Oracle: a true cited answer was given, and whether verification then dropped it all. */
  truthTold: boolean;
  truthDropped: boolean;
  /** The fake model's reply, if any. */
  reply: string;
  /** Offline: the answer's coverage score (see --sweep). */
  confidence: number | null;
  /** --verbose: why verification rejected the evidence sentences (truth dropped) or which sentence let a lie through. */
  why: string[];
  answer: string;
}

async function evaluate(set: EvalSet, script: Script, fake: FakeOpenAI | null): Promise<Row[]> {
  const only = values.only ? new Set(values.only.split(',').map((id) => id.trim())) : null;
  const questions = (await readJsonl<EvalQuestion>(set.questions)).filter((item) => !only || only.has(item.id));
  const manifest = set.manifest ? await readJsonl<CorpusEntry>(set.manifest).catch(() => []) : [];
  const languages = new Map(manifest.map((entry) => [entry.file, entry.language]));
  const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-eval-'));
  const env: Record<string, string> = { MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent', EMBEDDER: 'local' };
  if (fake) Object.assign(env, { OPENAI_API_KEY: 'eval', OPENAI_BASE_URL: fake.baseURL });
  if (model === 'env') {
    for (const name of ['OPENAI_API_KEY', 'OPENAI_BASE_URL', 'OPENAI_CHAT_MODEL', 'EMBEDDER'] as const) {
      const value = readTestEnv(name);
      if (value) env[name] = value;
    }
  }
  const ctx = await openAppContext(parseConfig(env));
  const rows: Row[] = [];
  try {
    await prepareDatabase(ctx.db.pool);
    await ingestInputs(ctx, [set.corpus]);
    for (const item of questions) {
      script.item = item;
      script.sourceTexts = await Promise.all(
        item.sources.map((source) => readFile(path.join(set.corpus, source), 'utf8').catch(() => '')),
      );
      script.lie = null;
      script.told = false;
      script.reply = '';
      script.passages = [];
      const hits = await search(ctx, item.question, { k: 5 });
      const top = new Set(hits.map((hit) => path.basename(hit.sourceUri)));
      const answerable = item.answer_facts.length > 0;
      // --sweep: answer whenever a sentence qualifies, and let the threshold decide afterwards.
      const result = await answerQuestion(ctx, item.question, values.sweep ? { minCoverage: 0 } : {});
      const cited = result.citations.map((citation) => path.basename(citation.source_uri));
      const shown = [result.answer, ...result.citations.map((citation) => citation.quote)].join('\n');
      const facts = item.answer_facts.map((fact, index) => factFound(fact, item.fact_variants?.[index], shown));
      const lieTold = script.lie !== null;
      rows.push({
        id: item.id,
        kinds: kinds(item, languages),
        answerable,
        recall5: answerable ? (item.sources.some((source) => top.has(source)) ? 1 : 0) : null,
        answered: !result.abstained,
        citationPrecision:
          result.abstained || cited.length === 0
            ? null
            : cited.filter((file) => item.sources.includes(file)).length / cited.length,
        factRecall:
          answerable && !result.abstained ? facts.filter(Boolean).length / facts.length : answerable ? 0 : null,
        lieTold,
        lieShown: lieTold && !result.abstained && norm(result.answer).includes(norm(script.lie!)),
        confidence: result.confidence,
        reply: script.reply,
        truthTold: script.told,
        truthDropped: script.told && result.abstained,
        answer: result.answer.replace(/\s+/g, ' ').slice(0, 160),
        why: values.verbose ? explain(item, script, result.abstained, lieTold) : [],
      });
    }
  } finally {
    await ctx.db.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * --verbose diagnostics of the verifier, re-run on the fake model's reply and prompt passages (without
 * the documents' context): for a dropped truth, why each evidence sentence was rejected; for a lie that
 * was shown, the sentence that let it through.
 */
function explain(item: EvalQuestion, script: Script, abstained: boolean, lieTold: boolean): string[] {
  const out: string[] = [];
  const truthDropped = script.told && abstained;
  const lieShown = lieTold && !abstained;
  if (!truthDropped && !lieShown) return out;
  const question = profileQuestion(item.question, item.language);
  for (const claim of parseCitedSentences(script.reply)) {
    for (const n of claim.cited) {
      const passage = script.passages.find((each) => each.n === n);
      if (!passage) continue;
      const span = supportingSentence(claim.text, passage.text, {
        sameLanguage: passage.language === item.language,
        claimLanguage: item.language,
        passageLanguage: passage.language,
        question,
        onReject: (sentence, reason) => {
          if (truthDropped && item.evidence.some((evidence) => holds(sentence, evidence) || holds(evidence, sentence)))
            out.push(`    "${claim.text}" [${n}] ✗ ${reason} :: ${sentence.slice(0, 140)}`);
        },
      });
      if (span && lieShown) out.push(`    "${claim.text}" [${n}] ✓ ${span.text.slice(0, 160)}`);
    }
  }
  return out;
}

/** Whether an answered question was answered right: every citation to a right source, half the facts. */
function correct(row: Row): boolean {
  return row.answerable && row.answered && (row.citationPrecision ?? 0) === 1 && (row.factRecall ?? 0) >= 0.5;
}

/** Answered right and wrong (wrong sources, missing facts, or an answer where there is none) as the threshold moves. */
function sweep(rows: Row[]): string {
  const lines = [
    '| min coverage | answered correctly | answered wrongly | of which unanswerable | abstained (unanswerable) |',
    '|---|---|---|---|---|',
  ];
  const unanswerable = rows.filter((row) => !row.answerable).length;
  for (let step = 0; step <= 10; step++) {
    const threshold = step / 10;
    const answered = rows.filter((row) => row.answered && (row.confidence ?? 0) >= threshold);
    const right = answered.filter(correct).length;
    const wrongUnanswerable = answered.filter((row) => !row.answerable).length;
    lines.push(
      `| ${threshold.toFixed(1)} | ${right} | ${answered.length - right} | ${wrongUnanswerable} | ${unanswerable - wrongUnanswerable}/${unanswerable} |`,
    );
  }
  return lines.join('\n');
}

function mean(list: (number | null)[]): number | null {
  const present = list.filter((value): value is number => value !== null);
  return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
}

function summarise(rows: Row[]) {
  const answerable = rows.filter((row) => row.answerable);
  const unanswerable = rows.filter((row) => !row.answerable);
  const lies = rows.filter((row) => row.lieTold);
  return {
    questions: rows.length,
    recall_at_5: mean(answerable.map((row) => row.recall5)),
    answered_when_answerable: mean(answerable.map((row) => (row.answered ? 1 : 0))),
    abstained_when_unanswerable: mean(unanswerable.map((row) => (row.answered ? 0 : 1))),
    citation_precision: mean(rows.map((row) => row.citationPrecision)),
    fact_recall: mean(answerable.map((row) => row.factRecall)),
    /** Answerable questions answered with every citation right and at least half the facts. */
    answered_correctly: mean(answerable.map((row) => (correct(row) ? 1 : 0))),
    lies_shown: lies.length === 0 ? null : lies.filter((row) => row.lieShown).length / lies.length,
    lies_told: lies.length,
    truths_told: rows.filter((row) => row.truthTold).length,
    truths_dropped:
      rows.filter((row) => row.truthTold).length === 0
        ? null
        : rows.filter((row) => row.truthDropped).length / rows.filter((row) => row.truthTold).length,
  };
}

const cell = (value: number | null) => (value === null ? '–' : value.toFixed(2));
const CATEGORIES = ['all', 'monolingual', 'cross_lingual', 'alias', 'multi_doc', 'unanswerable'];

function table(name: string, rows: Row[]): string {
  const header = `| ${name} (${model}) | n | recall@5 | answered (answerable) | abstained (unanswerable) | citation precision | fact recall | answered correctly |${model === 'liar' ? ' lies shown |' : ''}${model === 'oracle' ? ' true answers dropped |' : ''}`;
  const lines = [header, header.replace(/[^|]+/g, '---')];
  for (const category of CATEGORIES) {
    const selected = category === 'all' ? rows : rows.filter((row) => row.kinds.includes(category));
    if (selected.length === 0) continue;
    const s = summarise(selected);
    lines.push(
      `| ${category} | ${selected.length} | ${cell(s.recall_at_5)} | ${cell(s.answered_when_answerable)} | ${cell(s.abstained_when_unanswerable)} | ${cell(s.citation_precision)} | ${cell(s.fact_recall)} | ${cell(s.answered_correctly)} |${model === 'liar' ? ` ${cell(s.lies_shown)} (${s.lies_told} told) |` : ''}${model === 'oracle' ? ` ${cell(s.truths_dropped)} (${s.truths_told} told) |` : ''}`,
    );
  }
  return lines.join('\n');
}

const script: Script = { item: null, lie: null, told: false, reply: '', passages: [], sourceTexts: [] };
const fake = await startFakeModel(script);
const report: Record<string, unknown> = {};
try {
  const names = values.set === 'all' ? ['dev', 'sample'] : [values.set!];
  for (const name of names) {
    const started = performance.now();
    const rows = await evaluate(SETS[name]!, script, fake);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`\n${table(name, rows)}\n(${rows.length} questions in ${seconds} s)\n`);
    if (values.sweep) process.stdout.write(`\n${sweep(rows)}\n`);
    if (values.verbose) {
      for (const row of rows) {
        process.stdout.write(
          `${row.id.padEnd(6)} ${row.kinds.join(',').padEnd(24)} r@5=${cell(row.recall5)} ${row.answered ? 'ANSWERED' : 'abstained'} cit=${cell(row.citationPrecision)} facts=${cell(row.factRecall)}${row.lieTold ? ` lie=${row.lieShown ? 'SHOWN' : 'stopped'}` : ''}${row.truthTold ? ` truth=${row.truthDropped ? 'DROPPED' : 'kept'}` : ''} | ${row.reply ? `model: ${row.reply.slice(0, 100)} → ` : ''}${row.answer}\n`,
        );
        for (const line of row.why) process.stdout.write(`${line}\n`);
      }
    }
    report[name] = { totals: summarise(rows), questions: rows };
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify({ model, ...report }, null, 2)}\n`);
} finally {
  await fake?.stop();
}
