// Vitest global setup: tests that start the `sparring` command as a process run the compiled dist/, so
// build it once here when src/ changed after the last build (as bin/sparring.js would), before any
// test file runs; several test processes rebuilding at the same time would trip over each other.
import { build, staleness } from '../../scripts/build.js';

export default function setup(): void {
  const stale = staleness();
  if (!stale) return;
  process.stderr.write(`Building dist/ for the process tests: ${stale}.\n`);
  build();
}
