// The weekly digest through the real Teams adapter and the fake connector: the headline card in the
// leadership channel carries the chart as a data-URI image (with alt text) within Teams' 28 kB
// activity limit, and the details follow as a reply in the same conversation.
import { expect, it } from 'vitest';
import { TEAMS_ACTIVITY_MAX_BYTES } from '../../../src/bot/teams/render/card.js';
import { createAdminFlow } from '../../../src/flows/admin/index.js';
import { createDigestFlow } from '../../../src/flows/digest/index.js';
import { cardOf, cardText } from './fake-connector.js';
import { startTeamsCheckingCards } from './checked-cards.js';

const LEADERS = '19:ledelse@thread.tacv2';
const SCHOOL = 'Holmegårdsskolen';
const startTeams = startTeamsCheckingCards();

it('posts the digest card with the chart image to the leadership channel and the details as a reply', async () => {
  const h = await startTeams({ now: '2026-11-25T09:00:00Z', flows: [createDigestFlow, createAdminFlow] });
  const karen = await h.user({ name: 'Karen Koordinator', roles: [['coordinator', SCHOOL], ['leader', SCHOOL]] });
  await h.message(karen, `forbind ledelse ${SCHOOL}`, { channel: LEADERS });
  const db = h.scenario.runtime.db;
  const schoolId = await h.scenario.school(SCHOOL);
  const course = await db.course.create({
    data: { municipalityId: h.scenario.municipalityId, key: 'kl', theme: 'klasseledelse', year: 2026, name: 'Klasseledelse', schools: { create: { schoolId } }, sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] } },
  });
  for (let i = 0; i < 5; i++) {
    const t = await h.user({ name: `Lærer ${String.fromCharCode(65 + i)}`, roles: [['teacher', SCHOOL]] });
    await db.courseParticipant.create({ data: { courseId: course.id, personId: t.personId! } });
    await db.slot.create({ data: { schoolId, courseId: course.id, teacherId: t.personId!, createdById: t.personId!, startsAt: new Date(`2026-11-2${3 + i}T08:00:00Z`), endsAt: new Date(`2026-11-2${3 + i}T08:45:00Z`), classGroup: '6.a', subject: 'Dansk', status: 'held' } });
  }
  await h.scenario.runtime.dispatcher.startFlows();
  h.fake.clear();
  await h.scenario.advanceTo('2026-11-30T07:30:00Z', 30 * 60_000); // Monday 08:30

  const sent = h.fake.delivered().filter((c) => c.conversationId.startsWith(LEADERS));
  const cards = sent.map((c) => cardOf(c.body)).filter(Boolean);
  const all = cards.map(cardText).join('\n');
  expect(all).toContain('Ugens feedback på Holmegårdsskolen – uge 48');
  expect(all).toContain('5 besøg i alt');
  const images = cards.flatMap((c: any) => c.body.filter((el: any) => el.type === 'Image'));
  expect(images).toHaveLength(1);
  expect(images[0].url).toMatch(/^data:image\/png;base64,iVBORw0KGgo/); // the PNG signature, base64
  expect(images[0].altText).toContain('uge 48: 5');
  for (const c of sent) expect(Buffer.byteLength(JSON.stringify(c.body))).toBeLessThan(TEAMS_ACTIVITY_MAX_BYTES);
  // The details are a reply in the headline post's thread (conversation id ";messageid=<headline>").
  const headline = sent.find((c) => cardText(cardOf(c.body)).includes('Ugens feedback'))!;
  const details = sent.find((c) => cardText(cardOf(c.body)).includes('5 besøg i alt'))!;
  expect(details.conversationId).toBe(`${LEADERS};messageid=${headline.responseId}`);
});
