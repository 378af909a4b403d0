// Debugging aid for the dev set: `node eval/debug-search.ts ID…` prints, for each question, the top
// documents of search() with each retriever's rank, where the expected sources rank, and the question's
// English gloss. The corpus is ingested once into .eval-cache/ (delete it after changing ingestion).
import path from 'node:path';
import { search } from '../src/search/index.ts';
import { glossWords } from '../src/text/gloss.ts';
import { detectLanguage } from '../src/text/language.ts';
import { withDevCorpus } from './dev-cache.ts';

await withDevCorpus(async (ctx, questions) => {
  for (const item of questions) {
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
});
