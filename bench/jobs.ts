// Benchmark: schedule and run 10,000 jobs through the real job engine on a real SQLite file.
// Prints jobs/second for scheduling and for running, and the process's peak RSS.
// Run: npx tsx bench/jobs.ts [count]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/core/clock.js';
import { JobEngine } from '../src/core/jobs/engine.js';
import { silentLogger } from '../src/core/logger.js';
import { openDatabase, prepareSqlite, tuneConnection, type DatabaseTarget } from '../src/store/client.js';
import { JobRepository } from '../src/store/job-repository.js';
import { applyPendingMigrations } from '../src/store/migrate.js';

const count = Number(process.argv[2] ?? 10_000);
const dir = await mkdtemp(join(tmpdir(), 'sparring-bench-'));
const target: DatabaseTarget = { provider: 'sqlite', url: `file:${join(dir, 'bench.db')}` };
await applyPendingMigrations(target);
await prepareSqlite(target);
const db = await openDatabase(target);
await tuneConnection(db, target); // as `sparring serve` runs it
const clock = new ManualClock('2026-11-24T09:00:00Z');
const engine = new JobEngine({ store: new JobRepository(db), clock, owner: 'bench', logger: silentLogger, nextMessageableMoment: async (at) => at, batchSize: 200 });
let ran = 0;
engine.register('bench.noop', async () => {
  ran += 1;
});

let t0 = performance.now();
for (let i = 0; i < count; i++) {
  await engine.schedule({ kind: 'bench.noop', payload: { i }, runAt: clock.now(), idempotencyKey: `bench:${i}`, messagesStaff: false });
}
const scheduleMs = performance.now() - t0;
t0 = performance.now();
const result = await engine.tick();
const runMs = performance.now() - t0;
if (ran !== count || result.ran !== count) throw new Error(`expected ${count} runs, got ${ran}`);

const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`jobs: ${count}`);
console.log(`schedule: ${(count / (scheduleMs / 1000)).toFixed(0)} jobs/s (${(scheduleMs / 1000).toFixed(2)} s)`);
console.log(`run:      ${(count / (runMs / 1000)).toFixed(0)} jobs/s (${(runMs / 1000).toFixed(2)} s)`);
console.log(`peak RSS: ${rssMb.toFixed(0)} MiB`);
await db.$disconnect();
await rm(dir, { recursive: true, force: true });
