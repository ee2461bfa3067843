// `overblik` gives a leader the digest now, privately; `overblik kommune` gives a coordinator every
// school side by side. Same privacy rule as the weekly digest.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

async function schoolWithVisits(name: string, teachers: number) {
  const schoolId = await s.school(name);
  const course = await s.runtime.db.course.create({
    data: { municipalityId: s.municipalityId, key: `kl-${name}`, theme: 'klasseledelse', year: 2026, name: 'Klasseledelse', schools: { create: { schoolId } }, sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] } },
  });
  const people: Actor[] = [];
  for (let i = 0; i < teachers; i++) {
    const t = await s.person({ name: `${name} Lærer ${String.fromCharCode(65 + i)}`, roles: [['teacher', name]] });
    await s.runtime.db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId } });
    await s.runtime.db.slot.create({ data: { schoolId, courseId: course.id, teacherId: t.personId, createdById: t.personId, startsAt: new Date(`2026-11-${16 + (i % 5)}T08:00:00Z`), endsAt: new Date(`2026-11-${16 + (i % 5)}T08:45:00Z`), classGroup: '6.a', subject: 'Dansk', status: 'held' } });
    people.push(t);
  }
  return { schoolId, course, people };
}

describe('overblik', () => {
  it('shows a leader their school’s digest now, privately — and the same before and after one teacher reflects', async () => {
    s = await createScenario({ now: '2026-11-25T09:00:00Z', flows: [createDigestFlow] });
    const { schoolId, people } = await schoolWithVisits('Holsted Skole', 6);
    const leader = await s.person({ name: 'Søren Møller', roles: [['leader', 'Holsted Skole']] });
    const ask = async () => {
      const ix = s.chat.interaction(leader);
      await s.runtime.dispatcher.command(leader, 'overblik', ix);
      return ix.responses;
    };
    const before = await ask();
    expect(before).toHaveLength(2);
    const out = messageText(before[0]!);
    expect(out).toContain('Overblik over feedback på Holsted Skole – uge 48');
    expect(out).toContain('Klasseledelse: under 5 lærere af 6 deltagere har fået 2 feedbacks.');
    expect(before[0]!.blocks.some((b) => b.type === 'image')).toBe(true);
    expect(messageText(before[1]!)).toContain('6 besøg i alt');
    expect(s.chat.toChannel(schoolId, 'leadership')).toHaveLength(0);

    // Teacher A reflects on her visit during the week: asking again shows exactly the same.
    const slot = await s.runtime.db.slot.findFirstOrThrow({ where: { teacherId: people[0]!.personId } });
    await s.runtime.db.reflection.create({ data: { slotId: slot.id, personId: people[0]!.personId, status: 'answered', answeredAt: new Date('2026-11-25T10:00:00Z') } });
    s.clock.set(new Date('2026-11-25T12:00:00Z'));
    expect(JSON.stringify(await ask())).toBe(JSON.stringify(before));
  });

  it('is for leaders: a teacher gets a kind no', async () => {
    s = await createScenario({ now: '2026-11-25T09:00:00Z', flows: [createDigestFlow] });
    const { people } = await schoolWithVisits('Holsted Skole', 5);
    const ix = s.chat.interaction(people[0]!);
    await s.runtime.dispatcher.command(people[0]!, 'overview', ix);
    expect(messageText(ix.responses[0]!)).toContain('Overblikket er for skolens ledelse');
  });

  it('overblik kommune shows a coordinator every school side by side, small groups hidden', async () => {
    s = await createScenario({ now: '2026-11-25T09:00:00Z', flows: [createDigestFlow] });
    await schoolWithVisits('Holsted Skole', 6);
    await schoolWithVisits('Fensmark Skole', 3);
    const coordinator = await s.person({ name: 'Karen Østergaard', roles: [['coordinator', 'Holsted Skole']] });
    const ix = s.chat.interaction(coordinator);
    await s.runtime.dispatcher.command(coordinator, 'overblik kommune', ix);
    const out = messageText(ix.responses[0]!);
    expect(out).toContain('Feedback i Næstved Kommune – uge 48');
    expect(out).toContain('Holsted Skole – besøg i ugen: under 5 lærere');
    expect(out).toContain('Klasseledelse: under 5 lærere af 6 har nået målet');
    expect(out).toContain('Fensmark Skole');
    expect(out).toContain('Klasseledelse: færre end 5 deltagere');
    expect(out).not.toMatch(/Lærer [A-F]/);

    const teacher = (await s.runtime.db.person.findFirstOrThrow({ where: { name: 'Holsted Skole Lærer A' } })).id;
    const asTeacher = { ...coordinator, personId: teacher };
    const ix2 = s.chat.interaction(asTeacher);
    await s.runtime.dispatcher.command(asTeacher, 'overview municipality', ix2);
    expect(messageText(ix2.responses[0]!)).toContain('for programkoordinatoren');
  });
});
