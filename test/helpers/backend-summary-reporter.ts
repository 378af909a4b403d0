import type { Reporter, TestModule } from 'vitest/node';

/** Prints one `project: N passed, N failed, N skipped` line per project, then the total, for CI logs. */
export default class BackendSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    const counts = new Map<string, { passed: number; failed: number; skipped: number }>();
    for (const testModule of testModules) {
      const name = testModule.project.name || 'default';
      const count = counts.get(name) ?? { passed: 0, failed: 0, skipped: 0 };
      let failedHere = 0;
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') failedHere++;
        else count.skipped++;
      }
      // A file that fails outside its tests (import error, failing hook) counts as one failure.
      if (testModule.state() === 'failed' && failedHere === 0) failedHere = 1;
      count.failed += failedHere;
      counts.set(name, count);
    }
    const total = { passed: 0, failed: 0, skipped: 0 };
    const lines = ['', 'tests per project:'];
    for (const [name, count] of [...counts].sort()) {
      lines.push(`${name}: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
      total.passed += count.passed;
      total.failed += count.failed;
      total.skipped += count.skipped;
    }
    lines.push(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
