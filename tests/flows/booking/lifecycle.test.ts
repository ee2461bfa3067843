// Who hears about a slot when: the agents' channel, consultants after a delay, escalation two working
// days before with an honest word to the teacher, "unclaimed" at the start. Plus mine/ledige/home and
// leaders offering on a teacher's behalf.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, button, click, command, lastText, lesson, offer, pastVisit, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

// Tuesday 20 October 2026, 10:00 CEST; the lesson is Monday 26 October 09:00–09:45 CET.
const NOW = '2026-10-20T08:00:00Z';
const slotRow = (id: string) => w.s.runtime.db.slot.findUniqueOrThrow({ where: { id } });

describe('booking: nobody claims', () => {
  it('offers it to consultants after the second delay, escalates with an honest word 2 working days before, and marks it unclaimed at the start', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, consultant } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
    expect(await click(s, consultant, 'booking.claim', slotId)).toContain('Lektionen er ikke sendt ud til dig endnu.');
    expect(messageText((await command(s, consultant, 'ledige'))[0]!)).toContain('Der er ingen ledige lektioner, du kan tage lige nu.');

    // 8 working hours after the announcement (Tue 10:00 → Wed 09:30 with a 07:30–16:00 day).
    await s.advanceTo('2026-10-21T07:29:00Z');
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);
    await s.advanceTo('2026-10-21T07:30:00Z');
    const offerToConsultant = s.chat.toPerson(consultant.personId).at(-1)!;
    expect(messageText(offerToConsultant.message)).toContain('Ingen læringsagent har taget lektionen endnu. Kan du tage den som konsulent?');
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);

    // Thursday 22 October 07:30 CEST: two working days before Monday — the teacher hears it straight.
    await s.advanceTo('2026-10-22T05:30:00Z');
    const honest = lastText(s.chat.toPerson(teacher.personId));
    expect(honest).toContain('Ærligt talt: ingen læringsagent har taget din lektion mandag 26. oktober 2026 kl. 09.00–09.45 endnu. Jeg har nu også spurgt skolens konsulenter.');
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(1); // told once, not again

    expect(messageText((await command(s, consultant, 'ledige'))[0]!)).toContain('mandag 26. oktober 2026 kl. 09.00–09.45 · Tina Thomsen · 5.b, dansk · Holmegårdsskolen');

    await s.advanceTo('2026-10-26T07:59:00Z', 6 * 3_600_000);
    expect((await slotRow(slotId)).status).toBe('open');
    await s.advanceTo('2026-10-26T08:00:00Z');
    expect((await slotRow(slotId)).status).toBe('unclaimed');
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Ingen nåede at tage lektionen.');
    expect(buttonsOf(s.chat.toPerson(agentA.personId).at(-1)!.message)).toEqual([]);
    expect(await click(s, consultant, 'booking.claim', slotId)).toContain('Lektionen er ikke længere ledig (ikke taget).');
  });

  it('escalation reaches consultants directly when it comes first, and a consultant may then claim', async () => {
    w = await bookingWorld(NOW, { consultantDelayHours: 100 });
    const { s, teacher, consultant } = w;
    const slotId = await offer(w, teacher, lesson({ date: '2026-10-23' })); // Friday: 2 working days before = Wednesday
    await s.advanceTo('2026-10-21T05:30:00Z');
    expect(lastText(s.chat.toPerson(consultant.personId))).toContain('Kan du tage den som konsulent?');
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Ærligt talt');
    expect(await click(s, consultant, 'booking.claim', slotId)).toContain('Den er din!');
    await s.runJobs();
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Karen Konsulent kommer på besøg');
  });

  it('tells the teacher honestly when the school has no consultant to ask', async () => {
    w = await bookingWorld(NOW);
    const lone = await w.s.person({ name: 'Lise Kalby', roles: [['teacher', 'Kalbyrisskolen']] });
    await offer(w, lone, lesson({ date: '2026-10-23' }));
    await w.s.advanceTo('2026-10-21T06:00:00Z');
    expect(lastText(w.s.chat.toPerson(lone.personId))).toContain('og skolen har ingen konsulent, jeg kan spørge. Overvej at tilbyde en anden lektion med tilbyd.');
    expect(w.s.chat.toPerson(w.outsider.personId).at(-1)).toBeDefined(); // Ole, Kalbyrisskolen's agent, was told
  });
});

describe('booking: the agents channel', () => {
  it('posts one announcement in the linked channel instead of DMs and updates it when claimed', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentA, agentB, schoolId } = w;
    await s.runtime.directory.linkChannel({ schoolId, purpose: 'agents', platform: 'local', tenantId: '', channelId: 'C-agents' });
    const slotId = await offer(w, teacher);
    await s.runJobs();
    const posts = s.chat.toChannel(schoolId, 'agents');
    expect(posts).toHaveLength(1);
    expect(s.chat.toPerson(agentA.personId)).toHaveLength(0);
    expect(button(posts[0], 'booking.claim')?.value).toBe(slotId);
    await click(s, agentB, 'booking.claim', slotId);
    await s.runJobs();
    expect(messageText(s.chat.toChannel(schoolId, 'agents')[0]!.message)).toContain('Taget af Bente Berg.');
  });
});

describe('booking: head start', () => {
  it('gives nobody a head start when the previous agent is no longer an agent at the school', async () => {
    w = await bookingWorld(NOW);
    await pastVisit(w, w.teacher.personId, w.outsider.personId, '2026-09-15T07:00:00Z');
    const { responses } = await submit(w.s, w.teacher, 'booking.offer', lesson());
    expect(messageText(responses[0]!)).toContain('Læringsagenterne på Holmegårdsskolen får besked nu.');
    await w.s.runJobs();
    expect(w.s.chat.toPerson(w.outsider.personId)).toHaveLength(0);
    expect(w.s.chat.toPerson(w.agentA.personId)).toHaveLength(1);
  });

  it('lets the previous agent claim during the head start, and nobody else is bothered', async () => {
    w = await bookingWorld(NOW);
    await pastVisit(w, w.teacher.personId, w.agentEn.personId, '2026-09-15T07:00:00Z');
    const slotId = await offer(w, w.teacher);
    await w.s.runJobs();
    expect(lastText(w.s.chat.toPerson(w.agentEn.personId))).toContain('You gave Tina Thomsen feedback last time, so you see this lesson first. The other learning agents will be told Tuesday 20 October 2026 at 14:00.');
    expect(await click(w.s, w.agentEn, 'booking.claim', slotId)).toContain("It's yours!");
    await w.s.advanceTo('2026-10-20T13:00:00Z');
    expect(w.s.chat.toPerson(w.agentA.personId)).toHaveLength(0);
    expect(w.s.chat.toPerson(w.agentB.personId)).toHaveLength(0);
  });

  it('lists lessons still in their head start under "open" only for the agent who has it', async () => {
    w = await bookingWorld(NOW);
    await pastVisit(w, w.teacher.personId, w.agentEn.personId, '2026-09-15T07:00:00Z');
    await offer(w, w.teacher);
    await offer(w, w.teacher, lesson({ start: '11:00', end: '11:45' }));
    await w.s.runJobs();
    const open = (await command(w.s, w.agentEn, 'open'))[0]!;
    expect(buttonsOf(open).filter((b) => b.actionId === 'booking.claim')).toHaveLength(2);
    expect(messageText((await command(w.s, w.agentA, 'ledige'))[0]!)).toContain('Der er ingen ledige lektioner, du kan tage lige nu.');
  });
});

describe('booking: mine, ledige and home', () => {
  it('shows a teacher upcoming visits and course progress, and an agent their week', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher } = w;
    const course = await s.runtime.db.course.create({
      data: {
        municipalityId: s.municipalityId,
        key: 'kl-2026',
        theme: 'klasseledelse',
        year: 2026,
        name: 'Klasseledelse',
        sessions: {
          create: [
            { number: 1, startsAt: new Date('2026-09-01T11:00:00Z'), endsAt: new Date('2026-09-01T14:00:00Z') },
            { number: 2, startsAt: new Date('2026-09-29T11:00:00Z'), endsAt: new Date('2026-09-29T14:00:00Z') },
            { number: 3, startsAt: new Date('2026-11-10T12:00:00Z'), endsAt: new Date('2026-11-10T15:00:00Z') },
          ],
        },
        participants: { create: [{ personId: teacher.personId }] },
      },
    });
    await s.runtime.db.slot.create({
      data: { schoolId: w.schoolId, teacherId: teacher.personId, createdById: teacher.personId, courseId: course.id, startsAt: new Date('2026-09-08T07:00:00Z'), endsAt: new Date('2026-09-08T07:45:00Z'), classGroup: '5.b', subject: 'dansk', status: 'held', agentId: w.agentB.personId },
    });
    await command(s, teacher, 'tilbyd');
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.fields.find((f) => f.id === 'course')?.options?.map((o) => o.label)).toEqual(['Vælg ud fra datoen', 'Klasseledelse', 'Intet forløb']);
    const slotId = await offer(w, teacher); // 26 October lies between session 2 and 3
    expect((await slotRow(slotId)).courseId).toBe(course.id);
    await s.runJobs();
    await click(s, w.agentB, 'booking.claim', slotId); // Bente gave the last feedback: her head start

    const mine = messageText((await command(s, teacher, 'mine'))[0]!);
    expect(mine).toContain('mandag 26. oktober 2026 kl. 09.00–09.45 – 5.b, dansk: Bente Berg kommer');
    expect(mine).toContain('Klasseledelse: 1 af 2 feedbacks – næste før kursusgang 3 den 10. november');

    await s.advanceTo('2026-10-26T06:00:00Z', 12 * 3_600_000); // Monday of week 44
    const agentView = messageText((await command(s, w.agentB, 'my'))[0]!);
    expect(agentView).toContain('Dine besøg som læringsagent');
    expect(agentView).toContain('Din uge (uge 44)');
    expect(agentView).toContain('mandag 26. oktober 2026 kl. 09.00–09.45 hos Tina Thomsen – 5.b, dansk');

    await s.advanceTo('2026-10-26T09:00:00Z');
    expect(messageText((await command(s, teacher, 'mine'))[0]!)).toContain('Klasseledelse: 2 af 2 feedbacks – målet er nået');
  });

  it('lists open lessons an agent may claim, with a button each, and shows them on the home view', async () => {
    w = await bookingWorld(NOW);
    const { s, teacher, agentEn, outsider } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    const open = (await command(s, agentEn, 'open'))[0]!;
    expect(messageText(open)).toContain('Open lessons');
    expect(messageText(open)).toContain('Monday 26 October 2026, 09:00–09:45 · Tina Thomsen · 5.b, dansk · Holmegårdsskolen');
    expect(buttonsOf(open).map((b) => [b.actionId, b.value])).toEqual([['booking.claim', slotId]]);
    expect(messageText((await command(s, outsider, 'ledige'))[0]!)).toContain('Der er ingen ledige lektioner, du kan tage lige nu.');
    expect(messageText((await command(s, teacher, 'ledige'))[0]!)).toContain('Du er ikke læringsagent eller konsulent på nogen skole');

    const home = await s.runtime.dispatcher.home(agentEn);
    expect(messageText(home)).toContain('Open lessons you can claim');
    expect(buttonsOf(home).map((b) => b.value)).toContain(slotId);
    expect(messageText(await s.runtime.dispatcher.home(teacher))).toContain('Kommende besøg');
  });
});

describe('booking: leaders plan feedback', () => {
  it('a leader offers on behalf of a teacher picked in the form; the teacher is told', async () => {
    w = await bookingWorld(NOW);
    const { s, leader, teacher } = w;
    await command(s, leader, 'tilbyd');
    const form = s.chat.lastFormFor(leader.personId)!;
    const select = form.fields.find((f) => f.id === 'teacher')!;
    expect(select.options?.map((o) => o.label)).toEqual(['Anders Andersen', 'Per Pedersen', 'Tina Thomsen']);
    const { result, responses } = await submit(s, leader, 'booking.offer', lesson({ teacher: teacher.personId }));
    expect(result).toEqual({ ok: true });
    expect(messageText(responses[0]!)).toContain('Lektionen for Tina Thomsen mandag 26. oktober 2026 kl. 09.00–09.45 (5.b, dansk) er tilbudt, og Tina Thomsen har fået besked.');
    const row = await s.runtime.db.slot.findFirstOrThrow();
    expect([row.teacherId, row.createdById]).toEqual([teacher.personId, leader.personId]);
    await s.runJobs();
    expect(lastText(s.chat.toPerson(teacher.personId))).toContain('Lone Leder har tilbudt en af dine lektioner til feedback: mandag 26. oktober 2026 kl. 09.00–09.45 (5.b, dansk).');
  });
});
