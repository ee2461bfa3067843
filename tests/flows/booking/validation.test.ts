// Every way an offer can be wrong gets its own clear message next to the field, in the user's
// language; bad input changes nothing (no slot, no job).
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { bookingWorld, command, lesson, offer, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

// Tuesday 6 October 2026, 10:00 CEST (week 41; week 42 is the autumn holiday).
const NOW = '2026-10-06T08:00:00Z';

async function errorsFor(values: Record<string, string>, actor = w.teacher): Promise<Record<string, string>> {
  const { result } = await submit(w.s, actor, 'booking.offer', values);
  if (result.ok) throw new Error('expected the offer to be rejected');
  return result.errors;
}

describe('booking: offer validation', () => {
  it('names each problem in Danish, next to its field, and stores nothing', async () => {
    w = await bookingWorld(NOW);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [lesson({ classGroup: '', subject: '' }), { classGroup: 'Skal udfyldes.', subject: 'Skal udfyldes.' }],
      [lesson({ date: '14-10-2026' }), { date: 'Skriv datoen som ÅÅÅÅ-MM-DD, fx 2026-10-14.' }],
      [lesson({ start: '9' }), { start: 'Skriv tidspunktet som TT:MM, fx 09:30.' }],
      [lesson({ date: '2026-10-05' }), { date: 'Tidspunktet er allerede passeret – vælg et tidspunkt senere end nu.' }],
      [lesson({ date: '2026-10-06', start: '08:00', end: '08:45' }), { start: 'Tidspunktet er allerede passeret – vælg et tidspunkt senere end nu.' }],
      [lesson({ date: '2027-12-01' }), { date: 'Vælg en dato inden for det næste år.' }],
      [lesson({ date: '2026-10-14' }), { date: '14. oktober 2026 ligger i efterårsferien (uge 42), så der er ingen undervisning – vælg en skoledag.' }],
      [lesson({ date: '2026-10-31' }), { date: '31. oktober 2026 er en lørdag, så der er ingen undervisning – vælg en skoledag.' }],
      [lesson({ date: '2027-05-06' }), { date: '6. maj 2027 er en helligdag (Kristi himmelfartsdag), så der er ingen undervisning – vælg en skoledag.' }],
      [lesson({ start: '10:00', end: '09:00' }), { end: 'Sluttidspunktet skal ligge efter starttidspunktet.' }],
      [lesson({ end: '', duration: '' }), { end: 'Udfyld enten sluttidspunkt eller varighed.' }],
      [lesson({ end: '', duration: '5' }), { duration: 'Varigheden skal være mellem 15 og 240 minutter.' }],
      [lesson({ start: '06:30', end: '07:15' }), { start: 'Lektionen skal ligge inden for skoledagen (07:30–16:00).' }],
      [lesson({ start: '15:30', end: '16:15' }), { end: 'Lektionen skal ligge inden for skoledagen (07:30–16:00).' }],
      [lesson({ classGroup: 'x'.repeat(41) }), { classGroup: 'Højst 40 tegn.' }],
      [lesson({ focus: 'x'.repeat(501) }), { focus: 'Højst 500 tegn.' }],
      [lesson({ course: 'not-a-course' }), { course: 'Vælg et af de forløb, der står på listen.' }],
    ];
    for (const [values, expected] of cases) expect(await errorsFor(values), JSON.stringify(values)).toEqual(expected);
    expect(await w.s.runtime.db.slot.count()).toBe(0);
    expect(await w.s.runtime.db.job.count()).toBe(0);
  });

  it('refuses an offer overlapping the same teacher’s other offer, but not another teacher’s', async () => {
    w = await bookingWorld(NOW);
    await offer(w, w.teacher, lesson({ date: '2026-10-08', start: '10:00', end: '10:45' }));
    expect(await errorsFor(lesson({ date: '2026-10-08', start: '10:30', end: '11:15' }))).toEqual({
      start: 'Der er allerede tilbudt en lektion i det tidsrum: torsdag 8. oktober 2026 kl. 10.00–10.45 (5.b, dansk).',
    });
    await offer(w, w.teacher, lesson({ date: '2026-10-08', start: '10:45', end: '11:30' })); // touching is fine
    await offer(w, w.teacher2, lesson({ date: '2026-10-08', start: '10:00', end: '10:45' }));
    expect(await w.s.runtime.db.slot.count()).toBe(3);
  });

  it('speaks English to an English-speaking teacher', async () => {
    w = await bookingWorld(NOW);
    const en = await w.s.person({ name: 'Ella Evans', locale: 'en', roles: [['teacher', 'Holmegårdsskolen']] });
    expect(await errorsFor(lesson({ date: '2026-10-14' }), en)).toEqual({
      date: '14 October 2026 is in the autumn holiday (uge 42), so there is no teaching – pick a school day.',
    });
    expect(await errorsFor(lesson({ date: '2026-10-31', start: '10:00', end: '09:00' }), en)).toEqual({
      date: '31 October 2026 is a Saturday, so there is no teaching – pick a school day.',
    });
    expect(await errorsFor(lesson({ start: '10:00', end: '09:00' }), en)).toEqual({ end: 'The end time must be after the start time.' });
    expect(await errorsFor(lesson({ date: '2026-10-05' }), en)).toEqual({ date: 'That time has already passed – pick a time later than now.' });
    expect(await errorsFor(lesson({ start: '06:30', end: '07:15' }), en)).toEqual({ start: 'The lesson must be within the school day (07:30–16:00).' });
    expect(await errorsFor(lesson({ subject: '' }), en)).toEqual({ subject: 'Required.' });
    await offer(w, en, lesson({ date: '2026-10-08' }));
    expect(await errorsFor(lesson({ date: '2026-10-08' }), en)).toEqual({
      start: 'A lesson has already been offered in that time: Thursday 8 October 2026, 09:00–09:45 (5.b, dansk).',
    });
  });

  it('lets only teachers, pedagogues and leaders offer; a leader only for their own school', async () => {
    w = await bookingWorld(NOW);
    const refused = await command(w.s, w.agentB, 'tilbyd');
    expect(messageText(refused[0]!)).toContain('Det er kun lærere, pædagoger og ledere, der kan tilbyde lektioner.');
    expect(w.s.chat.lastFormFor(w.agentB.personId)).toBeUndefined();
    // Forged submission of the form by someone who could never open it.
    const forged = await submit(w.s, w.agentB, 'booking.offer', lesson());
    expect(forged.result).toEqual({ ok: true });
    expect(messageText(forged.responses[0]!)).toContain('Det er kun lærere');

    const stranger = await w.s.person({ name: 'Sofie Andenskole', roles: [['teacher', 'Kalbyrisskolen']] });
    expect(await errorsFor(lesson({ teacher: stranger.personId }), w.leader)).toEqual({ teacher: 'Vælg en lærer eller pædagog fra din skole.' });
    expect(await errorsFor(lesson(), w.leader)).toEqual({ teacher: 'Vælg en lærer eller pædagog fra din skole.' });
    // A teacher cannot offer on behalf of a colleague by adding a field.
    expect(await errorsFor(lesson({ teacher: w.teacher2.personId }), w.teacher)).toEqual({ teacher: 'Vælg en lærer eller pædagog fra din skole.' });
    expect(await w.s.runtime.db.slot.count()).toBe(0);
  });
});
