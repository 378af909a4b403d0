// Debugging aid for the dev set: `node eval/debug-search.ts ID…` prints, for each question, the top
// documents of search() with each retriever's rank, where the expected sources rank, and the question's
// English gloss. The corpus is ingested once into .eval-cache/ (delete it after changing ingestion).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../src/config.ts';
import { openAppContext } from '../src/context.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { ingestInputs } from '../src/ingest/index.ts';
import { search } from '../src/search/index.ts';
import { glossWords } from '../src/text/gloss.ts';
import { detectLanguage } from '../src/text/language.ts';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dataDir = path.join(root, '.eval-cache', 'dev');
const fresh = !existsSync(dataDir);
const ctx = await openAppContext(parseConfig({ MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent', EMBEDDER: 'local' }));
try {
  await prepareDatabase(ctx.db.pool);
  if (fresh) await ingestInputs(ctx, [path.join(root, 'eval/corpus')]);
  const lines = (await readFile(path.join(root, 'eval/questions.jsonl'), 'utf8')).trim().split('\n');
  const questions = lines.map((line) => JSON.parse(line) as { id: string; question: string; sources: string[] });
  const wanted = new Set(process.argv.slice(2));
  for (const item of questions.filter((q) => wanted.size === 0 || wanted.has(q.id))) {
    const hits = await search(ctx, item.question, { k: 30 });
    const files = hits.map((hit) => path.basename(hit.sourceUri));
    const where = item.sources.map((source) => `${source}@${files.indexOf(source) + 1 || '-'}`).join(' ');
    console.log(`\n${item.id} ${item.question}\n  need ${where}\n  gloss: ${glossWords(item.question, detectLanguage(item.question)).join(' ')}`);
    for (const hit of hits.slice(0, 6)) {
      const file = path.basename(hit.sourceUri);
      console.log(
        `  ${item.sources.includes(file) ? '*' : ' '} ${file} d${hit.denseRank ?? '-'} l${hit.lexicalRank ?? '-'} g${hit.glossRank ?? '-'} ${hit.text.slice(0, 90).replace(/\s+/g, ' ')}`,
      );
    }
  }
} finally {
  await ctx.db.close();
}
