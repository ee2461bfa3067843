// Jobs that run after the slot changed: a worker crashed while running a job, its lease ran out, and
// another worker picks it up again — after the teacher had moved the lesson. The old job must see
// that its version is gone and do nothing.
import { afterEach, describe, expect, it } from 'vitest';
import { bookingWorld, lastText, lesson, offer, submit, type BookingWorld } from './helpers.js';

let w: BookingWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

describe('booking: stale jobs', () => {
  it('an expiry job of the old time, picked up again after a crash, does not close the moved lesson', async () => {
    // Monday 26 October 2026 07:00 CET; the lesson is today 08:00–08:45 and nobody has claimed it.
    w = await bookingWorld('2026-10-26T06:00:00Z');
    const { s, teacher } = w;
    const slotId = await offer(w, teacher, lesson({ date: '2026-10-26', start: '08:00', end: '08:45' }));
    await s.runJobs();
    const expire = (await s.runtime.jobStore.list({ kind: 'booking.expire', status: 'pending' }))[0]!;
    expect(expire.dueAt.toISOString()).toBe('2026-10-26T07:00:00.000Z');

    // At 08:00 a worker takes the expiry job and dies before finishing it (lease 5 minutes).
    s.clock.set(new Date('2026-10-26T07:00:00Z'));
    expect(await s.runtime.jobStore.claim(expire.id, 'crashed-worker', s.clock.now(), new Date('2026-10-26T07:05:00Z'))).not.toBeNull();
    // Meanwhile the teacher moves the lesson to Wednesday.
    const moved = await submit(s, teacher, 'booking.move', { date: '2026-10-28', start: '10:00', end: '10:45' }, slotId);
    expect(moved.result).toEqual({ ok: true });

    await s.advanceTo('2026-10-26T07:30:00Z', 60_000);
    const row = await s.runtime.db.slot.findUniqueOrThrow({ where: { id: slotId } });
    expect(row.startsAt.toISOString()).toBe('2026-10-28T09:00:00.000Z');
    expect(row.status).toBe('open');
  });
});

describe('booking: jobs that run twice', () => {
  it('consultants are still told when an earlier run marked the slot escalated and crashed before telling them', async () => {
    // Tuesday 20 October 2026 10:00 CEST; the lesson is Monday 26 October.
    w = await bookingWorld('2026-10-20T08:00:00Z');
    const { s, teacher, consultant } = w;
    const slotId = await offer(w, teacher);
    await s.runJobs();
    // The first run of the consultants' job got as far as marking the slot, then the worker died.
    await s.runtime.db.slot.update({ where: { id: slotId }, data: { escalatedAt: new Date('2026-10-21T07:30:00Z') } });
    await s.advanceTo('2026-10-21T07:30:00Z');
    expect(lastText(s.chat.toPerson(consultant.personId))).toContain('Kan du tage den som konsulent?');
    await s.advanceTo('2026-10-22T06:00:00Z');
    expect(s.chat.toPerson(consultant.personId)).toHaveLength(1); // and only once
  });
});
