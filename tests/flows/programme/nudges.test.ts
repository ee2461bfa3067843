// A course year with the injected clock: nudges arrive when a feedback window opens and a week
// before it closes — exactly once each, at messageable moments only (not in the autumn holiday, not
// after hours), never to someone who turned prompts off, and no reminder for someone who booked.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { isMessageable } from '../../../src/domain/calendar/index.js';
import { click, command, submit } from '../booking/helpers.js';
import { programmeWorld, type ProgrammeWorld } from './world.js';

let w: ProgrammeWorld;
afterEach(async () => {
  await w?.s.cleanup();
});

const OFFER = 'booking.offerForCourse';
const nudgesTo = (personId: string) => w.log.filter((d) => d.to === personId && buttonsOf(d.message.message).some((b) => b.actionId === OFFER));
const nudgeTexts = (personId: string) => nudgesTo(personId).map((d) => messageText(d.message.message));

describe('programme: nudges over a course year', () => {
  it('nudges at each window start and a week before it closes, once each, in working hours only', async () => {
    w = await programmeWorld('2026-09-07T06:00:00Z'); // Monday 7 September, 08:00
    const { s, tina, per, emma, olga, agentA } = w;
    await s.runtime.dispatcher.startFlows();

    // Session 1 ends Tuesday 8 September at 16:00 — after working hours, so the nudge waits for Wednesday 07:30.
    await w.advanceTo('2026-09-09T05:00:00Z');
    expect(nudgesTo(tina.personId)).toHaveLength(0);
    await w.advanceTo('2026-09-09T06:00:00Z');
    expect(nudgeTexts(tina.personId)).toEqual([expect.stringContaining('Hej Tina! Nu hvor kursusgang 1 i Klasseledelse er overstået')]);
    expect(nudgeTexts(tina.personId)[0]).toContain('før kursusgang 2 den 20. oktober');
    // Each nudge says how to turn them off, with the command in her language.
    expect(nudgeTexts(tina.personId)[0]).toContain('indstillinger');
    expect(nudgeTexts(emma.personId)[0]).toContain('settings');
    expect(nudgeTexts(emma.personId)).toEqual([expect.stringContaining('Hi Emma! Now that session 1 of Klasseledelse is over')]);
    expect(nudgesTo(per.personId)).toHaveLength(1);
    expect(nudgesTo(olga.personId)).toHaveLength(0); // prompts off

    // The button opens the offer form with the course chosen.
    const button = buttonsOf(nudgesTo(per.personId)[0]!.message.message).find((b) => b.actionId === OFFER)!;
    expect(button.value).toBe(w.courseId);
    await click(s, per, OFFER, button.value);
    expect(s.chat.lastFormFor(per.personId)?.fields.find((f) => f.id === 'course')?.initial).toBe(w.courseId);

    // `mine` shows the progress against the window.
    expect(messageText((await command(s, tina, 'mine'))[0]!)).toContain('Klasseledelse: 0 af 2 feedbacks – næste før kursusgang 2 den 20. oktober');
    expect(messageText((await command(s, emma, 'my'))[0]!)).toContain('Klasseledelse: 0 of 2 feedbacks – next one before session 2 on 20 October');

    // Per books a lesson in the window and an agent takes it.
    const { result } = await submit(s, per, 'booking.offer', { date: '2026-09-22', start: '09:00', end: '09:45', classGroup: '3.a', subject: 'natur/teknologi', course: w.courseId });
    expect(result).toEqual({ ok: true });
    const slot = await s.runtime.db.slot.findFirstOrThrow({ where: { teacherId: per.personId } });
    expect(slot.courseId).toBe(w.courseId);
    await s.runJobs();
    expect(await click(s, agentA, 'booking.claim', slot.id)).toContain('Den er din!');

    // Through the autumn holiday (week 42): window 1's reminder (due Tuesday 13 October) waits for Monday 19 October.
    await w.advanceTo('2026-10-19T07:00:00Z');
    const tinaNudges = nudgesTo(tina.personId);
    expect(tinaNudges).toHaveLength(2);
    expect(tinaNudges[1]!.at.toISOString()).toBe('2026-10-19T06:00:00.000Z');
    expect(messageText(tinaNudges[1]!.message.message)).toContain('om en uge er det kursusgang 2 i Klasseledelse (20. oktober)');
    expect(nudgesTo(emma.personId)).toHaveLength(2);
    expect(nudgesTo(per.personId)).toHaveLength(1); // booked (and held): no reminder
    expect(nudgesTo(olga.personId)).toHaveLength(0);
    expect(w.log.filter((d) => d.at >= new Date('2026-10-11T22:00:00Z') && d.at < new Date('2026-10-17T22:00:00Z'))).toEqual([]);

    // Window 2 opens after session 2 (Tuesday 20 October, 16:00): nudged Wednesday; Per owes one more now.
    await w.advanceTo('2026-10-21T07:00:00Z');
    expect(nudgesTo(tina.personId)).toHaveLength(3);
    expect(nudgeTexts(per.personId).at(-1)).toContain('Nu hvor kursusgang 2 i Klasseledelse er overstået');
    expect(messageText((await command(s, per, 'mine'))[0]!)).toContain('Klasseledelse: 1 af 2 feedbacks – næste før kursusgang 3 den 1. december');

    // Its reminder a week before session 3; then the window after the last session opens.
    await w.advanceTo('2026-12-02T08:00:00Z', 3 * 3_600_000);
    expect(nudgeTexts(tina.personId).slice(3)).toEqual([
      expect.stringContaining('om en uge er det kursusgang 3 i Klasseledelse (1. december)'),
      expect.stringContaining('Klasseledelse har haft sin sidste kursusgang'),
    ]);
    expect(nudgesTo(per.personId)).toHaveLength(4);
    expect(nudgesTo(olga.personId)).toHaveLength(0);

    // A month more: no repeats (the daily plan ran every day meanwhile).
    await w.advanceTo('2027-01-05T08:00:00Z', 6 * 3_600_000);
    expect(nudgesTo(tina.personId)).toHaveLength(5);
    expect(nudgesTo(emma.personId)).toHaveLength(5);

    // Every nudge went out at a messageable moment.
    const settings = await s.runtime.calendar(s.municipalityId);
    const deliveries = await s.runtime.db.job.findMany({ where: { idempotencyKey: { startsWith: 'programme:nudge:' } } });
    expect(deliveries).toHaveLength(5 + 5 + 4);
    for (const d of deliveries) {
      expect(d.status).toBe('done');
      expect(isMessageable(d.dueAt, settings)).toBe(true);
    }
  }, 240_000);
});

describe('programme: a course imported late, a session moved', () => {
  it('no start nudge once the window is weeks old; a moved session moves the reminder, still sent once', async () => {
    w = await programmeWorld('2026-10-01T06:00:00Z'); // window 1 opened on 8 September
    const { s, tina } = w;
    await s.runtime.dispatcher.startFlows();
    await w.advanceTo('2026-10-14T10:00:00Z', 3 * 3_600_000);
    expect(nudgesTo(tina.personId)).toHaveLength(0);
    // The reminder for 20 October is planned (and waits out the holiday) — then session 2 moves a week.
    const planned = await s.runtime.db.job.findMany({ where: { kind: 'programme.windowReminder' } });
    expect(planned.map((j) => j.dueAt.toISOString())).toEqual(['2026-10-19T05:30:00.000Z']);
    await s.runtime.db.courseSession.update({
      where: { courseId_number: { courseId: w.courseId, number: 2 } },
      data: { startsAt: new Date('2026-10-27T12:00:00Z'), endsAt: new Date('2026-10-27T15:00:00Z') },
    });
    await w.advanceTo('2026-10-22T10:00:00Z');
    const texts = nudgeTexts(tina.personId);
    expect(texts).toEqual([expect.stringContaining('om en uge er det kursusgang 2 i Klasseledelse (27. oktober)')]);
    expect(nudgesTo(tina.personId)[0]!.at.toISOString()).toBe('2026-10-20T12:00:00.000Z');
  }, 120_000);
});

describe('programme: the nudge button', () => {
  it('pre-selects only one of the person’s own courses; any other value leaves the choice to the date', async () => {
    w = await programmeWorld('2026-09-09T06:00:00Z');
    const { s, tina, agentA } = w;
    await click(s, tina, OFFER, w.courseId);
    expect(s.chat.lastFormFor(tina.personId)?.fields.find((f) => f.id === 'course')?.initial).toBe(w.courseId);
    await click(s, tina, OFFER, 'someone-elses-course');
    expect(s.chat.lastFormFor(tina.personId)?.fields.find((f) => f.id === 'course')?.initial).toBe('auto');
    // Not a participant: the form has no course field to fill in.
    await click(s, agentA, OFFER, w.courseId);
    expect(s.chat.lastFormFor(agentA.personId)).toBeUndefined();
  });
});
