// A lesson offered at short notice: the agents get half the working time that is left, then the
// consultants are asked and the teacher is told honestly — in time, not after the lesson.
import { afterEach, expect, it } from 'vitest';
import { bookingWorld, lastText, lesson, offer, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(() => w?.s.cleanup());

it('Friday 14:00 for Monday 09:00: agents first, consultants and an honest word to the teacher by Friday 16:00', async () => {
  w = await bookingWorld('2026-10-23T12:00:00Z'); // Friday 14:00 CEST, week 43
  const { s, teacher, consultant, agentA } = w;
  await offer(w, teacher, lesson({ date: '2026-10-26', start: '09:00', end: '09:45' }));
  await s.advanceTo('2026-10-23T12:20:00Z', 60_000);
  expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
  expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);

  // Announced at 14:01: 1 h 59 min of Friday and 1 h 30 min of Monday are left; half is 1 h 44.5 min.
  await s.advanceTo('2026-10-23T13:45:00Z', 60_000);
  expect(s.chat.toPerson(consultant.personId)).toHaveLength(0);
  await s.advanceTo('2026-10-23T13:47:00Z', 60_000);
  expect(lastText(s.chat.toPerson(consultant.personId))).toContain('Ingen læringsagent har taget lektionen endnu. Kan du tage den som konsulent?');
  expect(s.chat.toPerson(teacher.personId).map((m) => m.message.summary)).toContain('Ingen har taget din lektion endnu');
});
