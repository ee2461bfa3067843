// Writes the privacy statement (src/bot/privacy/texts.ts — what /privacy shows) into docs/privacy.md,
// between the markers <!-- statement:da --> … <!-- /statement:da --> (and :en). Run after changing
// the texts: `npx tsx scripts/privacy-doc.ts`. tests/bot/privacy-statement.test.ts fails until then.
import { readFileSync, writeFileSync } from 'node:fs';
import { fillStatementBlocks } from '../src/bot/privacy/doc.js';

const file = new URL('../docs/privacy.md', import.meta.url);
writeFileSync(file, fillStatementBlocks(readFileSync(file, 'utf8')));
console.log('docs/privacy.md: statement blocks rewritten');
