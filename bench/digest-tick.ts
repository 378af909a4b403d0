// Cost of the once-a-minute digest tick: N enabled schedules, first tick posts every digest (to a
// no-op poster), later ticks find every period already posted. In-memory PGlite, or DATABASE_URL
// (point it at a scratch database: the bench writes schedules and posts).
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/context.ts';
import { migrate } from '../src/db/migrate.ts';
import { openDatabase } from '../src/db/pool.ts';
import { nextRunAfter } from '../src/digest/schedule.ts';
import { runDueDigests, setSchedule } from '../src/digest/service.ts';
import { createEmbedder } from '../src/embed/index.ts';
import { createLogger } from '../src/log.ts';

const count = Number(process.argv[2] ?? 1000);
const config = loadConfig();
const db = await openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { memory: true });
await migrate(db.pool);
const logger = createLogger('silent');
// No chat model: the bench measures the tick's database work, not summary requests.
const ctx: AppContext = { config, db, logger, embedder: createEmbedder(config, logger), chat: null };
const timing = { weekday: 1, localTime: '09:00', tz: 'Asia/Ho_Chi_Minh' };
for (let i = 0; i < count; i++) await setSchedule(ctx, `CBENCH${i}`, timing, 'bench');
const now = new Date(nextRunAfter(timing, new Date()).getTime() + 60_000);
const post = async () => ({ ts: '1.0' });

let started = performance.now();
const first = await runDueDigests(ctx, { now, instanceId: 'bench', post });
const firstMs = performance.now() - started;
const idle: number[] = [];
for (let tick = 1; tick <= 5; tick++) {
  started = performance.now();
  await runDueDigests(ctx, { now: new Date(now.getTime() + tick * 60_000), instanceId: 'bench', post });
  idle.push(performance.now() - started);
}
idle.sort((a, b) => a - b);
console.log(`backend ${db.backend}, ${count} schedules`);
console.log(`first tick (build + post each digest): ${firstMs.toFixed(0)} ms, posted ${first.posted}`);
console.log(`idle tick (all posted), median of 5: ${idle[2]!.toFixed(0)} ms`);
await db.close();
