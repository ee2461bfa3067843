import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The process tests run dist/ (what `npm start` runs): build it first if src/ is newer.
    globalSetup: ['tests/support/build.ts'],
    // The usual output, then a line for each skipped test saying which and why.
    reporters: ['default', './tests/support/skipped-reporter.ts'],
    // Tests open real SQLite files and real HTTP servers; keep parallelism modest on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
