// Claim latency under a race:
//   npx tsx bench/claim-race.ts [--rounds 10] [--agents 100] [--workers 4] [--postgres URL]
// Each round opens a fresh slot and lets every agent click "Claim" at the same instant from several
// processes (each with its own Prisma client on one database: a SQLite file in WAL mode as the
// server runs it, or a throw-away database on the PostgreSQL server given). Latency is measured per
// click, from the dispatcher call to its answer (winner: the claim and its follow-ups in one
// transaction; losers: "X var hurtigere"). Prints p50/p99 per outcome and checks that every round had
// exactly one winner.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase, prepareSqlite, type DatabaseTarget } from '../src/store/client.js';
import { applyPendingMigrations } from '../src/store/migrate.js';
import { openSlot, percentile, seedRace, startWorkers, type ClaimOutcome } from './claim-setup.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '10' }, agents: { type: 'string', default: '100' }, workers: { type: 'string', default: '4' }, postgres: { type: 'string' } },
});
const rounds = Number(values.rounds);
const agentCount = Number(values.agents);
const workerCount = Number(values.workers);

const dir = await mkdtemp(join(tmpdir(), 'sparring-bench-'));
const file = join(dir, 'bench.db');
let dropDatabase = async () => {};
let target: DatabaseTarget = { provider: 'sqlite', url: `file:${file}` };
if (values.postgres) {
  const name = `sparring_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: values.postgres });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(values.postgres);
  url.pathname = `/${name}`;
  target = { provider: 'postgresql', url: url.toString() };
  dropDatabase = async () => {
    const c = new pg.Client({ connectionString: values.postgres });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  };
}
await applyPendingMigrations(target);
await prepareSqlite(target);
const db = await openDatabase(target);
const world = await seedRace(db, agentCount);
const workers = await startWorkers(target.provider === 'sqlite' ? file : target.url, workerCount);

const all: ClaimOutcome[] = [];
const winners: ClaimOutcome[] = [];
const roundMs: number[] = [];
let problems = 0;
try {
  // One uncounted round first: JIT, Prisma's query plans and SQLite's page cache warm up.
  await workers.race(await openSlot(db, world, -1), world.agents);
  for (let r = 0; r < rounds; r++) {
    const slotId = await openSlot(db, world, r);
    const outcomes = await workers.race(slotId, world.agents);
    const won = outcomes.filter((o) => o.text.startsWith('Den er din!'));
    const errors = outcomes.filter((o) => o.error || (!o.text.startsWith('Den er din!') && !o.text.includes('var hurtigere')));
    if (won.length !== 1 || errors.length > 0) {
      problems += 1;
      console.error(`round ${r + 1}: ${won.length} winners, ${errors.length} unexpected answers`, errors.slice(0, 3));
    }
    winners.push(...won);
    all.push(...outcomes);
    roundMs.push(Math.max(...outcomes.map((o) => o.endedAt)) - Math.min(...outcomes.map((o) => o.startedAt)));
  }
} finally {
  await workers.stop();
  await db.$disconnect();
  await dropDatabase();
  await rm(dir, { recursive: true, force: true });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), max: s.at(-1) ?? NaN };
};
const fmt = (x: number) => `${x.toFixed(1)} ms`;
const losers = all.filter((o) => !winners.includes(o));
const rows: [string, ReturnType<typeof stats>][] = [
  ['all claims', stats(all.map((o) => o.ms))],
  ['winner', stats(winners.map((o) => o.ms))],
  ['"already taken"', stats(losers.map((o) => o.ms))],
  ['whole round', stats(roundMs)],
];
console.log(`claim race: ${rounds} rounds (after 1 warm-up) × ${agentCount} simultaneous claims from ${workerCount} processes, ${target.provider}, ${cpus().length} CPUs, node ${process.version}`);
console.log('| what | n | p50 | p99 | max |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, s] of rows) console.log(`| ${name} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.max)} |`);
console.log(problems === 0 ? `every round: exactly 1 winner, ${agentCount - 1} "already taken", no errors` : `${problems} rounds had problems`);
process.exitCode = problems === 0 ? 0 : 1;
