// With the school's bell schedule a teacher can offer "3. lektion" instead of typing times.
import { afterEach, expect, it } from 'vitest';
import { bookingWorld, lesson, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(() => w?.s.cleanup());

it('offers by lesson number: the bell schedule gives the start and a 45-minute lesson', async () => {
  w = await bookingWorld('2026-10-20T08:00:00Z');
  const { s, teacher, schoolId } = w;
  await s.runtime.db.school.update({ where: { id: schoolId }, data: { lessonTimes: JSON.stringify(['08:00', '08:50', '10:00', '10:50']) } });

  await s.runtime.dispatcher.command(teacher, 'tilbyd', s.chat.interaction(teacher));
  const field = s.chat.lastFormFor(teacher.personId)!.fields.find((f) => f.id === 'lesson')!;
  expect(field.options!.map((o) => o.label)).toEqual(['1. lektion (08:00)', '2. lektion (08:50)', '3. lektion (10:00)', '4. lektion (10:50)']);

  expect((await submit(s, teacher, 'booking.offer', lesson({ start: '', end: '', lesson: '9' }))).result).toMatchObject({ ok: false, errors: { lesson: 'Vælg en af lektionerne på listen.' } });
  expect(await s.runtime.db.slot.count()).toBe(0);

  expect((await submit(s, teacher, 'booking.offer', lesson({ start: '', end: '', lesson: '3' }))).result).toEqual({ ok: true });
  const slot = await s.runtime.db.slot.findFirstOrThrow();
  expect([slot.startsAt.toISOString(), slot.endsAt.toISOString()]).toEqual(['2026-10-26T09:00:00.000Z', '2026-10-26T09:45:00.000Z']); // 10:00–10:45 CET
});

it('does not offer lesson numbers without a bell schedule', async () => {
  w = await bookingWorld('2026-10-20T08:00:00Z');
  await w.s.runtime.dispatcher.command(w.teacher, 'tilbyd', w.s.chat.interaction(w.teacher));
  expect(w.s.chat.lastFormFor(w.teacher.personId)!.fields.some((f) => f.id === 'lesson')).toBe(false);
});
