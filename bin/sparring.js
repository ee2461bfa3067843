#!/usr/bin/env node
// The `sparring` command. It runs the JavaScript that tsc compiled from src/ into dist/ (`npm run build`,
// part of `npm install`). When src/ changed after that build it builds again first, so it never runs
// older code than the sources. (Tests run the TypeScript sources directly, through vitest.)
import { build, staleness } from '../scripts/build.js';

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
