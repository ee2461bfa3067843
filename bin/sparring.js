#!/usr/bin/env node
// The `sparring` command. It runs the JavaScript that tsc compiled from src/ into dist/ (`npm run build`,
// part of `npm install`). When src/ changed after that build it builds again first, so it never runs
// older code than the sources. (Tests run the TypeScript sources directly, through vitest.)
import { setFlagsFromString } from 'node:v8';
import { build, staleness } from '../scripts/build.js';

// Prisma's query compiler is WebAssembly, and V8 would also optimise it with TurboFan in background
// threads: at start that is about a fifth of the CPU time and 15 MiB of memory, for code that runs only
// when a query of a new shape is planned (plans are cached). V8's baseline code (Liftoff) is enough.
// Set before anything compiles WebAssembly. Measured in docs/benchmarks.md (start-up).
setFlagsFromString('--liftoff-only');

const stale = staleness();
if (stale) {
  process.stderr.write(`Sparring: ${stale}; building dist/ first (npm run build)…\n`);
  try {
    build();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
