// A separate worker process for the multi-process job test: waits for "go" on stdin, runs due
// "probe.record" jobs until none are left, and prints the keys it ran as JSON on stdout.
import { ManualClock } from '../../../src/core/clock.js';
import { JobEngine } from '../../../src/core/jobs/engine.js';
import { silentLogger } from '../../../src/core/logger.js';
import { openDatabase } from '../../../src/store/client.js';
import { JobRepository } from '../../../src/store/job-repository.js';

const [url, owner, now] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({ provider: 'sqlite', url });
const store = new JobRepository(db);
const ran: string[] = [];
const engine = new JobEngine({
  store,
  clock: new ManualClock(now),
  owner,
  logger: silentLogger,
  nextMessageableMoment: async (at) => at,
  batchSize: 10,
});
engine.register('probe.record', async (payload: { key: string }) => {
  ran.push(payload.key);
  await new Promise((r) => setTimeout(r, 1)); // give the other process a chance to interleave
});

process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  for (;;) {
    await engine.tick();
    const c = await store.counts(new Date(now));
    if (c.pending === 0 && c.running === 0) break;
  }
  process.stdout.write(`${JSON.stringify({ owner, ran })}\n`);
  await db.$disconnect();
  process.exit(0);
});
