// The booking loop end to end on the in-memory platform with a real SQLite database: offer → head
// start → broadcast → claim → confirmation with a calendar file → reminders → held → reflection.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, button, click, fetchIcs, lastText, lesson, offer, pastVisit, submit, texts, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

describe('booking: the happy path', () => {
  it('offers, gives the previous agent a head start, announces, lets the first claim win and confirms with an .ics', async () => {
    // Tuesday 20 October 2026, 10:00 CEST. The lesson is Monday 26 October, after the DST change.
    w = await bookingWorld('2026-10-20T08:00:00Z');
    const { s, teacher, agentA, agentB, agentEn, consultant } = w;
    await pastVisit(w, teacher.personId, agentB.personId, '2026-09-15T07:00:00Z');

    const { result, responses } = await submit(s, teacher, 'booking.offer', lesson());
    expect(result).toEqual({ ok: true });
    expect(messageText(responses[0]!)).toContain('Tak! Lektionen *mandag 26. oktober 2026 kl. 09.00–09.45*'.replace(/\*/g, ''));
    expect(messageText(responses[0]!)).toContain('Bente Berg, som gav feedback sidst, får den at se først');
    expect(messageText(responses[0]!)).toContain('tirsdag 20. oktober 2026 kl. 14.00');
    const slotId = (await s.runtime.db.slot.findFirstOrThrow({ where: { status: 'open' } })).id;

    // Head start: only Bente hears about it.
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Du gav Tina Thomsen feedback sidst');
    expect(button(s.chat.toPerson(agentB.personId).at(-1), 'booking.claim')?.value).toBe(slotId);
    expect(s.chat.toPerson(agentA.personId)).toHaveLength(0);
    // Anders cannot claim before the others are told, even with a forged button value.
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Lektionen er ikke sendt ud til dig endnu.');

    // After 4 working hours every agent of the school is told (no agents' channel: DMs).
    await s.advanceTo('2026-10-20T12:00:00Z');
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
    expect(lastText(s.chat.toPerson(agentEn.personId))).toContain('Tina Thomsen offers a lesson for feedback.');
    expect(s.chat.toPerson(agentB.personId)).toHaveLength(1); // no second copy for the head-start agent
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);
    const copies = await s.runtime.db.sentMessage.findMany({ where: { topic: `slot:${slotId}:announcement` } });
    expect(copies).toHaveLength(3);

    // First claim wins; the second is told who was faster.
    expect(await click(s, agentA, 'booking.claim', slotId)).toContain('Den er din! Du giver Tina Thomsen feedback mandag 26. oktober 2026 kl. 09.00–09.45.');
    const late = await click(s, agentEn, 'booking.claim', slotId);
    expect(late).toContain('Anders Andersen was faster – the lesson is taken.');
    expect(late).toContain('[Join the waitlist]');

    // Right after the clicks: every copy now says who took it, and confirmations with a calendar link for both.
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Taget af Anders Andersen.');
    expect(lastText(s.chat.toPerson(agentEn.personId))).toContain('Claimed by Anders Andersen.');
    expect(buttonsOf(s.chat.toPerson(agentB.personId).at(-1)!.message).map((b) => b.actionId)).toEqual(['booking.waitlist']);
    const toTeacher = s.chat.toPerson(teacher.personId).at(-1)!;
    expect(messageText(toTeacher.message)).toContain('Anders Andersen kommer på besøg og giver dig feedback mandag 26. oktober 2026 kl. 09.00–09.45.');
    const toAgent = s.chat.toPerson(agentA.personId).at(-1)!;
    expect(messageText(toAgent.message)).toContain('Du giver Tina Thomsen feedback');
    const teacherLink = button(toTeacher, 'booking.calendar')?.url;
    const agentLink = button(toAgent, 'booking.calendar')?.url;
    expect(teacherLink).toMatch(/^https:\/\/sparring\.test\/calendar\/.+\.ics\?p=.+&t=.+$/);

    const ics = await fetchIcs(w, agentLink!);
    expect(ics.method).toBe('REQUEST');
    expect(ics.uid).toBe(`slot-${slotId}@sparring`);
    expect(ics.tzid).toBe('Europe/Copenhagen');
    expect(ics.vtimezones).toEqual(['Europe/Copenhagen']);
    expect(ics.startLocal).toBe('2026-10-26T09:00:00');
    expect(ics.start.toISOString()).toBe('2026-10-26T08:00:00.000Z'); // CET, UTC+1
    expect(ics.end.toISOString()).toBe('2026-10-26T08:45:00.000Z');
    expect(ics.raw).toContain('METHOD:REQUEST');
    expect(ics.raw).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect((await fetchIcs(w, teacherLink!)).uid).toBe(ics.uid);
  });

  it('writes DST-correct times: Friday before the change is UTC+2, Monday after is UTC+1', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z');
    const { s, teacher, agentA } = w;
    const friday = await offer(w, teacher, lesson({ date: '2026-10-23', start: '09:00', end: '09:45' }));
    await s.runJobs();
    await click(s, agentA, 'booking.claim', friday);
    await s.runJobs();
    const link = button(s.chat.toPerson(agentA.personId).at(-1), 'booking.calendar')!.url!;
    const ics = await fetchIcs(w, link);
    expect(ics.startLocal).toBe('2026-10-23T09:00:00');
    expect(ics.start.toISOString()).toBe('2026-10-23T07:00:00.000Z'); // CEST, UTC+2
  });

  it('reminds the working day before and an hour before, marks the visit held at the end and schedules the reflection', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z');
    const { s, teacher, agentA } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    await click(s, agentA, 'booking.claim', slotId);
    await s.runJobs();

    const keys = (await s.runtime.jobStore.list({ keyPrefix: `slot:${slotId}:t`, status: 'pending' })).map((j) => [j.kind, j.idempotencyKey.replace(/^slot:[^:]+:t\d+:/, ''), j.dueAt.toISOString()]);
    expect(keys).toEqual(
      expect.arrayContaining([
        // Friday 23 October (the working day before Monday) 12:00 CEST.
        ['chat.deliver', `reminder-day:${teacher.personId}`, '2026-10-23T10:00:00.000Z'],
        ['chat.deliver', `reminder-day:${agentA.personId}`, '2026-10-23T10:00:00.000Z'],
        // Monday 26 October 08:00 CET, one hour before.
        ['chat.deliver', `reminder-hour:${teacher.personId}`, '2026-10-26T07:00:00.000Z'],
        ['chat.deliver', `reminder-hour:${agentA.personId}`, '2026-10-26T07:00:00.000Z'],
        ['booking.held', 'held', '2026-10-26T08:45:00.000Z'],
      ]),
    );

    const before = s.chat.toPerson(teacher.personId).length;
    await s.advanceTo('2026-10-23T09:59:00Z');
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(before);
    await s.advanceTo('2026-10-23T10:00:00Z');
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Påmindelse: Anders Andersen kommer og giver dig feedback mandag 26. oktober 2026 kl. 09.00–09.45.');
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Påmindelse: du giver Tina Thomsen feedback');

    await s.advanceTo('2026-10-26T07:00:00Z');
    const hour = s.chat.toPerson(agentA.personId).at(-1)!;
    expect(messageText(hour.message)).toContain('Snart: du giver Tina Thomsen feedback kl. 09.00 (5.b, dansk).');
    expect(buttonsOf(hour.message).map((b) => b.actionId)).toEqual(['booking.held', 'booking.notHeld']);

    await s.advanceTo('2026-10-26T08:44:00Z');
    expect((await s.runtime.db.slot.findUniqueOrThrow({ where: { id: slotId } })).status).toBe('claimed');
    await s.advanceTo('2026-10-26T08:45:00Z');
    expect((await s.runtime.db.slot.findUniqueOrThrow({ where: { id: slotId } })).status).toBe('held');
    const prompt = await s.runtime.jobStore.findByKey(`slot:${slotId}:reflection`);
    expect(prompt?.kind).toBe('reflection.prompt');
    expect(JSON.parse(prompt!.payload)).toEqual({ slotId });
  });
});

void texts;
