// A pedagogue who works at two schools says where the lesson is; the choice is checked, not trusted.
import { afterEach, expect, it } from 'vitest';
import { bookingWorld, lesson, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(() => w?.s.cleanup());

it('asks which school when the teacher teaches at two, and only accepts one of them', async () => {
  w = await bookingWorld('2026-10-20T08:00:00Z');
  const { s } = w;
  const both = await s.person({ name: 'Dorthe Delt', roles: [['pedagogue', 'Holmegårdsskolen'], ['teacher', 'Kalbyrisskolen']] });
  const other = await s.school('Fensmark Skole');
  const kalby = await s.school('Kalbyrisskolen');

  const ix = s.chat.interaction(both);
  await s.runtime.dispatcher.command(both, 'tilbyd', ix);
  const schoolField = s.chat.lastFormFor(both.personId)!.fields.find((f) => f.id === 'school')!;
  expect(schoolField.options!.map((o) => o.label).sort()).toEqual(['Holmegårdsskolen', 'Kalbyrisskolen']);

  expect((await submit(s, both, 'booking.offer', lesson())).result).toEqual({ ok: false, errors: { school: 'Vælg den skole, hvor lektionen er.' } });
  expect((await submit(s, both, 'booking.offer', lesson({ school: other }))).result).toEqual({ ok: false, errors: { school: 'Vælg den skole, hvor lektionen er.' } });
  expect(await s.runtime.db.slot.count()).toBe(0);

  expect((await submit(s, both, 'booking.offer', lesson({ school: kalby }))).result).toEqual({ ok: true });
  expect(await s.runtime.db.slot.findFirstOrThrow()).toMatchObject({ schoolId: kalby, teacherId: both.personId });

  // A teacher at one school is not asked.
  await s.runtime.dispatcher.command(w.teacher, 'tilbyd', s.chat.interaction(w.teacher));
  expect(s.chat.lastFormFor(w.teacher.personId)!.fields.some((f) => f.id === 'school')).toBe(false);
});
