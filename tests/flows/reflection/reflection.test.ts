// A teacher reflects after a held visit, in a form; the reflection is hers alone. The chat way is in
// chat.test.ts, the questions in questions.test.ts, sharing and privacy in privacy.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import { createScenario, type Scenario } from '../../support/scenario.js';
import { click, heldVisit, promptButton, say } from './fixture.js';

let s: Scenario;
afterEach(() => s?.cleanup());

describe('reflection after a held visit', () => {
  it('offers chat, form or not now; saves her answers from the form and shows them only to her, in question order', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher, agent, otherTeacher } = v;
    const prompt = s.chat.toPerson(teacher.personId);
    expect(prompt).toHaveLength(1);
    expect(messageText(prompt[0]!.message)).toContain('Tak for i dag, Mette. Søren Kjær var med i din lektion Dansk med 5.b i dag.');
    expect(messageText(prompt[0]!.message)).toContain('ledelsen ser kun, at du har reflekteret, aldrig hvad du har skrevet');
    expect(messageText(prompt[0]!.message)).toContain('[Svar her] [Åbn formular] [Ikke nu]');
    expect(messageText(prompt[0]!.message)).not.toMatch(/lykkedes det|næste kursusgang/);

    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.action({ actor: teacher, actionId: 'reflection.open', value: promptButton(s, teacher, 'reflection.open').value }, ix);
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.fields.map((f) => f.id)).toEqual(['goal', 'pupils', 'evidence', 'next']);
    expect(form.fields.every((f) => f.type === 'textarea' && f.maxLength === 4000)).toBe(true);

    // Answered out of order on purpose: she sees them in the order they were asked.
    const result = await s.runtime.dispatcher.submit(
      { actor: teacher, formId: form.id, privateValue: form.privateValue, values: { next: 'Kortere oplæg', goal: 'De kunne forklare <!channel> forskellen' } },
      ix,
    );
    expect(result).toEqual({ ok: true });
    expect(messageText(ix.responses.at(-1)!)).toContain(T.plain('da', 'saved').slice(0, 20));

    const own = await say(s, teacher, 'refleksioner');
    expect(own).toContain('De kunne forklare <!channel> forskellen');
    expect(own.indexOf('De kunne forklare')).toBeLessThan(own.indexOf('Kortere oplæg'));
    expect(own).toContain('Kun du kan se dine refleksioner.');
    expect(own).toContain('[Ret svar] [Del med Søren Kjær]');
    for (const person of [agent, otherTeacher]) {
      const theirs = (await say(s, person, 'reflections')) + (await click(s, person, 'reflection.open', form.privateValue));
      expect(theirs).not.toContain('forskellen');
      expect(theirs).toContain('Den refleksion hører til en anden');
      expect(s.chat.lastFormFor(person.personId)).toBeUndefined();
    }
  });

  it('lets her edit her answers afterwards from refleksioner', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    const id = promptButton(s, teacher, 'reflection.open').value!;
    await s.runtime.dispatcher.submit({ actor: teacher, formId: 'reflection.answer', privateValue: id, values: { goal: 'Første tanke', pupils: 'Godt' } }, s.chat.interaction(teacher));
    await click(s, teacher, 'reflection.open', id); // "Ret svar"
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.fields.find((f) => f.id === 'goal')?.initial).toBe('Første tanke');
    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.submit({ actor: teacher, formId: form.id, privateValue: id, values: { goal: 'Bedre formuleret', pupils: '' } }, ix);
    expect(messageText(ix.responses[0]!)).toContain(T.plain('da', 'edited'));
    expect((await s.runtime.db.reflectionAnswer.findMany()).map((a) => [a.questionKey, a.text])).toEqual([['goal', 'Bedre formuleret']]);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'answered' });
  });

  it('rejects an empty or over-long answer in the form and saves nothing', async () => {
    const v = await heldVisit({ teacherLocale: 'en' });
    s = v.s;
    const { teacher } = v;
    const id = promptButton(s, teacher, 'reflection.open').value!;
    const submit = (values: Record<string, string>) => s.runtime.dispatcher.submit({ actor: teacher, formId: 'reflection.answer', privateValue: id, values }, s.chat.interaction(teacher));
    expect(await submit({ goal: '   ' })).toEqual({ ok: false, errors: { goal: T.plain('en', 'errorEmpty') } });
    expect(await submit({ goal: 'fine', next: 'x'.repeat(4001) })).toEqual({ ok: false, errors: { next: T.plain('en', 'errorTooLong', { length: 4001, max: 4000 }) } });
    expect(await s.runtime.db.reflectionAnswer.count()).toBe(0);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'pending' });
  });

  it('asks once even if the prompt job is delivered twice', async () => {
    const v = await heldVisit();
    s = v.s;
    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: v.slotId }, runAt: s.clock.now(), idempotencyKey: `retry:${v.slotId}` });
    await s.runJobs();
    expect(s.chat.toPerson(v.teacher.personId)).toHaveLength(1);
    expect(await s.runtime.db.reflection.count()).toBe(1);
  });

  it('"Ikke nu" closes the question; the reflection waits in refleksioner', async () => {
    const v = await heldVisit();
    s = v.s;
    const prompt = s.chat.toPerson(v.teacher.personId)[0]!;
    const ix = s.chat.interaction(v.teacher, { platform: 'local', ref: prompt.id });
    await s.runtime.dispatcher.action({ actor: v.teacher, actionId: 'reflection.later', value: promptButton(s, v.teacher, 'reflection.later').value }, ix);
    expect(messageText(s.chat.toPerson(v.teacher.personId)[0]!.message)).toContain(T.plain('da', 'laterDone'));
    const list = await say(s, v.teacher, 'refleksioner');
    expect(list).toContain('Dansk med 5.b · 24. november 2026 · venter på dig');
    expect(list).toContain('[Svar her] [Åbn formular]');
  });

  it('reminds once, two working days later (Thursday 11:00), then expires quietly after 14 days and counts as not answered', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    await s.advanceTo('2026-11-26T09:30:00Z', 30 * 60_000); // Thursday 10:30
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(1);
    await s.advanceTo('2026-11-26T10:30:00Z', 30 * 60_000);
    const messages = s.chat.toPerson(teacher.personId);
    expect(messages).toHaveLength(2);
    expect(messageText(messages[1]!.message)).toContain('Har du stadig lyst til at skrive et par linjer om lektionen Dansk');
    await s.advanceTo('2026-12-08T09:00:00Z', 6 * 3_600_000); // 13 days: still open
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'pending' });
    await s.advanceTo('2026-12-08T11:00:00Z', 30 * 60_000); // 14 days
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'expired' });
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(2); // quietly
    expect(await say(s, teacher, 'refleksioner')).toContain(T.plain('da', 'listEmpty').slice(0, 30));
    expect(await click(s, teacher, 'reflection.chat', messages[0]!.message.blocks.length ? promptButton(s, teacher, 'reflection.chat').value : '')).toContain(T.plain('da', 'expired'));
  });

  it('expires after SPARRING_REFLECTION_EXPIRY_DAYS when set', async () => {
    const v = await heldVisit({ config: { reflection: { expiryDays: 3 } } });
    s = v.s;
    await s.advanceTo('2026-11-27T10:30:00Z', 3 * 3_600_000);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'expired' });
  });

  it('does not ask when the visit did not happen', async () => {
    s = await createScenario({ now: '2026-11-24T10:00:00Z', flows: [createReflectionFlow] });
    const teacher = await s.person({ name: 'Mette', roles: [['teacher', 'Holsted Skole']] });
    const slot = await s.runtime.db.slot.create({
      data: { schoolId: await s.school('Holsted Skole'), teacherId: teacher.personId, createdById: teacher.personId, startsAt: new Date('2026-11-24T09:00:00Z'), endsAt: new Date('2026-11-24T09:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'not_held' },
    });
    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: 'x' });
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);
    expect(await s.runtime.db.reflection.count()).toBe(0);
  });
});
