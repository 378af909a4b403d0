// The fixed query set of the scale benches (bench/scale.ts, bench/rum.ts): dev-set questions of every
// kind and language, and short common and rare terms.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Question {
  id: string;
  question: string;
  language: string;
  kind: string;
}

/** The fixed query set: dev-set questions of every kind and language, and short common and rare terms. */
export async function readQuestions(): Promise<Question[]> {
  const all = (await readFile(path.join(ROOT, 'eval/questions.jsonl'), 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map(
      (line) =>
        JSON.parse(line) as { id: string; question: string; language: string; type: string; tags?: string[] },
    );
  const chosen: Question[] = [];
  const take = (kind: string, filter: (q: (typeof all)[number]) => boolean, count: number) => {
    const matching = all.filter(filter);
    for (let i = 0; i < count && i < matching.length; i++) {
      const q = matching[Math.floor((i * matching.length) / count)]!;
      chosen.push({ id: q.id, question: q.question, language: q.language, kind });
    }
  };
  const answerable = (q: (typeof all)[number]) => q.type !== 'unanswerable';
  take('monolingual', (q) => answerable(q) && !q.tags?.includes('cross_lingual'), 8);
  take(
    'cross-lingual en',
    (q) => answerable(q) && q.language === 'en' && !!q.tags?.includes('cross_lingual'),
    8,
  );
  take('cross-lingual fr/sv/vi/zh', (q) => answerable(q) && q.language !== 'en', 8);
  take('unanswerable', (q) => q.type === 'unanswerable', 3);
  for (const [question, language] of [
    ['Guangxi', 'en'],
    ['Quảng Tây', 'vi'],
    ['广西', 'zh'],
    ['what did Guangxi propose', 'en'],
    ['Chen Gang', 'en'],
    ['Lan Tianli', 'en'],
    ['Mong Cai Dongxing cross-border industrial cooperation zone', 'en'],
    ['Hoành Mô Động Trung', 'vi'],
  ] as const)
    chosen.push({ id: `term:${question}`, question, language, kind: 'common / rare term' });
  return chosen;
}
