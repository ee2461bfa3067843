// Nothing is lost between "decided" and "told". Each change is one transaction: the conditional
// update, the jobs it implies and the messages it causes (queued as delivery jobs — the jobs table is
// the outbox) commit together. So a crash inside a change leaves nothing half-done, and a crash after
// it leaves everything to be told in the database, for whichever worker runs next: told once, at the
// right time, never at night.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { TransientDeliveryError } from '../../../src/core/chat.js';
import { BookingRepository } from '../../../src/store/booking-repository.js';
import { bookingWorld, claimedSlot, click, lesson, offer, submit, texts, type BookingWorld } from './helpers.js';

let w: BookingWorld;
const restore: (() => void)[] = [];
afterEach(async () => {
  for (const undo of restore.splice(0)) undo();
  await w?.s.cleanup();
});

// Tuesday 20 October 2026, 10:00 CEST; the lesson is Monday 26 October 09:00–09:45 CET.
const NOW = '2026-10-20T08:00:00Z';
const CRASH = 'Beklager, noget gik galt hos mig.';

const slotRow = (id: string) => w.s.runtime.db.slot.findUniqueOrThrow({ where: { id } });
const count = (personId: string, needle: string) => texts(w.s.chat.toPerson(personId)).filter((t) => t.includes(needle)).length;
const jobCount = () => w.s.runtime.db.job.count();

/** The next call of `method`, in any transaction, makes its change and then the process "dies" (throws). */
function crashInside(method: 'createSlot' | 'claim' | 'release' | 'cancel' | 'move' | 'markHeld' | 'markNotHeld'): void {
  const proto = BookingRepository.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const original = proto[method]!;
  proto[method] = async function (this: unknown, ...args: unknown[]) {
    proto[method] = original;
    await original.apply(this, args);
    throw new Error(`crashed after ${method}`);
  };
  restore.push(() => (proto[method] = original));
}

/** A worker (re)starting: the flows seed their recurring jobs, then it runs what is due. */
async function restart(): Promise<void> {
  await w.s.runtime.dispatcher.startFlows();
  await w.s.runJobs();
}

describe('a crash inside a change: nothing half-done', () => {
  it('claim: the slot stays open, nothing is queued; the agent clicks again and everything follows once', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB, consultant } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    const before = { row: await slotRow(slotId), jobs: await jobCount() };

    crashInside('claim');
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain(CRASH);
    const after = await slotRow(slotId);
    expect([after.status, after.agentId, after.sequence]).toEqual(['open', null, before.row.sequence]);
    expect(await jobCount()).toBe(before.jobs);
    await restart();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);

    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Den er din!');
    await s.runJobs();
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg og giver dig feedback mandag 26. oktober 2026 kl. 09.00–09.45.')).toBe(1);
    expect(count(agentA.personId, 'Du giver Tina Thomsen feedback mandag 26. oktober 2026 kl. 09.00–09.45.')).toBe(1);
    expect(texts(s.chat.toPerson(agentB.personId)).at(-1)).toContain('Taget af Anders Andersen.');

    // Restarts along the way add nothing; reminders, held and the prompt come once each.
    await restart();
    await s.advanceTo('2026-10-27T09:00:00Z', 3_600_000);
    await restart();
    expect(count(teacher.personId, 'Påmindelse: Anders Andersen kommer')).toBe(1);
    expect(count(agentA.personId, 'Snart: du giver Tina Thomsen feedback kl. 09.00')).toBe(1);
    expect((await slotRow(slotId)).status).toBe('held');
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
    expect(count(agentA.personId, 'Til jeres feedbacksamtale')).toBe(1);
    // confirmation, 2 reminders, the note about the feedback conversation (as the lesson begins), reflection
    expect(texts(s.chat.toPerson(teacher.personId))).toHaveLength(5);
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);
  });

  it.each([
    ['offer', 'createSlot'],
    ['withdraw', 'release'],
    ['cancel', 'cancel'],
    ['move', 'move'],
    ['held', 'markHeld'],
    ['did not happen', 'markNotHeld'],
  ] as const)('%s: rolled back whole, and it works the second time', async (_name, method) => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = method === 'createSlot' ? null : await claimedSlot(w);
    if (method === 'markHeld' || method === 'markNotHeld') await s.advanceTo('2026-10-26T08:30:00Z', 6 * 3_600_000);
    const act = async () => {
      switch (method) {
        case 'createSlot':
          return (await submit(s, teacher, 'booking.offer', lesson())).responses.map(messageText).join('\n');
        case 'release':
          return click(s, agentA, 'booking.withdraw', slotId!);
        case 'cancel':
          return click(s, teacher, 'booking.cancel', slotId!);
        case 'move':
          return (await submit(s, teacher, 'booking.move', { date: '2026-10-28', start: '10:00', end: '10:45' }, slotId!)).responses.map(messageText).join('\n');
        case 'markHeld':
          return click(s, agentA, 'booking.held', slotId!);
        case 'markNotHeld':
          return click(s, teacher, 'booking.notHeld', slotId!);
      }
    };
    const slots = () => s.runtime.db.slot.findMany({ orderBy: { createdAt: 'asc' }, select: { id: true, status: true, sequence: true, startsAt: true, agentId: true } });
    const before = { slots: await slots(), jobs: await jobCount() };
    crashInside(method);
    expect(await act()).toContain(CRASH);
    expect(await slots()).toEqual(before.slots);
    expect(await jobCount()).toBe(before.jobs);
    expect(await act()).not.toContain(CRASH);
    expect(await slots()).not.toEqual(before.slots);
  });
});

describe('a crash after a change: everything to be told is in the database', () => {
  it('a worker that took a confirmation and died: the next worker sends it once the lease has run out', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Den er din!');
    // Decided and committed together: the claim and the messages it causes.
    const queued = await s.runtime.jobStore.list({ keyPrefix: `slot:${slotId}:m1:`, status: 'pending' });
    expect(queued.map((j) => j.kind)).toEqual(['chat.deliver', 'chat.deliver']);
    // Another worker takes the teacher's confirmation and dies before sending it.
    const teachers = queued.find((j) => j.idempotencyKey.endsWith(`:confirmTeacher:${teacher.personId}`))!;
    expect(await s.runtime.jobStore.claim(teachers.id, 'dead-worker', s.clock.now(), new Date(s.clock.now().getTime() + 5 * 60_000))).not.toBeNull();
    await s.runJobs();
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg')).toBe(0);
    expect(count(agentA.personId, 'Du giver Tina Thomsen feedback')).toBe(1);
    s.clock.advance(6 * 60_000);
    await restart();
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg')).toBe(1);
    await restart();
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg')).toBe(1);
  });

  it('late in the day: the confirmations wait, through a restart at night, for the next working morning', async () => {
    // Tuesday 20 October 15:55 CEST; working hours end at 16:00.
    w = await bookingWorld('2026-10-20T13:55:00Z');
    const { s, teacher, agentA } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    s.clock.set(new Date('2026-10-20T14:01:00Z'));
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Den er din!');
    await s.advanceTo('2026-10-20T20:00:00Z');
    await restart();
    await s.advanceTo('2026-10-21T05:29:00Z');
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);
    expect(texts(s.chat.toPerson(agentA.personId))).toHaveLength(1); // the announcement only
    // Wednesday 07:30 CEST: both confirmations, once.
    await s.advanceTo('2026-10-21T05:30:00Z', 60_000);
    await s.advanceTo('2026-10-21T08:00:00Z');
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg')).toBe(1);
    expect(count(agentA.personId, 'Du giver Tina Thomsen feedback')).toBe(1);
  });

  it('a fan-out cut short by a failing platform: the rest are told later, nobody twice', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB, agentEn } = w;
    const slotId = await offer(w, teacher); // no head start: every agent is told at once
    // The platform gives out after the first announcement.
    const send = s.chat.sendDirect.bind(s.chat);
    let sent = 0;
    s.chat.sendDirect = async (...args) => {
      if (++sent > 1) throw new TransientDeliveryError('platform down', 60_000);
      return send(...args);
    };
    restore.push(() => (s.chat.sendDirect = send));
    await s.runJobs();
    const told = () => [agentA, agentB, agentEn].map((a) => count(a.personId, 'ffers a lesson') + count(a.personId, 'tilbyder en lektion'));
    expect(told().reduce((a, b) => a + b)).toBe(1);
    s.chat.sendDirect = send;
    await s.advanceTo('2026-10-20T09:00:00Z', 60_000);
    expect(told()).toEqual([1, 1, 1]);
    expect(await s.runtime.db.sentMessage.count({ where: { topic: `slot:${slotId}:announcement` } })).toBe(3);
  });
});
