// Leaders get one digest per school per week, Monday morning, with counts only.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const SCHOOL = 'Holsted Skole';

async function setup(opts: { participants: number; now?: string; linkChannel?: boolean }) {
  s = await createScenario({ now: opts.now ?? '2026-11-25T09:00:00Z', flows: [createDigestFlow] }); // Wednesday, week 48
  const schoolId = await s.school(SCHOOL);
  const leader = await s.person({ name: 'Søren Møller', roles: [['leader', SCHOOL]] });
  if (opts.linkChannel !== false) await s.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'local', tenantId: '', channelId: 'ledelse' });
  const course = await s.runtime.db.course.create({
    data: {
      municipalityId: s.municipalityId,
      key: 'kl-2026',
      theme: 'klasseledelse',
      year: 2026,
      name: 'Klasseledelse',
      feedbackTarget: 2,
      schools: { create: { schoolId } },
      sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] },
    },
  });
  const teachers: Actor[] = [];
  for (let i = 0; i < opts.participants; i++) {
    const t = await s.person({ name: `Lærer ${String.fromCharCode(65 + i)}`, roles: [['teacher', SCHOOL]] });
    await s.runtime.db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId } });
    teachers.push(t);
  }
  const visit = async (teacherIdx: number, startsAt: string, status: string) =>
    s.runtime.db.slot.create({
      data: { schoolId, courseId: course.id, teacherId: teachers[teacherIdx]!.personId, createdById: teachers[teacherIdx]!.personId, startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 45 * 60_000), classGroup: '6.a', subject: 'Matematik', status },
    });
  return { schoolId, leader, teachers, visit };
}

describe('weekly digest', () => {
  it('posts last week’s counts to the leadership channel on Monday at 08:00 — once, and no reflection text', async () => {
    const { schoolId, visit } = await setup({ participants: 6 });
    // Week 48: teacher A twice (target reached), B, C, D, E once → 6 held; one lesson nobody claimed.
    const held: { id: string; teacherId: string }[] = [];
    for (const [i, day] of [[0, '23'], [0, '24'], [1, '24'], [2, '25'], [3, '26'], [4, '26']] as const) held.push(await visit(i, `2026-11-${day}T08:00:00Z`, 'held'));
    await visit(5, '2026-11-27T08:00:00Z', 'unclaimed');
    await visit(5, '2026-12-01T08:00:00Z', 'claimed');
    const r = await s.runtime.db.reflection.create({ data: { slotId: held[0]!.id, personId: held[0]!.teacherId, status: 'answered' } });
    await s.runtime.db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'learning', text: 'HEMMELIG REFLEKSION' } });

    await s.runtime.dispatcher.startFlows();
    await s.runtime.dispatcher.startFlows(); // a second instance starting changes nothing
    await s.advanceTo('2026-11-30T06:59:00Z', 60 * 60_000);
    expect(s.chat.toChannel(schoolId, 'leadership')).toHaveLength(0);
    await s.advanceTo('2026-11-30T07:30:00Z', 15 * 60_000); // Monday 08:30
    const posts = s.chat.toChannel(schoolId, 'leadership');
    expect(posts).toHaveLength(1);
    const out = messageText(posts[0]!.message);
    expect(out).toContain('Ugens feedback på Holsted Skole – uge 48');
    expect(out).toContain('Gennemførte besøg i uge 48: 6');
    expect(out).toContain('Lektioner, ingen nåede at tage: 1');
    expect(out).toContain('Planlagte besøg de næste 7 dage: 1');
    expect(out).toContain('Klasseledelse: 1 af 6 deltagere har fået 2 feedbacks. 6 besøg i alt, 1 med refleksion.');
    expect(out).not.toContain('HEMMELIG');
    expect(out).not.toContain('kan ikke nås');
    expect(out).not.toMatch(/Lærer [A-F]/);

    await s.advanceTo('2026-12-03T12:00:00Z', 6 * 3_600_000);
    expect(s.chat.toChannel(schoolId, 'leadership')).toHaveLength(1);
  });

  it('does not show figures for a course with fewer than five participants', async () => {
    const { schoolId, visit } = await setup({ participants: 3 });
    await visit(0, '2026-11-24T08:00:00Z', 'held');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const out = messageText(s.chat.toChannel(schoolId, 'leadership')[0]!.message);
    expect(out).toContain('færre end 5 deltagere på skolen, så tallene vises ikke');
    expect(out).not.toContain('af 3 deltagere');
  });

  it('hides the reflection count when fewer than five visits were held', async () => {
    const { schoolId, visit } = await setup({ participants: 5 });
    await visit(0, '2026-11-24T08:00:00Z', 'held');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const out = messageText(s.chat.toChannel(schoolId, 'leadership')[0]!.message);
    expect(out).toContain('Klasseledelse: 0 af 5 deltagere har fået 2 feedbacks. 1 besøg i alt.');
    expect(out).not.toContain('refleksion.');
  });

  it('writes to the leaders directly when no leadership channel is linked', async () => {
    const { leader } = await setup({ participants: 5, linkChannel: false });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    expect(s.chat.toPerson(leader.personId).map((m) => m.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 48']);
  });

  it('sends nothing for the autumn holiday week, and last week’s digest only after it', async () => {
    // Wednesday of week 41, 2026.
    const { schoolId } = await setup({ participants: 5, now: '2026-10-07T09:00:00Z' });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-10-19T05:00:00Z', 3 * 3_600_000); // through week 42
    expect(s.chat.toChannel(schoolId, 'leadership')).toHaveLength(0);
    await s.advanceTo('2026-10-19T07:00:00Z', 30 * 60_000); // Monday of week 43, 09:00
    const posts = s.chat.toChannel(schoolId, 'leadership');
    expect(posts.map((p) => p.message.summary)).toEqual(['Ugens feedback på Holsted Skole, uge 41']);
    await s.advanceTo('2026-10-27T08:00:00Z', 3 * 3_600_000);
    expect(s.chat.toChannel(schoolId, 'leadership').map((p) => p.message.summary)).toEqual([
      'Ugens feedback på Holsted Skole, uge 41',
      'Ugens feedback på Holsted Skole, uge 43',
    ]);
  });

  it('counts staff the bot cannot reach: marked unreachable, or never seen on the platform', async () => {
    const { schoolId, teachers } = await setup({ participants: 5 });
    s.chat.unreachable.add(teachers[0]!.personId);
    await s.runtime.chat.sendToPerson(teachers[0]!.personId, () => ({ summary: 'x', blocks: [] })).catch(() => undefined);
    const newcomer = await s.runtime.db.person.create({ data: { municipalityId: s.municipalityId, email: 'ny@skole.dk', name: 'Ny Kollega' } });
    await s.runtime.db.membership.create({ data: { personId: newcomer.id, schoolId, role: 'teacher' } });
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-11-30T08:00:00Z', 60 * 60_000);
    const out = messageText(s.chat.toChannel(schoolId, 'leadership')[0]!.message);
    expect(out).toContain('2 medarbejder(e) kan ikke nås af Sparring.');
  });
});
