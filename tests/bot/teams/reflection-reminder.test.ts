// Issue #11 on Teams, the timed part: an unanswered prompt gets one reminder in her 1:1 chat two
// working days later and never more, then expires quietly; `indstillinger` turns prompts off (the next
// visit's reflection waits in `refleksioner`, no card arrives) and on again (the next one is asked).
// Through the real Teams adapter over loopback; the jobs run on the scenario's clock.
import { expect, it } from 'vitest';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import { createSettingsFlow } from '../../../src/flows/settings/index.js';
import { settingsTexts as S } from '../../../src/flows/settings/texts.js';
import { cardOf, cardText } from './fake-connector.js';
import { buttons, click, say, SCHOOL, unmark, useTeamsVisits, type TeamsVisit } from './reflection-fixture.js';

const startVisit = useTeamsVisits();
let v: TeamsVisit | undefined;

/** A catalogue text up to its first placeholder that the test cannot know (a formatted date). */
const upTo = (full: string) => full.split('§')[0]!;

it('reminds once two working days later, then expires quietly; settings off keeps the next prompt away, on brings it back', async () => {
  v = await startVisit({ flows: [createReflectionFlow, createSettingsFlow] });
  const { h, teacher, agent } = v;
  const s = h.scenario;
  const toTeacher = () => h.fake.delivered('send', 'reply', 'create').filter((c) => c.conversationId === teacher.personalConversationId && cardOf(c.body));
  h.fake.clear();

  // Tuesday 11:10 → one reminder by Friday noon (its exact time is the flow's test), with the buttons to answer.
  await s.advanceTo('2026-11-27T12:00:00Z', 30 * 60_000);
  const reminders = toTeacher();
  expect(reminders).toHaveLength(1);
  const reminder = unmark(cardText(cardOf(reminders[0]!.body)));
  expect(reminder).toContain(upTo(T.plain('da', 'nudge', { name: 'Mette', subject: 'Dansk', date: '§' })));
  expect(buttons(cardOf(reminders[0]!.body)).map((b) => b.verb)).toEqual(['reflection.chat', 'reflection.open']);

  // Never a second one; after 14 days the reflection closes without a word.
  await s.advanceTo('2026-12-10T12:00:00Z', 6 * 3_600_000);
  expect(toTeacher()).toHaveLength(1);
  expect(await s.runtime.db.reflection.findFirst({ where: { slotId: v.slotId } })).toMatchObject({ status: 'expired' });

  // Settings off.
  const settings = await say(h, teacher, 'indstillinger');
  expect(settings.text).toContain(S.plain('da', 'title'));
  expect(settings.text).toContain(S.plain('da', 'promptsOn'));
  const off = settings.cards.flatMap(buttons).find((b) => b.title === S.plain('da', 'turnOff'))!;
  expect((await click(h, teacher, off.verb!, off.data!, 'act-settings-1')).text).toContain(S.plain('da', 'turnedOff'));
  expect(await s.runtime.db.person.findUnique({ where: { id: teacher.personId! } })).toMatchObject({ promptsOff: true });

  const visit = async (day: string) => {
    const slot = await s.runtime.db.slot.create({
      data: { schoolId: await s.school(SCHOOL), teacherId: teacher.personId!, createdById: teacher.personId!, agentId: agent.personId, startsAt: new Date(`${day}T09:00:00Z`), endsAt: new Date(`${day}T09:45:00Z`), classGroup: '6.a', subject: 'Matematik', status: 'held' },
    });
    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: `slot:${slot.id}:reflection` });
    await s.runJobs();
    return slot.id;
  };
  h.fake.clear();
  const quiet = await visit('2026-12-10');
  await s.advanceTo('2026-12-15T12:00:00Z', 6 * 3_600_000); // past when a reminder would have come
  expect(toTeacher()).toHaveLength(0);
  expect(await s.runtime.db.reflection.findFirst({ where: { slotId: quiet } })).toMatchObject({ status: 'pending' });
  // It waits in `refleksioner`.
  expect((await say(h, teacher, 'refleksioner')).text).toContain(upTo(T.plain('da', 'listPending', { subject: 'Matematik', group: '6.a', date: '§' })));

  // Settings on again: the next visit is asked about.
  const again = await say(h, teacher, 'indstillinger');
  expect(again.text).toContain(S.plain('da', 'promptsOff'));
  const on = again.cards.flatMap(buttons).find((b) => b.title === S.plain('da', 'turnOn'))!;
  expect((await click(h, teacher, on.verb!, on.data!, 'act-settings-2')).text).toContain(S.plain('da', 'turnedOn'));
  h.fake.clear();
  await visit('2026-12-15');
  const asked = toTeacher();
  expect(asked).toHaveLength(1);
  expect(unmark(cardText(cardOf(asked[0]!.body)))).toContain(T.plain('da', 'promptHow'));
}, 120_000);
