// The dev corpus ingested once into .eval-cache/dev for the debugging scripts (delete the folder after
// changing ingestion or the gloss), and the dev questions asked on the command line (all without ids).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../src/config.ts';
import { type AppContext, openAppContext } from '../src/context.ts';
import { prepareDatabase } from '../src/db/prepare.ts';
import { ingestInputs } from '../src/ingest/index.ts';

export interface DevQuestion {
  id: string;
  question: string;
  sources: string[];
  answer_facts: string[];
}

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));

/** Runs `inspect` on the cached dev corpus with the questions whose ids are the script's arguments. */
export async function withDevCorpus(
  inspect: (ctx: AppContext, questions: DevQuestion[]) => Promise<void>,
): Promise<void> {
  const dataDir = path.join(root, '.eval-cache', 'dev');
  const fresh = !existsSync(dataDir);
  const ctx = await openAppContext(
    parseConfig({ MINUTEBOOK_DATA_DIR: dataDir, LOG_LEVEL: 'silent', EMBEDDER: 'local' }),
  );
  try {
    await prepareDatabase(ctx.db.pool);
    if (fresh) await ingestInputs(ctx, [path.join(root, 'eval/corpus')]);
    const lines = (await readFile(path.join(root, 'eval/questions.jsonl'), 'utf8')).trim().split('\n');
    const wanted = new Set(process.argv.slice(2));
    const questions = lines
      .map((line) => JSON.parse(line) as DevQuestion)
      .filter((question) => wanted.size === 0 || wanted.has(question.id));
    await inspect(ctx, questions);
  } finally {
    await ctx.db.close();
  }
}
