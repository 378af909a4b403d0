import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url);

interface Question {
  id: string;
  question: string;
  language: string;
  answer_facts: string[];
  sources: string[];
  evidence: string[];
  type: string;
  tags?: string[];
  near_miss_of?: string[];
}

interface Manifest {
  file: string;
  language: string;
  translation_of: string | null;
}

/** Every non-empty line of a JSON Lines file, parsed (a line that does not parse fails with its number). */
function readJsonLines<T>(path: string): T[] {
  const lines = readFileSync(new URL(path, ROOT), 'utf8').split('\n');
  const items: T[] = [];
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    try {
      items.push(JSON.parse(line) as T);
    } catch (error) {
      throw new Error(`${path}:${index + 1} is not JSON: ${(error as Error).message}`);
    }
  });
  return items;
}

const SETS = [
  {
    name: 'dev set',
    questions: 'eval/questions.jsonl',
    manifest: 'eval/corpus.jsonl',
    corpus: 'eval/corpus/',
  },
  {
    name: 'sample',
    questions: 'eval/sample/questions.jsonl',
    manifest: 'eval/sample/corpus.jsonl',
    corpus: 'samples/minutes/',
  },
] as const;

describe.each(SETS)('the $name ($questions)', (set) => {
  const questions = readJsonLines<Question>(set.questions);
  const manifest = readJsonLines<Manifest>(set.manifest);
  const files = new Set(manifest.map((entry) => entry.file));
  const text = (file: string) => readFileSync(new URL(`${set.corpus}${file}`, ROOT), 'utf8');

  it('is well-formed: every question has an id, a question, a language and lists', () => {
    expect(questions.length).toBeGreaterThan(0);
    for (const item of questions) {
      expect(item.id, JSON.stringify(item)).toMatch(/\S/);
      expect(item.question, item.id).toMatch(/\S/);
      expect(item.language, item.id).toMatch(/^[a-z]{2}$/);
      expect(Array.isArray(item.sources), item.id).toBe(true);
      expect(Array.isArray(item.evidence), item.id).toBe(true);
      expect(Array.isArray(item.answer_facts), item.id).toBe(true);
    }
  });

  it('has unique question ids', () => {
    const ids = questions.map((item) => item.id);
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
  });

  it('lists every document of the manifest once, and each exists in the corpus folder', () => {
    const names = manifest.map((entry) => entry.file);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    for (const entry of manifest) {
      expect(existsSync(new URL(`${set.corpus}${entry.file}`, ROOT)), entry.file).toBe(true);
      if (entry.translation_of) expect(files.has(entry.translation_of), entry.file).toBe(true);
    }
  });

  it('cites only documents of the manifest (sources and near misses)', () => {
    for (const item of questions) {
      for (const source of [...item.sources, ...(item.near_miss_of ?? [])]) {
        expect(files.has(source), `${item.id}: ${source}`).toBe(true);
      }
    }
  });

  it('gives evidence that is an exact substring of one of its sources', () => {
    for (const item of questions) {
      for (const evidence of item.evidence) {
        expect(evidence.trim(), item.id).not.toBe('');
        const found = item.sources.some((source) => files.has(source) && text(source).includes(evidence));
        expect(found, `${item.id}: "${evidence}"`).toBe(true);
      }
    }
  });

  it('gives answerable questions sources and evidence, unanswerable ones none', () => {
    for (const item of questions) {
      if (item.type === 'unanswerable') {
        expect(item.sources, item.id).toEqual([]);
        expect(item.evidence, item.id).toEqual([]);
        expect(item.answer_facts, item.id).toEqual([]);
      } else {
        expect(item.sources.length, item.id).toBeGreaterThan(0);
        expect(item.evidence.length, item.id).toBeGreaterThan(0);
        expect(item.answer_facts.length, item.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('the dev set has the shape the issue asks for', () => {
  const questions = readJsonLines<Question>('eval/questions.jsonl');
  const manifest = readJsonLines<Manifest>('eval/corpus.jsonl');

  it('has at least 40 documents and 80 questions', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(40);
    expect(questions.length).toBeGreaterThanOrEqual(80);
  });

  it('tags at least 40 % of its questions cross-lingual', () => {
    const cross = questions.filter((item) => item.tags?.includes('cross_lingual')).length;
    expect(cross / questions.length).toBeGreaterThanOrEqual(0.4);
  });

  it('has at least 10 unanswerable questions', () => {
    expect(questions.filter((item) => item.type === 'unanswerable').length).toBeGreaterThanOrEqual(10);
  });

  it('spans the corpus languages', () => {
    const languages = new Set(manifest.map((entry) => entry.language));
    for (const language of ['en', 'fr', 'sv', 'vi', 'zh']) expect(languages, language).toContain(language);
  });
});
