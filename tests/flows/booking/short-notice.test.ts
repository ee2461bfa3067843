// Short-notice lessons: the previous agent's head start must never swallow the time the other agents
// need — offered on a Friday afternoon for Monday morning, the others are told at once.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, lastText, lesson, pastVisit, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

describe('booking: head start on short notice', () => {
  it('gives no head start on Friday afternoon for a Monday-morning lesson: every agent hears now', async () => {
    // Friday 23 October 2026, 14:00 CEST; the lesson is Monday 26 October 09:00 CET.
    w = await bookingWorld('2026-10-23T12:00:00Z');
    const { s, teacher, agentA, agentB } = w;
    await pastVisit(w, teacher.personId, agentB.personId, '2026-09-15T07:00:00Z');
    const { result, responses } = await submit(s, teacher, 'booking.offer', lesson());
    expect(result).toEqual({ ok: true });
    expect(messageText(responses[0]!)).toContain('Læringsagenterne på Holmegårdsskolen får besked nu.');
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
  });

  it('shortens the head start so the others are told before the last two working days', async () => {
    // Tuesday 20 October 2026, 14:00 CEST; the lesson is Friday 23 October 09:00. Two working days
    // before is Wednesday 07:30 CEST — four working hours would run to Wednesday 09:30.
    w = await bookingWorld('2026-10-20T12:00:00Z');
    const { s, teacher, agentA, agentB } = w;
    await pastVisit(w, teacher.personId, agentB.personId, '2026-09-15T07:00:00Z');
    const { responses } = await submit(s, teacher, 'booking.offer', lesson({ date: '2026-10-23' }));
    expect(messageText(responses[0]!)).toContain('De andre læringsagenter på Holmegårdsskolen får besked onsdag 21. oktober 2026 kl. 07.30.');
    await s.runJobs();
    expect(lastText(s.chat.toPerson(agentB.personId))).toContain('Du gav Tina Thomsen feedback sidst');
    expect(s.chat.toPerson(agentA.personId)).toHaveLength(0);
    await s.advanceTo('2026-10-21T05:30:00Z');
    expect(lastText(s.chat.toPerson(agentA.personId))).toContain('Tina Thomsen tilbyder en lektion til feedback.');
  });
});
