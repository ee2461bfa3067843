// The layout rules of docs/architecture.md, checked on the source's own import statements:
// no import cycle (between files, or between the folders of src/), flows import no store code and
// no platform SDK, adapters import no store code and not the composition root.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'generated' ? [] : sourceFiles(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports (static, dynamic and `export … from`), as written. */
function importsOf(file: string): string[] {
  const code = readFileSync(file, 'utf8');
  const specs = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g), ...code.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
  return [...new Set(specs)];
}

/** A relative import resolved to a source file of src/ (`.js` written, `.ts` on disk). */
function resolveLocal(from: string, spec: string, files: Set<string>): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base, `${base}.ts`, join(base, 'index.ts')]) if (files.has(candidate)) return candidate;
  return null;
}

const files = sourceFiles(SRC);
const fileSet = new Set(files);
const edges = new Map(files.map((f) => [f, importsOf(f)]));
const local = new Map(files.map((f) => [f, edges.get(f)!.map((s) => resolveLocal(f, s, fileSet)).filter((x): x is string => x !== null)]));
const rel = (f: string) => relative(ROOT, f);
/** The top-level part of src/ a file belongs to: core, flows, store, bot, … (runtime.ts is its own). */
const folderOf = (f: string) => relative(SRC, f).split(/[\\/]/)[0]!.replace(/\.ts$/, '');

/** Strongly connected components with more than one member (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('architecture', () => {
  it('reads the source tree (the check below is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(local.get(join(SRC, 'runtime.ts'))!.length).toBeGreaterThan(5);
  });

  it('has no import cycle between files', () => {
    expect(cycles(local).map((c) => c.map(rel))).toEqual([]);
  });

  it('has no import cycle between the folders of src/', () => {
    const folders = new Map<string, Set<string>>();
    for (const [f, deps] of local) {
      const from = folderOf(f);
      if (!folders.has(from)) folders.set(from, new Set());
      for (const d of deps) if (folderOf(d) !== from) folders.get(from)!.add(folderOf(d));
    }
    expect(cycles(new Map([...folders].map(([k, v]) => [k, [...v]])))).toEqual([]);
  });

  it('keeps flows free of the store, the runtime and platform SDKs', () => {
    const offending = files
      .filter((f) => folderOf(f) === 'flows')
      .flatMap((f) => edges.get(f)!.filter((spec) => /\/store\/|runtime\.js$|^@slack\/|^botbuilder|^@microsoft\/|^@prisma\//.test(spec) || (resolveLocal(f, spec, fileSet) ?? '').includes(`${SRC}/store/`)).map((spec) => `${rel(f)} → ${spec}`));
    expect(offending).toEqual([]);
  });

  it('keeps adapters off the store and the composition root', () => {
    const offending = files
      .filter((f) => folderOf(f) === 'bot')
      .flatMap((f) => local.get(f)!.filter((d) => folderOf(d) === 'store' || folderOf(d) === 'runtime').map((d) => `${rel(f)} → ${rel(d)}`));
    expect(offending).toEqual([]);
  });
});
