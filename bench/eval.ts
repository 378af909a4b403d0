// Offline evaluation of answers over a corpus: `node bench/eval.ts --questions FILE.jsonl [--corpus DIR] [--json OUT]`.
// Ingests the corpus into a fresh embedded database, asks every question with no language model
// configured (extractive mode) and prints per-question and overall figures.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Evidence } from '../src/answer/evidence.ts';
import { answerQuestion } from '../src/answer/index.ts';
import { parseConfig } from '../src/config.ts';
import { openAppContext } from '../src/context.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { search } from '../src/search/index.ts';
import { contentTerms, fold, numbersIn } from '../src/text/words.ts';

interface EvalQuestion {
  id: string;
  question: string;
  language: string;
  answer_facts: string[];
  sources: string[];
  evidence: string[];
  type: string;
}

const { values, positionals } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'samples/minutes' },
    questions: { type: 'string' },
    json: { type: 'string' },
  },
  allowPositionals: true,
});
const questionsFile = values.questions ?? positionals[0];
if (!questionsFile) {
  process.stderr.write('usage: node bench/eval.ts --questions FILE.jsonl [--corpus DIR] [--json OUT]\n');
  process.exit(2);
}
const questions = (await readFile(questionsFile, 'utf8'))
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as EvalQuestion);

const dataDir = await mkdtemp(path.join(tmpdir(), 'minutebook-eval-'));
const ctx = await openAppContext(parseConfig({ MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));

/**
 * A fact is found when every number in it appears in the answer or its quotes, and at least half of
 * its content words do (case- and diacritics-insensitive, cognates across languages count).
 */
function factFound(fact: string, text: string): boolean {
  const evidence = new Evidence(text);
  if (!numbersIn(fact).every((value) => evidence.hasNumber(value))) return false;
  const words = contentTerms(fact);
  return words.length === 0 || words.filter((word) => evidence.hasTerm(word)).length * 2 >= words.length;
}

/**
 * A citation is correct when it points at a listed source and its quote holds evidence: one of the
 * evidence passages (folded) is in it, or at least half of an evidence passage's content words are.
 */
function citationCorrect(sourceFile: string, quote: string, item: EvalQuestion): boolean {
  if (!item.sources.includes(sourceFile)) return false;
  if (item.evidence.length === 0) return true;
  const folded = fold(quote);
  const evidence = new Evidence(quote);
  return item.evidence.some((passage) => {
    if (folded.includes(fold(passage))) return true;
    const words = contentTerms(passage);
    return words.filter((word) => evidence.hasTerm(word)).length * 2 >= words.length;
  });
}

try {
  await prepareDatabase(ctx.db.pool);
  const started = performance.now();
  await ingestInputs(ctx, [values.corpus]);
  const ingestMs = performance.now() - started;
  const rows = [];
  for (const item of questions) {
    const hits = await search(ctx, item.question, { k: 20 });
    const topDocuments = [...new Set(hits.map((hit) => path.basename(hit.sourceUri)))].slice(0, 5);
    const recall =
      item.sources.length === 0 ? null : item.sources.some((source) => topDocuments.includes(source)) ? 1 : 0;
    const result = await answerQuestion(ctx, item.question);
    const answered = [result.answer, ...result.citations.map((citation) => citation.quote)].join('\n');
    const facts =
      item.answer_facts.length === 0
        ? null
        : item.answer_facts.filter((fact) => factFound(fact, answered)).length / item.answer_facts.length;
    const citations =
      result.citations.length === 0
        ? null
        : result.citations.filter((citation) =>
            citationCorrect(path.basename(citation.source_uri), citation.quote, item),
          ).length / result.citations.length;
    const abstentionCorrect = result.abstained === (item.type === 'unanswerable');
    rows.push({
      id: item.id,
      type: item.type,
      recall_at_5: recall,
      fact_recall: facts,
      citation_correct: citations,
      abstained: result.abstained,
      abstention_correct: abstentionCorrect,
      latency_ms: result.latencyMs,
    });
  }
  const mean = (list: (number | null)[]) => {
    const present = list.filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((sum, value) => sum + value, 0) / present.length;
  };
  const totals = {
    questions: rows.length,
    recall_at_5: mean(rows.map((row) => row.recall_at_5)),
    fact_recall: mean(rows.map((row) => row.fact_recall)),
    citation_correct: mean(rows.map((row) => row.citation_correct)),
    abstention_accuracy: mean(rows.map((row) => (row.abstention_correct ? 1 : 0))),
    unanswerable_abstained: `${rows.filter((row) => row.type === 'unanswerable' && row.abstained).length}/${rows.filter((row) => row.type === 'unanswerable').length}`,
    ingest_ms: Math.round(ingestMs),
    mean_latency_ms: Math.round(mean(rows.map((row) => row.latency_ms)) ?? 0),
  };
  const cell = (value: number | boolean | null) =>
    value === null ? '–' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : value.toFixed(2);
  const lines = [
    '| id | type | recall@5 | fact recall | citations correct | abstained | abstention correct |',
    '|---|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.id} | ${row.type} | ${cell(row.recall_at_5)} | ${cell(row.fact_recall)} | ${cell(row.citation_correct)} | ${cell(row.abstained)} | ${cell(row.abstention_correct)} |`,
    ),
    `| **all** | ${totals.questions} questions | ${cell(totals.recall_at_5)} | ${cell(totals.fact_recall)} | ${cell(totals.citation_correct)} | unanswerable abstained ${totals.unanswerable_abstained} | ${cell(totals.abstention_accuracy)} |`,
  ];
  process.stdout.write(
    `${lines.join('\n')}\n\ningest ${totals.ingest_ms} ms, mean answer latency ${totals.mean_latency_ms} ms (offline, extractive)\n`,
  );
  if (values.json) await writeFile(values.json, `${JSON.stringify({ totals, questions: rows }, null, 2)}\n`);
} finally {
  await ctx.db.close();
  await rm(dataDir, { recursive: true, force: true });
}
