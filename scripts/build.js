// Compiles src/ to dist/ with tsc (tsconfig.build.json). `npm install` runs it (scripts/postinstall.js,
// after the Prisma client is generated), `npm run build` runs it by hand, and bin/sparring.js runs it
// when src/ changed after the last build, so the command never runs older code than the sources.
//
// tsc writes into a scratch folder that then replaces dist/ whole: a failed build (tsc stops on a type
// error, noEmitOnError) leaves the previous dist/ and its stamp as they were, and no dist/ ever holds
// files of sources that have since been deleted.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(root, 'dist');
/** In dist/; its modification time is when the sources of that build were read (the build's start). */
const STAMP = '.build-stamp';
/** What dist/ is made from. */
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/** Why dist/ cannot be run as it is (missing, or older than a source), or undefined when it is current. */
export function staleness(dir = root) {
  const stamp = join(dir, 'dist', STAMP);
  if (!existsSync(stamp)) return 'dist/ has not been built';
  const built = statSync(stamp).mtimeMs;
  for (const input of INPUTS) {
    const newer = newerThan(join(dir, input), built);
    if (newer) return `${newer.slice(join(dir, '/').length)} changed after the last build`;
  }
  return undefined;
}

function newerThan(path, time) {
  const s = statSync(path, { throwIfNoEntry: false });
  if (!s) return undefined;
  if (!s.isDirectory()) return s.mtimeMs > time ? path : undefined;
  // A directory's own time changes when a file in it is added, removed or renamed.
  if (s.mtimeMs > time) return path;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const newer = newerThan(join(path, entry.name), time);
    if (newer) return newer;
  }
  return undefined;
}

export function build() {
  const started = new Date();
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    throw new Error('Sparring cannot be built: TypeScript is missing. Install with `npm install` (devDependencies included; not --omit=dev).');
  }
  const scratch = join(root, 'tmp', `dist-${process.pid}`);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', scratch], { cwd: root, stdio: 'inherit' });
    writeFileSync(join(scratch, STAMP), `${started.toISOString()}\n`);
    utimesSync(join(scratch, STAMP), started, started);
    rmSync(distDir, { recursive: true, force: true });
    try {
      renameSync(scratch, distDir);
    } catch (err) {
      // Another build of the same sources finished first and its dist/ is as good as ours.
      if (!['ENOTEMPTY', 'EEXIST'].includes(err?.code)) throw err;
      rmSync(scratch, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true });
    if (err && typeof err === 'object' && 'status' in err) throw new Error('Sparring could not be built: tsc reported the errors above; dist/ was left as it was.');
    throw err;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  }
}
