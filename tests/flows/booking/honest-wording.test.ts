// A confirmation says when people will really be told: an offer made on a Friday evening tells the
// teacher the agents hear of it Monday at 07.30 — the moment the job engine actually sends it.
import { afterEach, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, lesson, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

it('an offer made after school says the agents are told when the school day begins, and they are', async () => {
  w = await bookingWorld('2026-10-23T16:00:00Z'); // Friday 18.00 in Copenhagen
  const { responses } = await submit(w.s, w.teacher, 'booking.offer', lesson({ date: '2026-11-04' }));
  expect(messageText(responses[0]!)).toContain('Læringsagenterne på Holmegårdsskolen får besked mandag 26. oktober 2026 kl. 07.30, når skoledagen begynder.');

  // The promise is the job engine's own: the announcement's delivery waits for that very moment.
  await w.s.runJobs();
  expect(w.s.chat.toPerson(w.agentA.personId)).toHaveLength(0);
  await w.s.advanceTo('2026-10-26T06:29:00Z');
  expect(w.s.chat.toPerson(w.agentA.personId)).toHaveLength(0);
  await w.s.advanceTo('2026-10-26T06:30:00Z');
  expect(w.s.chat.toPerson(w.agentA.personId)).toHaveLength(1);
});

it('in working hours it says "now", in the teacher’s own language', async () => {
  w = await bookingWorld('2026-10-22T09:00:00Z'); // Thursday 11.00
  const english = await w.s.person({ name: 'Tom Teacher', locale: 'en', roles: [['teacher', 'Holmegårdsskolen']] });
  const { responses } = await submit(w.s, english, 'booking.offer', lesson({ date: '2026-11-04' }));
  expect(messageText(responses[0]!)).toContain('The learning agents at Holmegårdsskolen are being told now.');
});
