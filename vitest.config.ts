import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { readTestEnv } from './src/config.ts';

// Database tests (*.db.test.ts) run once per backend: embedded PGlite always, native Postgres when
// TEST_DATABASE_URL is set. Each test file gets its own fresh database (test/helpers/db.ts).
const nativeUrl = readTestEnv('TEST_DATABASE_URL');
const dbProject = (name: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: ['test/**/*.db.test.ts'],
    env: { TEST_BACKEND: name },
  },
});

export default defineConfig({
  test: {
    // Most test time is waiting (child processes, HTTP round trips, timers), not CPU: vitest's default
    // of one worker per core less one (a single worker on a 2-core CI machine) left a core idle.
    maxWorkers: Math.max(2, availableParallelism() + 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/helpers/backend-summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.db.test.ts'] },
      },
      dbProject('pglite'),
      ...(nativeUrl ? [dbProject('postgres')] : []),
    ],
  },
});
