// A handler dies right after its state change is saved (the conditional UPDATE) and before anything
// that follows from it is scheduled. Every change wrote its follow-ups down first (a settle job), and the
// hourly reconciler re-applies what follows from each slot's current state — so what the people
// involved see is the same as without the crash: told once, reminded at the right times, asked to
// reflect, never twice, never at night.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import type { BookingStore } from '../../../src/flows/booking/port.js';
import { bookingWorld, claimedSlot, click, lastText, lesson, offer, submit, texts, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

// Tuesday 20 October 2026, 10:00 CEST; the lesson is Monday 26 October 09:00–09:45 CET (08:00–08:45Z).
const NOW = '2026-10-20T08:00:00Z';
const CRASH = 'Beklager, noget gik galt hos mig.';

const slotRow = (id: string) => w.s.runtime.db.slot.findUniqueOrThrow({ where: { id } });
const count = (personId: string, needle: string) => texts(w.s.chat.toPerson(personId)).filter((t) => t.includes(needle)).length;

/** The next call of `method` saves its change and then the process "dies" (the handler throws). */
function crashAfter(method: keyof BookingStore): void {
  const store = w.s.runtime.stores.booking as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const original = store[method]!;
  store[method] = async (...args: unknown[]) => {
    const result = await original.apply(w.s.runtime.stores.booking, args);
    store[method] = original;
    throw new Error(`crashed after ${String(method)}`);
    return result;
  };
}

/** A worker (re)starting: the flows seed their recurring jobs, among them the booking reconciler. */
async function restart(): Promise<void> {
  await w.s.runtime.dispatcher.startFlows();
  await w.s.runJobs();
}

const claimedBy = () => claimedSlot(w);

describe('booking: a crash right after the claim is saved', () => {
  it('confirmations still come once, reminders at the right times, held and the reflection prompt; nothing twice', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB, consultant } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();

    crashAfter('claim');
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain(CRASH);
    expect((await slotRow(slotId)).status).toBe('claimed');
    // Clicking again only says it is theirs (as before) — but this time the rest is not lost.
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Du har allerede lektionen');
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);

    // The claim's settle job, two minutes later, does what the handler did not get to.
    await s.advanceTo('2026-10-20T08:02:00Z', 60_000);
    expect(count(teacher.personId, 'Anders Andersen kommer på besøg og giver dig feedback mandag 26. oktober 2026 kl. 09.00–09.45.')).toBe(1);
    expect(count(agentA.personId, 'Du giver Tina Thomsen feedback mandag 26. oktober 2026 kl. 09.00–09.45.')).toBe(1);
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Taget af Anders Andersen.');

    // Restarts and hourly reconciler passes along the way add nothing.
    await restart();
    await s.advanceTo('2026-10-23T09:59:00Z', 3_600_000);
    await restart();
    expect(count(teacher.personId, 'Påmindelse:')).toBe(0);
    // Friday 23 October 12:00 CEST: the day-before reminder (the working day before Monday).
    await s.advanceTo('2026-10-23T10:00:00Z', 60_000);
    expect(count(teacher.personId, 'Påmindelse: Anders Andersen kommer')).toBe(1);
    expect(count(agentA.personId, 'Påmindelse: du giver Tina Thomsen feedback')).toBe(1);
    // Monday 08:00 CET: an hour before.
    await s.advanceTo('2026-10-26T06:59:00Z', 3_600_000);
    expect(count(agentA.personId, 'Snart:')).toBe(0);
    await s.advanceTo('2026-10-26T07:00:00Z', 60_000);
    expect(count(agentA.personId, 'Snart: du giver Tina Thomsen feedback kl. 09.00')).toBe(1);
    expect(count(teacher.personId, 'Snart: Anders Andersen kommer på besøg kl. 09.00')).toBe(1);

    // At the end the visit counts as held and the teacher is asked to reflect.
    await s.advanceTo('2026-10-26T09:00:00Z', 15 * 60_000);
    await restart();
    await s.advanceTo('2026-10-27T09:00:00Z', 3_600_000);
    expect((await slotRow(slotId)).status).toBe('held');
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);

    // Everyone got each message exactly once; the consultants (cancelled by the claim) never heard of it.
    expect(texts(s.chat.toPerson(teacher.personId))).toHaveLength(4); // confirmation, 2 reminders, reflection
    expect(texts(s.chat.toPerson(agentA.personId))).toHaveLength(4); // announcement, confirmation, 2 reminders
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);
  });

  it('late in the day: the confirmations wait for the next working morning', async () => {
    // Tuesday 20 October 15:55 CEST; working hours end at 16:00.
    w = await bookingWorld('2026-10-20T13:55:00Z');
    const { s, teacher, agentA } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    s.clock.set(new Date('2026-10-20T13:59:00Z'));
    crashAfter('claim');
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain(CRASH);

    // Through the night, with a restart at 22:00: not a word.
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

  it('a slot left claimed without any follow-up (e.g. by a crash before this release) gets its reminders and held mark from the reconciler', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    // The state change alone, straight through the store, as the old handler left it.
    expect(await s.runtime.stores.booking.claim(slotId, agentA.personId, s.clock.now())).toBe(true);
    await s.runtime.jobs.cancel(`slot:${slotId}:`);
    await restart();
    await s.advanceTo('2026-10-27T09:00:00Z', 3_600_000);
    expect(count(teacher.personId, 'Påmindelse: Anders Andersen kommer')).toBe(1);
    expect(count(agentA.personId, 'Snart: du giver Tina Thomsen feedback')).toBe(1);
    expect((await slotRow(slotId)).status).toBe('held');
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
  });
});

describe('booking: a crash right after "held" is saved', () => {
  it('the reflection prompt still comes, once', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T08:30:00Z', 6 * 3_600_000); // Monday 09:30, during the lesson
    crashAfter('markHeld');
    expect(await click(s, agentA, 'booking.held', slotId)).toContain(CRASH);
    expect((await slotRow(slotId)).status).toBe('held');
    // The held job was not cancelled yet (the prompt is scheduled first now): at the end it asks.
    await s.advanceTo('2026-10-26T09:00:00Z', 60_000);
    await restart();
    await s.advanceTo('2026-10-27T09:00:00Z', 3_600_000);
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
    expect(await s.runtime.db.job.count({ where: { kind: 'reflection.prompt' } })).toBe(1);
  });

  it('a held visit that lost its prompt (the old order: time-bound jobs cancelled first) is asked by the reconciler — in working hours', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T08:30:00Z', 6 * 3_600_000);
    // What the crashed handler had done: marked held and cancelled the time-bound jobs, nothing more.
    expect(await s.runtime.stores.booking.markHeld(slotId)).toBe(true);
    await s.runtime.jobs.cancel(`slot:${slotId}:t`);
    const before = s.chat.toPerson(teacher.personId).length;

    // The worker comes back at 20:00 CET: the reconciler schedules the prompt; it waits for the morning.
    s.clock.set(new Date('2026-10-26T19:00:00Z'));
    await restart();
    expect(await s.runtime.jobStore.findByKey(`slot:${slotId}:reflection`)).not.toBeNull();
    await s.advanceTo('2026-10-27T06:29:00Z');
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(before);
    await s.advanceTo('2026-10-27T06:30:00Z', 60_000); // Tuesday 07:30 CET
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
    await restart();
    await s.advanceTo('2026-10-27T10:00:00Z');
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
  });

  it('the reconciler does not bring back a prompt that "did not happen" cancelled', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T09:00:00Z', 6 * 3_600_000); // held at the end; the prompt goes out
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
    expect(await click(s, agentA, 'booking.notHeld', slotId)).toContain('blev ikke til noget');
    await restart();
    await s.advanceTo('2026-10-27T10:00:00Z', 3_600_000);
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(1);
  });
});

describe('booking: crashes after the other changes', () => {
  it('offer: the slot was saved, nothing scheduled — the agents are told, escalation and expiry are in place', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    crashAfter('createSlot');
    const { responses } = await submit(s, teacher, 'booking.offer', lesson());
    expect(messageText(responses.at(-1)!)).toContain(CRASH);
    const slotId = (await s.runtime.db.slot.findFirstOrThrow()).id;
    await s.runJobs();
    expect(s.chat.toPerson(agentA.personId)).toHaveLength(0);
    await s.advanceTo('2026-10-20T08:02:00Z', 60_000);
    expect(count(agentA.personId, 'Tina Thomsen tilbyder en lektion til feedback.')).toBe(1);
    expect(count(agentB.personId, 'Tina Thomsen tilbyder en lektion til feedback.')).toBe(1);
    const keys = (await s.runtime.jobStore.list({ keyPrefix: `slot:${slotId}:t0:` })).map((j) => j.idempotencyKey);
    expect(keys.sort()).toEqual([`slot:${slotId}:t0:escalate`, `slot:${slotId}:t0:expire`]);
    await restart();
    await s.advanceTo('2026-10-21T08:00:00Z', 3_600_000);
    expect(count(agentA.personId, 'tilbyder en lektion')).toBe(1);
  });

  it('move: the agent hears the new time once; reminders follow the new time, none for the old', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, leader } = w;
    const slotId = await claimedBy();
    crashAfter('move');
    await submit(s, leader, 'booking.move', { date: '2026-10-28', start: '10:00', end: '10:45' }, slotId);
    expect((await slotRow(slotId)).startsAt.toISOString()).toBe('2026-10-28T09:00:00.000Z');
    await s.advanceTo('2026-10-20T08:02:00Z', 60_000);
    expect(count(agentA.personId, 'Lone Leder har flyttet lektionen hos Tina Thomsen til onsdag 28. oktober 2026 kl. 10.00–10.45.')).toBe(1);
    expect(count(teacher.personId, 'Lone Leder har flyttet din lektion')).toBe(1);
    await restart();
    // Friday 23 October: the old lesson's day-before reminder must not come.
    await s.advanceTo('2026-10-26T12:00:00Z', 3_600_000);
    expect(count(agentA.personId, 'Påmindelse:')).toBe(0);
    // Tuesday 27 October 12:00 CET: the day before the new time.
    await s.advanceTo('2026-10-27T11:00:00Z', 60_000);
    expect(count(agentA.personId, 'Påmindelse: du giver Tina Thomsen feedback onsdag 28. oktober 2026 kl. 10.00–10.45')).toBe(1);
    await s.advanceTo('2026-10-28T12:00:00Z', 3_600_000);
    expect(count(agentA.personId, 'Snart:')).toBe(1);
    expect(count(agentA.personId, 'flyttet lektionen')).toBe(1);
  });

  it('withdraw: the first on the waitlist gets the visit, the teacher is told once', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentEn } = w;
    const slotId = await claimedBy();
    await click(s, agentEn, 'booking.waitlist', slotId);
    crashAfter('release');
    expect(await click(s, agentA, 'booking.withdraw', slotId)).toContain(CRASH);
    expect((await slotRow(slotId)).status).toBe('open');
    await s.advanceTo('2026-10-20T08:02:00Z', 60_000);
    await s.advanceTo('2026-10-20T08:10:00Z', 60_000);
    const row = await slotRow(slotId);
    expect([row.status, row.agentId]).toEqual(['claimed', agentEn.personId]);
    expect(count(agentEn.personId, 'You were on the waitlist, and now the lesson is yours.')).toBe(1);
    expect(count(teacher.personId, 'men Emma English fra ventelisten har taget over')).toBe(1);
    await restart();
    await s.advanceTo('2026-10-26T07:00:00Z', 3_600_000);
    expect(count(agentA.personId, 'Påmindelse:')).toBe(0); // the one who withdrew is not reminded
    expect(count(agentEn.personId, 'Reminder:')).toBe(1);
  });

  it('withdraw with nobody waiting: announced again (not to the one who withdrew), the teacher told once', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    crashAfter('release');
    expect(await click(s, agentA, 'booking.withdraw', slotId)).toContain(CRASH);
    await s.advanceTo('2026-10-20T08:10:00Z', 60_000);
    await restart();
    expect(count(teacher.personId, 'Lektionen er sendt ud til læringsagenterne igen.')).toBe(1);
    expect(count(agentB.personId, 'tilbyder en lektion')).toBe(2);
    expect(count(agentA.personId, 'tilbyder en lektion')).toBe(1);
    expect(await click(s, agentB, 'booking.claim', slotId)).toContain('Den er din!');
  });

  it('cancel: the agent and the waitlist are told once, and no reminders follow', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    await click(s, agentB, 'booking.waitlist', slotId);
    crashAfter('cancel');
    expect(await click(s, teacher, 'booking.cancel', slotId)).toContain(CRASH);
    await s.advanceTo('2026-10-20T08:02:00Z', 60_000);
    expect(count(agentA.personId, 'Tina Thomsen har aflyst lektionen mandag 26. oktober 2026 kl. 09.00–09.45.')).toBe(1);
    expect(count(agentB.personId, 'som du stod på venteliste til')).toBe(1);
    await restart();
    await s.advanceTo('2026-10-27T10:00:00Z', 3_600_000);
    expect(count(agentA.personId, 'Påmindelse:') + count(agentA.personId, 'Snart:')).toBe(0);
    expect(count(agentA.personId, 'har aflyst')).toBe(1);
    expect((await slotRow(slotId)).status).toBe('cancelled');
  });

  it('"did not happen": the other one is told once, and the visit is neither held nor reflected on', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T08:30:00Z', 6 * 3_600_000);
    crashAfter('markNotHeld');
    expect(await click(s, teacher, 'booking.notHeld', slotId)).toContain(CRASH);
    await restart();
    await s.advanceTo('2026-10-27T10:00:00Z', 15 * 60_000);
    expect((await slotRow(slotId)).status).toBe('not_held');
    expect(count(agentA.personId, 'Tina Thomsen har meldt, at besøget mandag 26. oktober 2026 kl. 09.00–09.45 ikke blev til noget.')).toBe(1);
    expect(count(teacher.personId, 'Et par minutter til refleksion?')).toBe(0);
  });
});
