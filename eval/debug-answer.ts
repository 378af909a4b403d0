// Debugging aid for the dev set: `node eval/debug-answer.ts ID…` shows, for each question, what the
// offline answer saw: the question profile, each retrieved passage (whether its document satisfies the
// question's constraints, and its best sentence score alone), and the answer. The corpus is ingested
// once into .eval-cache/ (eval/dev-cache.ts; delete it after changing ingestion).
import path from 'node:path';
import { extractiveAnswer } from '../src/answer/extractive.ts';
import { foldAliasGroups } from '../src/answer/evidence.ts';
import { documentContexts, profileQuestion } from '../src/answer/relevance.ts';
import { listAliasGroups } from '../src/db/aliases.ts';
import { documentContents } from '../src/db/documents.ts';
import { search } from '../src/search/index.ts';
import { detectLanguage } from '../src/text/language.ts';
import { withDevCorpus } from './dev-cache.ts';

await withDevCorpus(async (ctx, questions) => {
  const aliases = foldAliasGroups((await listAliasGroups(ctx.db.pool)).map((group) => group.aliases));
  for (const item of questions) {
    const language = detectLanguage(item.question) === 'und' ? 'en' : detectLanguage(item.question);
    const hits = await search(ctx, item.question, { k: 8, preferLanguage: language });
    const profile = profileQuestion(item.question, language, aliases);
    const contexts = documentContexts(hits, await documentContents(ctx.db.pool, [...new Set(hits.map((h) => h.documentId))]));
    console.log(`\n${item.id} ${item.question}\n  facts: ${item.answer_facts.join(' | ')}`);
    console.log(
      `  kind ${profile.kind} years ${profile.years} ordinals ${profile.ordinals} concepts ${JSON.stringify(profile.concepts)} entities ${JSON.stringify(profile.entities)}`,
    );
    for (const hit of hits.slice(0, 6)) {
      const file = path.basename(hit.sourceUri);
      const check = contexts.get(hit.documentId)!.satisfies(profile);
      const alone = extractiveAnswer(profile, [hit], { contexts, minCoverage: 0 });
      console.log(
        `  ${item.sources.includes(file) ? '*' : ' '} ${file} ${check.satisfied ? 'ok' : `MISSING ${check.missing.join(',')}`} best ${alone.confidence.toFixed(2)} ${alone.answer.slice(0, 120).replace(/\s+/g, ' ')}`,
      );
    }
    const answer = extractiveAnswer(profile, hits, { contexts });
    console.log(`  => ${answer.confidence.toFixed(2)} ${answer.answer.slice(0, 200).replace(/\s+/g, ' ') || '(abstains)'}`);
  }
});
