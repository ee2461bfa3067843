// Cancel, move, withdraw, waitlist, "did not happen", and every guard against forged button values.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, button, claimedSlot, click, fetchIcs, lastText, lesson, offer, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

// Tuesday 20 October 2026, 10:00 CEST; the lesson is Monday 26 October 09:00–09:45 CET.
const NOW = '2026-10-20T08:00:00Z';

const claimedBy = () => claimedSlot(w);

const slotRow = (id: string) => w.s.runtime.db.slot.findUniqueOrThrow({ where: { id } });
// What is still to come for the slot, leaving out the replacement of announcement copies.
const pendingKeys = async (id: string) => (await w.s.runtime.jobStore.list({ keyPrefix: `slot:${id}:`, status: 'pending' })).map((j) => j.idempotencyKey).filter((k) => !k.includes(':copies:'));

describe('booking: cancel', () => {
  it('the teacher cancels a booked visit: the agent is told with a CANCEL invitation, reminders go, copies say cancelled', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    const seqBefore = (await slotRow(slotId)).sequence;

    expect(await click(s, w.teacher2, 'booking.cancel', slotId)).toContain('Kun læreren selv eller en leder på skolen kan aflyse eller flytte lektionen.');
    expect(await click(s, agentA, 'booking.cancel', slotId)).toContain('Kun læreren selv');
    expect((await slotRow(slotId)).status).toBe('claimed');

    const answer = await click(s, teacher, 'booking.cancel', slotId);
    expect(answer).toContain('Lektionen mandag 26. oktober 2026 kl. 09.00–09.45 er aflyst.');
    expect(answer).toContain('[Fjern fra kalender]');
    const row = await slotRow(slotId);
    expect(row.status).toBe('cancelled');
    expect(row.sequence).toBe(seqBefore + 1);
    expect(await pendingKeys(slotId)).toEqual([expect.stringContaining(':cancelledAgent:')]);

    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Lektionen er aflyst.');
    const note = s.chat.toPerson(agentA.personId).at(-1)!;
    expect(messageText(note.message)).toContain('Tina Thomsen har aflyst lektionen mandag 26. oktober 2026 kl. 09.00–09.45.');
    const ics = await fetchIcs(w, button(note, 'booking.calendar')!.url!);
    expect(ics.method).toBe('CANCEL');
    expect(ics.status).toBe('CANCELLED');
    expect(ics.sequence).toBe(seqBefore + 1);
    expect(ics.uid).toBe(`slot-${slotId}@sparring`);

    expect(await click(s, teacher, 'booking.cancel', slotId)).toContain('Lektionen kan ikke ændres længere (aflyst).');
    await s.advanceTo('2026-10-26T10:00:00Z', 6 * 3_600_000);
    expect(s.chat.toPerson(agentA.personId).at(-1)).toBe(note); // no reminders for a cancelled visit
  });

  it('a leader cancels an open lesson and the teacher is told who did it', async () => {
    w = await bookingWorld(NOW);
    const slotId = await offer(w, w.teacher);
    await w.s.runJobs();
    expect(await click(w.s, w.leader, 'booking.cancel', slotId)).toContain('er aflyst');
    await w.s.runJobs();
    expect(lastText(w.s.chat.toPerson(w.teacher.personId))).toContain('Lone Leder har aflyst din lektion mandag 26. oktober 2026 kl. 09.00–09.45.');
    expect(lastText(w.s.chat.toPerson(w.agentB.personId))).toContain('Lektionen er aflyst.');
    expect(await click(w.s, w.agentB, 'booking.claim', slotId)).toContain('Lektionen er ikke længere ledig (aflyst).');
  });
});

describe('booking: move', () => {
  it('moves a booked visit: validated like an offer, new invitation with a higher SEQUENCE, reminders rescheduled', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    const seq = (await slotRow(slotId)).sequence;

    await click(s, teacher, 'booking.move', slotId);
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.id).toBe('booking.move');
    expect(form.privateValue).toBe(slotId);
    expect(Object.fromEntries(form.fields.map((f) => [f.id, f.initial]))).toMatchObject({ date: '2026-10-26', start: '09:00', end: '09:45' });

    // A forged private value for someone else's lesson is refused.
    const forged = await submit(s, w.teacher2, 'booking.move', { date: '2026-10-27', start: '10:00', end: '10:45' }, slotId);
    expect(messageText(forged.responses[0]!)).toContain('Kun læreren selv');
    const holiday = await submit(s, teacher, 'booking.move', { date: '2026-12-28', start: '10:00', end: '10:45' }, slotId);
    expect(holiday.result).toEqual({ ok: false, errors: { date: '28. december 2026 ligger i juleferien, så der er ingen undervisning – vælg en skoledag.' } });
    expect((await slotRow(slotId)).startsAt.toISOString()).toBe('2026-10-26T08:00:00.000Z');

    const moved = await submit(s, teacher, 'booking.move', { date: '2026-10-28', start: '10:00', end: '10:45' }, slotId);
    expect(moved.result).toEqual({ ok: true });
    expect(messageText(moved.responses[0]!)).toContain('Lektionen er flyttet til onsdag 28. oktober 2026 kl. 10.00–10.45.');
    // The teacher's own calendar needs the new version too.
    const teacherLink = buttonsOf(moved.responses[0]!).find((b) => b.actionId === 'booking.calendar')?.url;
    expect(teacherLink).toBeDefined();
    const teacherIcs = await fetchIcs(w, teacherLink!);
    expect(teacherIcs.start.toISOString()).toBe('2026-10-28T09:00:00.000Z');
    expect(teacherIcs.sequence).toBe(seq + 1);
    const row = await slotRow(slotId);
    expect(row.startsAt.toISOString()).toBe('2026-10-28T09:00:00.000Z');
    expect(row.sequence).toBe(seq + 1);
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('onsdag 28. oktober 2026 kl. 10.00–10.45');

    const jobs = await s.runtime.jobStore.list({ keyPrefix: `slot:${slotId}:t`, status: 'pending' });
    expect(jobs.every((j) => j.idempotencyKey.startsWith(`slot:${slotId}:t${seq + 1}:`))).toBe(true);
    expect(jobs.filter((j) => j.idempotencyKey.includes(':reminder-')).map((j) => j.dueAt.toISOString()).sort()).toEqual([
      '2026-10-27T11:00:00.000Z', // Tuesday 12:00 CET
      '2026-10-27T11:00:00.000Z',
      '2026-10-28T08:00:00.000Z', // Wednesday 09:00 CET
      '2026-10-28T08:00:00.000Z',
    ]);

    await s.runJobs();
    const note = s.chat.toPerson(agentA.personId).at(-1)!;
    expect(messageText(note.message)).toContain('Tina Thomsen har flyttet lektionen til onsdag 28. oktober 2026 kl. 10.00–10.45. Kalenderinvitationen er opdateret.');
    const ics = await fetchIcs(w, button(note, 'booking.calendar')!.url!);
    expect(ics.method).toBe('REQUEST');
    expect(ics.sequence).toBe(seq + 1);
    expect(ics.start.toISOString()).toBe('2026-10-28T09:00:00.000Z');
  });
});

describe('booking: a leader moves a teacher\'s lesson', () => {
  it('tells the teacher, in their language, with the updated invitation', async () => {
    w = await bookingWorld(NOW);
    const { s, leader, agentA } = w;
    const emil = await s.person({ name: 'Emil Evans', locale: 'en', roles: [['teacher', 'Holmegårdsskolen']] });
    const slotId = await offer(w, emil);
    await s.runJobs();
    await click(s, agentA, 'booking.claim', slotId);
    await s.runJobs();
    const before = s.chat.toPerson(emil.personId).length;

    const moved = await submit(s, leader, 'booking.move', { date: '2026-10-28', start: '10:00', end: '10:45' }, slotId);
    expect(moved.result).toEqual({ ok: true });
    await s.runJobs();
    const toTeacher = s.chat.toPerson(emil.personId);
    expect(toTeacher).toHaveLength(before + 1);
    expect(messageText(toTeacher.at(-1)!.message)).toContain('Lone Leder has moved your lesson (5.b, dansk) to Wednesday 28 October 2026, 10:00–10:45.');
    const ics = await fetchIcs(w, button(toTeacher.at(-1), 'booking.calendar')!.url!);
    expect(ics.start.toISOString()).toBe('2026-10-28T09:00:00.000Z');
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Lone Leder har flyttet lektionen hos Emil Evans til onsdag 28. oktober 2026 kl. 10.00–10.45.');
  });

  it('a leader cancels a booked visit: the agent and the waitlist hear who cancelled it', async () => {
    w = await bookingWorld(NOW);
    const { s, leader, agentA, agentEn } = w;
    const slotId = await claimedBy();
    await click(s, agentEn, 'booking.waitlist', slotId);
    expect(await click(s, leader, 'booking.cancel', slotId)).toContain('er aflyst');
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Lone Leder har aflyst lektionen hos Tina Thomsen mandag 26. oktober 2026 kl. 09.00–09.45.');
    expect(lastText(s.chat.toPerson(agentEn.personId))).toContain('Lone Leder has cancelled the lesson with Tina Thomsen Monday 26 October 2026, 09:00–09:45 you were on the waitlist for.');
  });
});

describe('booking: withdraw and waitlist', () => {
  it('tells the waitlist when the lesson moves, and lets them leave the list — only their own place', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentB, agentEn } = w;
    const slotId = await claimedBy();
    await click(s, agentB, 'booking.waitlist', slotId);
    const moved = await submit(s, teacher, 'booking.move', { date: '2026-10-27', start: '10:00', end: '10:45' }, slotId);
    expect(moved.result).toEqual({ ok: true });
    await s.runJobs();
    const toBente = s.chat.toPerson(agentB.personId).at(-1)!;
    expect(lastText([toBente])).toContain('Tina Thomsen har flyttet lektionen, du står på venteliste til, til tirsdag 27. oktober 2026 kl. 10.00–10.45.');
    expect(await click(s, agentEn, 'booking.leaveWaitlist', slotId)).toContain('You are not on the waitlist for that lesson.');
    expect(await s.runtime.db.slotWaitlist.count({ where: { slotId } })).toBe(1);
    expect(await click(s, agentB, 'booking.leaveWaitlist', button(toBente, 'booking.leaveWaitlist')!.value)).toContain('Du er taget af ventelisten.');
    expect(await s.runtime.db.slotWaitlist.count({ where: { slotId } })).toBe(0);
  });


  it('tells the agents on the waitlist when the teacher cancels, and empties the list', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentB, agentEn } = w;
    const slotId = await claimedBy();
    await click(s, agentEn, 'booking.waitlist', slotId);
    await click(s, agentB, 'booking.waitlist', slotId);
    expect(await click(s, teacher, 'booking.cancel', slotId)).toContain('aflyst');
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Tina Thomsen har aflyst lektionen mandag 26. oktober 2026 kl. 09.00–09.45, som du stod på venteliste til.');
    expect(lastText(s.chat.toPerson(agentEn.personId))).toContain('you were on the waitlist for. You have been taken off the waitlist.');
    expect(await s.runtime.db.slotWaitlist.count({ where: { slotId } })).toBe(0);
  });


  it('gives the slot to the first waitlisted agent when the agent withdraws', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB, agentEn } = w;
    const slotId = await claimedBy();

    expect(await click(s, agentEn, 'booking.waitlist', slotId)).toContain('You are number 1 on the waitlist. You get the lesson if Anders Andersen withdraws.');
    expect(await click(s, agentB, 'booking.waitlist', slotId)).toContain('Du står på ventelisten som nummer 2.');
    expect(await click(s, agentA, 'booking.waitlist', slotId)).toContain('Du har allerede lektionen.');
    expect(await click(s, teacher, 'booking.waitlist', slotId)).toContain('Det er din egen lektion');
    expect(await click(s, agentB, 'booking.withdraw', slotId)).toContain('Du er ikke læringsagent på det besøg.');

    const answer = await click(s, agentA, 'booking.withdraw', slotId);
    expect(answer).toContain('Du har trukket dig fra besøget hos Tina Thomsen mandag 26. oktober 2026 kl. 09.00–09.45.');
    const cancelLink = answer.includes('[Fjern fra kalender]');
    expect(cancelLink).toBe(true);
    const row = await slotRow(slotId);
    expect(row.status).toBe('claimed');
    expect(row.agentId).toBe(agentEn.personId);
    expect(await s.runtime.db.slotWaitlist.findMany({ where: { slotId } })).toEqual([expect.objectContaining({ agentId: agentB.personId })]);

    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Taget af Emma English.');
    const toEmma = s.chat.toPerson(agentEn.personId).at(-1)!;
    expect(messageText(toEmma.message)).toContain('You were on the waitlist, and now the lesson is yours.');
    expect(messageText(toEmma.message)).toContain('You give Tina Thomsen feedback Monday 26 October 2026, 09:00–09:45.');
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Anders Andersen kan alligevel ikke komme mandag 26. oktober 2026 kl. 09.00–09.45, men Emma English fra ventelisten har taget over.');
    // Anders' link now gives a cancellation, Emma's an invitation, same UID.
    const anders = await fetchIcs(w, button(s.chat.toPerson(agentA.personId).find((m) => messageText(m.message).includes('Du giver Tina')), 'booking.calendar')!.url!);
    const emma = await fetchIcs(w, button(toEmma, 'booking.calendar')!.url!);
    expect(anders.method).toBe('CANCEL');
    expect(emma.method).toBe('REQUEST');
    expect(emma.uid).toBe(anders.uid);
    const reminders = (await s.runtime.jobStore.list({ kind: 'chat.deliver', status: 'pending' })).filter((j) => j.idempotencyKey.includes(':reminder-'));
    expect(new Set(reminders.map((j) => JSON.parse(j.payload).to.person))).toEqual(new Set([teacher.personId, agentEn.personId]));
  });

  it('does not reopen a visit that has already started: the agent is pointed to "it did not happen"', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentEn } = w;
    const slotId = await claimedBy();
    await click(s, agentEn, 'booking.waitlist', slotId);
    await s.advanceTo('2026-10-26T08:10:00Z', 6 * 3_600_000); // Monday 09:10, ten minutes into the lesson
    const toTeacher = s.chat.toPerson(teacher.personId).length;

    const answer = await click(s, agentA, 'booking.withdraw', slotId);
    expect(answer).toContain('Lektionen er allerede gået i gang');
    expect(answer).toContain('[Det blev ikke til noget]');
    const row = await slotRow(slotId);
    expect([row.status, row.agentId]).toEqual(['claimed', agentA.personId]);
    expect(await s.runtime.db.slotWaitlist.count({ where: { slotId } })).toBe(1);
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(toTeacher); // no "sent out again"

    expect(await click(s, agentA, 'booking.notHeld', slotId)).toContain('blev ikke til noget');
    expect((await slotRow(slotId)).status).toBe('not_held');
  });

  it('announces the slot again when nobody is waiting', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    const before = s.chat.toPerson(agentB.personId).length;
    await click(s, agentA, 'booking.withdraw', slotId);
    expect((await slotRow(slotId)).status).toBe('open');
    await s.runJobs();
    // The old copy is open again.
    expect(messageText(s.chat.toPerson(agentB.personId).at(before - 1)!.message)).not.toContain('Taget af');
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Anders Andersen kan alligevel ikke komme mandag 26. oktober 2026 kl. 09.00–09.45. Lektionen er sendt ud til læringsagenterne igen.');
    expect(s.chat.toPerson(agentB.personId).length).toBe(before + 1);
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
    expect(s.chat.toPerson(agentA.personId).filter((m) => messageText(m.message).includes('tilbyder en lektion'))).toHaveLength(1); // not re-announced to the one who withdrew
    expect(await click(s, agentB, 'booking.claim', slotId)).toContain('Den er din!');
  });
});

describe('booking: claim guards', () => {
  it('refuses own lessons, other schools, overlapping visits and forged ids', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, outsider } = w;
    const slotId = await offer(w, teacher);
    const other = await offer(w, w.teacher2, lesson({ start: '09:15', end: '10:00' }));
    const own = await offer(w, agentA, lesson({ date: '2026-10-27' }));
    await s.runJobs();
    expect(await click(s, agentA, 'booking.claim', own)).toContain('Det er din egen lektion – den kan du ikke selv give feedback på.');
    expect(await click(s, w.teacher2, 'booking.claim', slotId)).toContain('Du er ikke læringsagent på Holmegårdsskolen, så du kan ikke tage lektionen.');
    expect(await click(s, teacher, 'booking.claim', slotId)).toContain('Det er din egen lektion');
    // An agent of another school learns nothing about the lesson — not that it exists, not who took it.
    expect(await click(s, outsider, 'booking.claim', slotId)).toContain('Den lektion kan jeg ikke finde.');
    expect(await click(s, agentA, 'booking.claim', 'no-such-slot')).toContain('Den lektion kan jeg ikke finde.');
    expect(await click(s, agentA, 'booking.claim')).toContain('Den lektion kan jeg ikke finde.');
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Den er din!');
    // Hole 10: once it is taken, a forged claim (or waitlist click) from another school's agent is
    // still told nothing — above all not who took it.
    for (const action of ['booking.claim', 'booking.waitlist']) {
      const answer = await click(s, outsider, action, slotId);
      expect(answer).toContain('Den lektion kan jeg ikke finde.');
      expect(answer).not.toContain('Anders');
    }
    expect(await click(s, agentA, 'booking.claim', other)).toContain('Du har allerede et besøg i det tidsrum: mandag 26. oktober 2026 kl. 09.00–09.45 hos Tina Thomsen.');
    expect(await click(s, w.agentEn, 'booking.claim', other)).toContain("It's yours!");
  });
});

describe('booking: after the visit', () => {
  it('"it did not happen" on the reminder stops the held mark and the reflection', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T07:00:00Z', 6 * 3_600_000);
    const hour = s.chat.toPerson(teacher.personId).at(-1)!;
    expect(buttonsOf(hour.message).map((b) => b.label)).toEqual(['Besøget er gennemført', 'Det blev ikke til noget']);
    expect(await click(s, teacher, 'booking.held', slotId)).toContain('Lektionen er ikke begyndt endnu');
    expect(await click(s, agentB, 'booking.notHeld', slotId)).toContain('Det er ikke dit besøg, så det kan du ikke ændre.');
    expect(await click(s, teacher, 'booking.notHeld', slotId)).toContain('Noteret: besøget mandag 26. oktober 2026 kl. 09.00–09.45 blev ikke til noget.');
    await s.advanceTo('2026-10-26T10:00:00Z');
    expect((await slotRow(slotId)).status).toBe('not_held');
    expect(await s.runtime.jobStore.findByKey(`slot:${slotId}:reflection`)).toBeNull();
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen har meldt, at besøget mandag 26. oktober 2026 kl. 09.00–09.45 ikke blev til noget.');
  });

  it('every announcement copy loses its waitlist button once the visit is held or did not happen', async () => {
    w = await bookingWorld(NOW);
    const { s, agentB, agentEn } = w;
    const slotId = await claimedBy();
    const other = await offer(w, w.teacher2, lesson({ date: '2026-10-27' }));
    await s.runJobs();
    await click(s, agentB, 'booking.claim', other);
    await s.runJobs();
    const copyOf = (agent: typeof agentEn, id: string) =>
      s.chat.toPerson(agent.personId).find((m) => buttonsOf(m.message).some((b) => b.value === id) || m.history.some((h) => buttonsOf(h).some((b) => b.value === id)))!;
    expect(buttonsOf(copyOf(agentEn, slotId).message).map((b) => b.actionId)).toEqual(['booking.waitlist']);

    await s.advanceTo('2026-10-26T08:45:00Z', 6 * 3_600_000);
    expect((await slotRow(slotId)).status).toBe('held');
    expect(buttonsOf(copyOf(agentEn, slotId).message)).toEqual([]);
    expect(messageText(copyOf(agentEn, slotId).message)).toContain('Claimed by Anders Andersen.');

    // The other visit did not happen: its copies close as well.
    await s.advanceTo('2026-10-27T08:30:00Z', 6 * 3_600_000);
    expect(await click(s, agentB, 'booking.notHeld', other)).toContain('blev ikke til noget');
    await s.runJobs();
    expect(buttonsOf(copyOf(agentEn, other).message)).toEqual([]);
  });

  it('the agent marks the visit held once it has started; the reflection job is scheduled once', async () => {
    w = await bookingWorld(NOW);
    const { s, agentA } = w;
    const slotId = await claimedBy();
    await s.advanceTo('2026-10-26T08:30:00Z', 6 * 3_600_000);
    expect(await click(s, agentA, 'booking.held', slotId)).toContain('Tak! Besøget er registreret som gennemført.');
    expect((await slotRow(slotId)).status).toBe('held');
    expect(await click(s, agentA, 'booking.held', slotId)).toContain('Tak!');
    expect(await s.runtime.db.job.count({ where: { kind: 'reflection.prompt' } })).toBe(1);
    expect(await pendingKeys(slotId)).toEqual([`slot:${slotId}:reflection`]);
  });
});
