// Benchmark: every school's weekly digest for a programme of 242 schools / 10,000 staff / a year of
// visits, and the same at larger scales. Seeds a real SQLite file (migrated as the server does), then
// a separate process computes all digests (so its peak RSS is the digest work's alone) and reports
// total time, SQL statements per school and peak RSS. Targets (issue #12): < 1 s at 1×,
// time(8×) / time(1×) ≤ 9, peak RSS < 200 MB.
// Run: npx tsx bench/digest.ts [--scales 1,4,8]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPendingMigrations } from '../src/store/migrate.js';
import { seedProgramme } from './digest-seed.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const scales = arg('scales', '1,4,8').split(',').map(Number);
// Monday 30 November 2026, 08:00 in Copenhagen: the digest of week 48.
const NOW = '2026-11-30T07:00:00Z';
const WEEK = '2026-W48';

interface Result {
  schools: number;
  ms: number;
  statements: number;
  rssMb: number;
  rssWithChartsMb: number;
  heapMb: number;
  chartMs: number;
}

const rows: string[] = [];
let baseMs = 0;
for (const scale of scales) {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-digest-bench-'));
  try {
    const file = join(dir, 'bench.db');
    await applyPendingMigrations({ provider: 'sqlite', url: `file:${file}` });
    const t0 = performance.now();
    const seeded = seedProgramme(file, scale, new Date(NOW));
    const seedS = (performance.now() - t0) / 1000;
    // BENCH_NODE_FLAGS: V8 flags for the computing process (e.g. --max-old-space-size=96), to see how RSS responds.
    const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    const out = execFileSync(process.execPath, [...flags, '--import', 'tsx', join(import.meta.dirname, 'digest-compute.ts'), file, NOW, WEEK], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as Result;
    if (scale === scales[0]) baseMs = r.ms / scale;
    const ratio = r.ms / (baseMs * scale);
    console.log(
      `${scale}×: ${seeded.schools} schools, ${seeded.staff} staff, ${seeded.slots} visits/lessons (seeded in ${seedS.toFixed(1)} s) → ` +
        `all digests ${(r.ms / 1000).toFixed(2)} s, ${(r.statements / r.schools).toFixed(1)} statements/school, ${(r.ms / r.schools).toFixed(2)} ms/school, peak RSS ${r.rssMb.toFixed(0)} MiB ` +
        `(heap in use at the end ${r.heapMb.toFixed(0)} MiB); chart ${r.chartMs.toFixed(0)} ms each, peak RSS with charts ${r.rssWithChartsMb.toFixed(0)} MiB`,
    );
    rows.push(`| ${scale}× | ${seeded.schools} | ${seeded.staff} | ${seeded.slots} | ${(r.ms / 1000).toFixed(2)} s | ${(r.statements / r.schools).toFixed(1)} | ${r.rssMb.toFixed(0)} MiB | ${ratio.toFixed(2)} | ${r.chartMs.toFixed(0)} ms |`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
console.log('\n| scale | schools | staff | visits/lessons | all digests (figures) | statements/school | peak RSS | time ÷ (scale × time at first scale) | one chart |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
