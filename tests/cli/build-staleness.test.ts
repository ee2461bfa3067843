// When the `sparring` command rebuilds dist/ first: scripts/build.js compares the build's stamp with
// every file and folder of src/ and the two tsconfigs (on a layout of its own here, so the real dist/
// that other tests run is left alone).
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { staleness } from '../../scripts/build.js';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

const past = new Date('2026-01-01T10:00:00Z');
const built = new Date('2026-01-01T11:00:00Z');
const later = new Date('2026-01-01T12:00:00Z');

async function layout() {
  dir = await mkdtemp(join(tmpdir(), 'sparring-build-'));
  await mkdir(join(dir, 'src', 'cli'), { recursive: true });
  await mkdir(join(dir, 'dist'));
  for (const f of ['src/cli/main.ts', 'tsconfig.json', 'tsconfig.build.json', 'dist/.build-stamp']) await writeFile(join(dir, f), '');
  for (const p of ['src/cli/main.ts', 'src/cli', 'src', 'tsconfig.json', 'tsconfig.build.json']) await utimes(join(dir, p), past, past);
  await utimes(join(dir, 'dist/.build-stamp'), built, built);
}

it('is current when nothing changed after the build, and names what did change otherwise', async () => {
  await layout();
  expect(staleness(dir)).toBeUndefined();

  await utimes(join(dir, 'src/cli/main.ts'), later, later);
  expect(staleness(dir)).toBe('src/cli/main.ts changed after the last build');
  await utimes(join(dir, 'src/cli/main.ts'), past, past);

  await utimes(join(dir, 'tsconfig.build.json'), later, later);
  expect(staleness(dir)).toBe('tsconfig.build.json changed after the last build');
});

it('counts a file added or removed (its folder changes) and a build that never finished', async () => {
  await layout();
  await utimes(join(dir, 'src/cli'), later, later);
  expect(staleness(dir)).toBe('src/cli changed after the last build');

  await rm(join(dir, 'dist'), { recursive: true });
  expect(staleness(dir)).toBe('dist/ has not been built');
});
