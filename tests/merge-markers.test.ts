// A merge that was committed with its conflict unresolved leaves markers in a file; in code the type
// check finds them, in the README and docs nothing else would. Every tracked text file is read.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('no tracked file holds an unresolved merge conflict', () => {
  const files = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((f) => /\.(md|ts|js|mjs|json|yaml|yml|prisma|csv|sql|html)$/.test(f));
  expect(files.length).toBeGreaterThan(100);
  const conflicted = files.filter((f) => /^(<{7} |>{7} |={7}$)/m.test(readFileSync(f, 'utf8')));
  expect(conflicted).toEqual([]);
});
