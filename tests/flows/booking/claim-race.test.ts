// 100 agents click "Claim" on the same slot at the same moment, from 4 processes with their own
// database connections on one SQLite file: exactly one wins, 99 are told who was faster, none fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSlot, seedRace, startWorkers, type RaceWorkers, type RaceWorld } from '../../../bench/claim-setup.js';
import { BookingRepository } from '../../../src/store/booking-repository.js';
import { openDatabase } from '../../../src/store/client.js';
import { createTestDatabase, createTestDatabaseFor, TEST_POSTGRES_URL, type TestDatabase } from '../../support/database.js';

let database: TestDatabase;
let world: RaceWorld;
let workers: RaceWorkers | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedRace(database.db, 100);
  workers = await startWorkers(database.file, 4);
}, 60_000);

afterAll(async () => {
  await workers?.stop();
  await database?.cleanup();
});

describe('booking: claim race', () => {
  it('100 concurrent claims: exactly 1 winner, 99 clear "already taken" answers, no error', async () => {
    const slotId = await openSlot(database.db, world);
    const outcomes = await workers!.race(slotId, world.agents);
    expect(outcomes).toHaveLength(100);
    expect(outcomes.filter((o) => o.error)).toEqual([]);
    const winners = outcomes.filter((o) => o.text.startsWith('Den er din!'));
    expect(winners).toHaveLength(1);
    const slot = await database.db.slot.findUniqueOrThrow({ where: { id: slotId }, include: { agent: true } });
    expect(slot.status).toBe('claimed');
    expect(slot.agentId).toBe(winners[0]!.personId);
    expect(slot.sequence).toBe(1);
    const losers = outcomes.filter((o) => o !== winners[0]);
    for (const l of losers) {
      expect(l.text).toContain(`${slot.agent!.name} var hurtigere – lektionen er taget. Du kan skrive dig på ventelisten, hvis den skulle blive ledig igen.`);
      expect(l.text).toContain('[Skriv mig på ventelisten]');
    }
    // Really concurrent: claims from other processes were in flight while the winner's was.
    const w = winners[0]!;
    const overlapping = outcomes.filter((o) => o.worker !== w.worker && o.startedAt < w.endedAt && o.endedAt > w.startedAt);
    expect(overlapping.length).toBeGreaterThan(0);
    // The winner's follow-ups were scheduled exactly once.
    expect(await database.db.job.count({ where: { kind: 'chat.deliver', idempotencyKey: { contains: ':m1:confirm' } } })).toBe(2);
  }, 60_000);

  it('the conditional update alone: 100 claims through 4 separate clients, one true', async () => {
    const slotId = await openSlot(database.db, world, 1);
    const clients = await Promise.all(Array.from({ length: 4 }, () => openDatabase(database.target)));
    try {
      const repos = clients.map((c) => new BookingRepository(c));
      const at = new Date('2026-10-20T08:00:00Z');
      const results = await Promise.all(world.agents.map((a, i) => repos[i % 4]!.claim(slotId, a.personId, at)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const slot = await database.db.slot.findUniqueOrThrow({ where: { id: slotId } });
      expect(slot.agentId).toBe(world.agents[results.indexOf(true)]!.personId);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
  });
});

// One agent clicks "Claim" on two lessons at the same time of day (two announcements, two clients,
// or Slack and Teams at once): both pass the flow's overlap check before either is claimed, so the
// claim itself must refuse a visit that clashes with one the agent already has.
describe.each([
  { provider: 'sqlite' as const, skip: false },
  { provider: 'postgresql' as const, skip: !TEST_POSTGRES_URL },
])('booking: one agent, two overlapping lessons claimed at once ($provider)', ({ provider, skip }) => {
  it.skipIf(skip)('through separate clients: at most one claim succeeds, every time', async () => {
    const db = await createTestDatabaseFor(provider);
    const clients = [await openDatabase(db.target), await openDatabase(db.target)];
    try {
      const w = await seedRace(db.db, 20);
      const repos = clients.map((c) => new BookingRepository(c));
      const at = new Date('2026-10-20T08:00:00Z');
      for (const [i, agent] of w.agents.entries()) {
        const a = await openSlot(db.db, w, 10 + i);
        const b = await openSlot(db.db, w, 10 + i);
        const results = await Promise.all([repos[0]!.claim(a, agent.personId, at), repos[1]!.claim(b, agent.personId, at)]);
        expect(results.filter(Boolean), `round ${i}`).toHaveLength(1);
        const claimed = await db.db.slot.findFirstOrThrow({ where: { agentId: agent.personId, status: 'claimed' } });
        expect(await db.db.slot.count({ where: { agentId: agent.personId, status: 'claimed' } })).toBe(1);
        expect([claimed.claimedAt?.toISOString(), claimed.sequence]).toEqual([at.toISOString(), 1]);
        expect(claimed.updatedAt.getTime()).toBeGreaterThan(claimed.createdAt.getTime() - 1);
      }
      // A visit at another time is no clash.
      const later = await openSlot(db.db, w, 40);
      expect(await repos[0]!.claim(later, w.agents[0]!.personId, at)).toBe(true);
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
      await db.cleanup();
    }
  }, 60_000);
});
