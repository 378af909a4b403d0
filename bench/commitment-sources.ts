// Cost of finding the commitments that answer a question (src/answer/commitment-sources.ts): they are
// searched at question time, not indexed, so this is what each answer pays. N commitments (default
// 2000, the most an answer weighs) are stored; the bench times reading the visible ones and matching
// them against a question, cold (each commitment glossed) and warm (glosses cached by text).
// In-memory PGlite, or DATABASE_URL (point it at a scratch database: the bench writes commitments).
import { relevantCommitments } from '../src/answer/commitment-sources.ts';
import { profileQuestion } from '../src/answer/relevance.ts';
import { answerableCommitments, createCommitment } from '../src/commitments/service.ts';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/pool.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { createLogger } from '../src/log.ts';

const count = Number(process.argv[2] ?? 2000);
const config = loadConfig();
const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { memory: true });
await migrate(db.pool);
const logger = createLogger('silent');
const ctx: AppContext = { config, db, logger, embedder: createEmbedder(config, logger), chat: null };
const topics = [
  'railway survey data',
  'border gate hours',
  'AI centre budget',
  'port crane drawings',
  'trade fair booth',
];
const partners = ['Guangxi', 'Yunnan', 'Lang Son', 'Quảng Ninh', 'Nanning'];
for (let i = 0; i < count; i++) {
  const title = `send ${partners[i % partners.length]} the ${topics[(i * 7) % topics.length]} draft ${i}`;
  await createCommitment(ctx, {
    parsed: { title, owners: [`U${i % 17}`], dueOn: '2026-12-04', tz: 'Asia/Ho_Chi_Minh', dueText: null },
    createdBy: 'UBENCH',
    sourceText: `@someone ${title} by 4 Dec`,
  });
}
const question = profileQuestion('What did we promise Guangxi on railways?', 'en', [
  ['guangxi', 'quang tay', '广西'],
]);

async function once() {
  const started = performance.now();
  const rows = await answerableCommitments(ctx, null);
  const read = performance.now() - started;
  const found = relevantCommitments(question, rows);
  return { read, total: performance.now() - started, rows: rows.length, found: found.length };
}

const cold = await once();
const warm: number[] = [];
const reads: number[] = [];
for (let i = 0; i < 7; i++) {
  const run = await once();
  warm.push(run.total);
  reads.push(run.read);
}
warm.sort((a, b) => a - b);
reads.sort((a, b) => a - b);
console.log(`backend ${db.backend}, ${count} commitments (${cold.rows} read, ${cold.found} cited)`);
console.log(
  `cold (every commitment glossed): ${cold.total.toFixed(0)} ms, of which reading ${cold.read.toFixed(0)} ms`,
);
console.log(
  `warm (glosses cached), median of 7: ${warm[3]!.toFixed(1)} ms, of which reading ${reads[3]!.toFixed(1)} ms`,
);
await db.close();
