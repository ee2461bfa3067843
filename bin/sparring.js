#!/usr/bin/env node
// The `sparring` command. Sparring is written in TypeScript and runs through tsx, so there is no
// separate build step between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
