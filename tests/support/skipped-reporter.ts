// Vitest reporter: after the run, one line per skipped test naming it, so a test that quietly did
// not run (no PostgreSQL, no Chromium) is visible in the output instead of hiding in a count. The
// reason is in the test's or suite's name ("… set SPARRING_TEST_POSTGRES_URL to run"), or in the
// note given to `ctx.skip(note)`.
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class SkippedReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        lines.push(`  ↓ ${relative(process.cwd(), module.moduleId)} › ${test.fullName}${note ? ` — ${note}` : ''}`);
      }
    }
    if (lines.length === 0) return;
    process.stdout.write(`\nSkipped tests (${lines.length}):\n${lines.join('\n')}\n`);
  }
}
