// Shared by bench/claim-race.ts and tests/flows/booking/claim-race.test.ts: a SQLite file with one
// school, one teacher and N learning agents, open slots to fight over, and worker processes that
// click "Claim" at the same moment. Each worker is its own process with its own Prisma client, so the
// claims really contend for the database file (SQLite locking), not just for one event loop.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/store/client.js';

export interface RaceAgent {
  personId: string;
  municipalityId: string;
}

export interface ClaimOutcome {
  personId: string;
  worker: number;
  /** Wall-clock start and end (epoch ms), to show that claims of different processes overlapped. */
  startedAt: number;
  endedAt: number;
  ms: number;
  text: string;
  error?: string;
}

export interface RaceWorld {
  municipalityId: string;
  schoolId: string;
  teacherId: string;
  agents: RaceAgent[];
}

export async function seedRace(db: Db, agentCount: number): Promise<RaceWorld> {
  const m = await db.municipality.create({ data: { slug: `race-${Date.now()}`, name: 'Næstved Kommune' } });
  const school = await db.school.create({ data: { municipalityId: m.id, name: 'Holmegårdsskolen' } });
  const teacher = await db.person.create({ data: { municipalityId: m.id, email: 'tina@skole.dk', name: 'Tina Thomsen' } });
  await db.membership.create({ data: { personId: teacher.id, schoolId: school.id, role: 'teacher' } });
  const agents: RaceAgent[] = [];
  for (let i = 0; i < agentCount; i++) {
    const p = await db.person.create({ data: { municipalityId: m.id, email: `agent${i}@skole.dk`, name: `Agent ${String(i).padStart(3, '0')}` } });
    await db.membership.create({ data: { personId: p.id, schoolId: school.id, role: 'learning_agent' } });
    await db.platformIdentity.create({ data: { personId: p.id, platform: 'local', externalId: p.id } });
    agents.push({ personId: p.id, municipalityId: m.id });
  }
  await db.platformIdentity.create({ data: { personId: teacher.id, platform: 'local', externalId: teacher.id } });
  return { municipalityId: m.id, schoolId: school.id, teacherId: teacher.id, agents };
}

/** An open, announced slot (Monday 26 October 2026 09:00 CET) everyone may claim. */
export async function openSlot(db: Db, w: RaceWorld, dayOffset = 0): Promise<string> {
  const start = new Date(Date.parse('2026-10-26T08:00:00Z') + dayOffset * 86_400_000);
  const slot = await db.slot.create({
    data: {
      schoolId: w.schoolId,
      teacherId: w.teacherId,
      createdById: w.teacherId,
      startsAt: start,
      endsAt: new Date(start.getTime() + 45 * 60_000),
      classGroup: '5.b',
      subject: 'dansk',
      status: 'open',
      announcedAt: new Date('2026-10-20T08:00:00Z'),
    },
  });
  return slot.id;
}

export const RACE_NOW = '2026-10-20T08:00:00Z';

interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
}

/** Starts `n` worker processes on the database (a SQLite file path or a PostgreSQL URL); resolves when every one has its runtime up. */
export async function startWorkers(dbFile: string, n: number): Promise<RaceWorkers> {
  const script = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) {
    const child = fork(script, [], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, SPARRING_CLAIM_DB: dbFile, SPARRING_CLAIM_NOW: RACE_NOW, SPARRING_CLAIM_WORKER: String(i) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = new Promise<void>((resolve, reject) => {
      child.once('message', (m: { type?: string }) => (m?.type === 'ready' ? resolve() : reject(new Error(`worker ${i}: ${JSON.stringify(m)}`))));
      child.once('exit', (code) => reject(new Error(`worker ${i} exited with ${code} before it was ready`)));
    });
    workers.push({ child, ready });
  }
  await Promise.all(workers.map((w) => w.ready));
  return new RaceWorkers(workers.map((w) => w.child));
}

export class RaceWorkers {
  constructor(private readonly children: ChildProcess[]) {}

  /** Every agent clicks "Claim" on the slot at the same instant; agents are dealt round-robin to the workers. */
  async race(slotId: string, agents: RaceAgent[]): Promise<ClaimOutcome[]> {
    const n = this.children.length;
    const startAt = Date.now() + 100; // a shared start line, so no process gets a head start
    const parts = this.children.map((child, i) => {
      const mine = agents.filter((_, j) => j % n === i);
      return new Promise<ClaimOutcome[]>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`worker exited with ${code}`));
        const onMessage = (m: { type?: string; results?: ClaimOutcome[] }) => {
          if (m?.type !== 'results') return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m.results ?? []);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
        child.send({ type: 'go', slotId, agents: mine, startAt });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.send({ type: 'stop' });
          }),
      ),
    );
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
