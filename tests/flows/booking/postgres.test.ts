// The booking loop on PostgreSQL: the store code is provider-neutral, and the first claim wins
// atomically there too — pg is asynchronous, so 100 claims in one process really overlap.
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_POSTGRES_URL } from '../../support/database.js';
import { bookingWorld, click, lastText, lesson, offer, type BookingWorld } from './helpers.js';

let w: BookingWorld | undefined;
afterEach(async () => {
  await w?.s.cleanup();
  w = undefined;
});

describe.skipIf(!TEST_POSTGRES_URL)('booking on PostgreSQL (set SPARRING_TEST_POSTGRES_URL to run)', () => {
  it('offer → announcement → 100 simultaneous claims: one winner, 99 told who was faster, confirmations once', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z', {}, 'postgresql');
    const { s, teacher } = w;
    const agents = [];
    for (let i = 0; i < 100; i++) agents.push(await s.person({ name: `Agent ${i}`, email: `agent${i}@skole.dk`, roles: [['learning_agent', 'Holmegårdsskolen']] }));
    const slotId = await offer(w, teacher, lesson());
    await s.runJobs(); // no previous agent: everyone is told at once
    expect(lastText(s.chat.toPerson(agents[0]!.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');

    const answers = await Promise.all(agents.map((a) => click(s, a, 'booking.claim', slotId)));
    const winners = answers.filter((t) => t.startsWith('Den er din!'));
    expect(winners).toHaveLength(1);
    const slot = await s.runtime.db.slot.findUniqueOrThrow({ where: { id: slotId }, include: { agent: true } });
    expect(slot).toMatchObject({ status: 'claimed', sequence: 1 });
    expect(answers.filter((t) => t.includes(`${slot.agent!.name} var hurtigere`))).toHaveLength(99);

    await s.runJobs();
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain(slot.agent!.name);
    expect(await s.runtime.db.job.count({ where: { kind: 'chat.deliver', idempotencyKey: { contains: ':m1:confirm' } } })).toBe(2);
  }, 120_000);
});
