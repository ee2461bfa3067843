// Erasing a teacher (sparring gdpr erase) must not change what leaders are told: her visits stay as
// anonymous counts, her reflection as "answered" without text.
import { afterEach, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { PersonalDataRepository } from '../../../src/store/personal-data-repository.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const SCHOOL = 'Holsted Skole';

async function digestAfter(erase: boolean): Promise<string> {
  s = await createScenario({ now: '2026-11-25T09:00:00Z', flows: [createDigestFlow] }); // Wednesday, week 48
  const db = s.runtime.db;
  const schoolId = await s.school(SCHOOL);
  await s.person({ name: 'Søren Møller', roles: [['leader', SCHOOL]] });
  await s.runtime.directory.linkChannel({ schoolId, purpose: 'leadership', platform: 'local', tenantId: '', channelId: 'ledelse' });
  const course = await db.course.create({
    data: {
      municipalityId: s.municipalityId, key: 'kl-2026', theme: 'klasseledelse', year: 2026, name: 'Klasseledelse', feedbackTarget: 2,
      schools: { create: { schoolId } },
      sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] },
    },
  });
  const teachers: string[] = [];
  for (let i = 0; i < 6; i++) {
    const t = await s.person({ name: `Lærer ${String.fromCharCode(65 + i)}`, roles: [['teacher', SCHOOL]] });
    await db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId } });
    teachers.push(t.personId);
  }
  const visit = (i: number, startsAt: string, status: string) =>
    db.slot.create({ data: { schoolId, courseId: course.id, teacherId: teachers[i]!, createdById: teachers[i]!, startsAt: new Date(startsAt), endsAt: new Date(Date.parse(startsAt) + 45 * 60_000), classGroup: '6.a', subject: 'Matematik', focus: 'Lærer A’s eget fokus', status } });
  // Teacher A: two held visits (target reached) and a written reflection; B–E once; F unclaimed.
  const held = [];
  for (const [i, day] of [[0, '23'], [0, '24'], [1, '24'], [2, '25'], [3, '26'], [4, '26']] as const) held.push(await visit(i, `2026-11-${day}T08:00:00Z`, 'held'));
  await visit(5, '2026-11-27T08:00:00Z', 'unclaimed');
  const r = await db.reflection.create({ data: { slotId: held[0]!.id, personId: teachers[0]!, status: 'answered' } });
  await db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'learning', text: 'HEMMELIG REFLEKSION' } });

  if (erase) {
    const report = await new PersonalDataRepository(db).erase(teachers[0]!, s.clock.now());
    expect(report).toMatchObject({ deleted: { ReflectionAnswer: 1 }, visitsKept: 2 });
    expect(await db.reflectionAnswer.count()).toBe(0);
  }
  await s.runtime.dispatcher.startFlows();
  await s.advanceTo('2026-11-30T07:30:00Z', 60 * 60_000); // Monday 08:30
  const posts = s.chat.toChannel(schoolId, 'leadership');
  expect(posts).toHaveLength(1);
  const text = messageText(posts[0]!.message);
  await s.cleanup();
  return text;
}

it('the weekly digest reads the same after a teacher with visits and a reflection is erased', async () => {
  const untouched = await digestAfter(false);
  expect(untouched).toContain('Gennemførte besøg i uge 48: 6');
  expect(untouched).toContain('Klasseledelse: 1 af 6 deltagere har fået 2 feedbacks. 6 besøg i alt, 1 med refleksion.');
  expect(await digestAfter(true)).toBe(untouched);
});
