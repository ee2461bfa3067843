// Two worker processes share one SQLite file and run 500 jobs: each job runs exactly once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.js';
import { JobEngine } from '../../src/core/jobs/engine.js';
import { silentLogger } from '../../src/core/logger.js';
import { prepareSqlite } from '../../src/store/client.js';
import { JobRepository } from '../../src/store/job-repository.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const workerScript = fileURLToPath(new URL('./support/job-worker-process.ts', import.meta.url));
let database: TestDatabase;
afterEach(() => database?.cleanup());

function startWorker(url: string, owner: string, now: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript, url, owner, now], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) resolve();
    });
  });
  const done = new Promise<{ owner: string; ran: string[] }>((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`worker ${owner} exited with ${code}`));
      resolve(JSON.parse(out.split('\n').filter(Boolean).at(-1)!));
    });
  });
  return { child, ready, done };
}

it('runs 500 jobs exactly once with two worker processes on one SQLite file', async () => {
  database = await createTestDatabase();
  await prepareSqlite(database.target);
  const now = '2026-11-24T09:00:00.000Z';
  const engine = new JobEngine({ store: new JobRepository(database.db), clock: new ManualClock(now), owner: 'scheduler', logger: silentLogger, nextMessageableMoment: async (at) => at });
  engine.register('probe.record', async () => undefined);
  for (let i = 0; i < 500; i++) {
    await engine.schedule({ kind: 'probe.record', payload: { key: `job-${i}` }, runAt: new Date(now), idempotencyKey: `probe:${i}`, messagesStaff: false });
  }
  const workers = [startWorker(database.target.url, 'worker-a', now), startWorker(database.target.url, 'worker-b', now)];
  await Promise.all(workers.map((w) => w.ready));
  for (const w of workers) w.child.stdin.write('go\n');
  const results = await Promise.all(workers.map((w) => w.done));

  const all = results.flatMap((r) => r.ran);
  expect(all).toHaveLength(500);
  expect(new Set(all).size).toBe(500);
  // Both processes really worked on the queue at the same time.
  expect(results[0]!.ran.length).toBeGreaterThan(0);
  expect(results[1]!.ran.length).toBeGreaterThan(0);
  expect(await database.db.job.count({ where: { status: 'done' } })).toBe(500);
}, 120_000);
