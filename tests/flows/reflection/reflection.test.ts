// A teacher reflects after a held visit; the reflection is hers alone.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

async function heldVisit(opts: { teacherLocale?: 'da' | 'en' } = {}) {
  // Tuesday 24 November 2026, 10:00–10:45 Copenhagen time; now 11:00.
  s = await createScenario({ now: '2026-11-24T10:00:00Z', flows: [createReflectionFlow] });
  const teacher = await s.person({ name: 'Mette Ærø', locale: opts.teacherLocale, roles: [['teacher', 'Holsted Skole']] });
  const agent = await s.person({ name: 'Søren Kjær', roles: [['learning_agent', 'Holsted Skole']] });
  const other = await s.person({ name: 'Jens Hansen', roles: [['teacher', 'Holsted Skole']] });
  const slot = await s.runtime.db.slot.create({
    data: {
      schoolId: await s.school('Holsted Skole'),
      teacherId: teacher.personId,
      createdById: teacher.personId,
      agentId: agent.personId,
      startsAt: new Date('2026-11-24T09:00:00Z'),
      endsAt: new Date('2026-11-24T09:45:00Z'),
      classGroup: '5.b',
      subject: 'Dansk',
      status: 'held',
    },
  });
  await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: `slot:${slot.id}:reflection` });
  await s.runJobs();
  return { teacher, agent, other, slotId: slot.id };
}

const writeButton = (s: Scenario, teacher: Actor) => buttonsOf(s.chat.toPerson(teacher.personId)[0]!.message).find((b) => b.actionId === 'reflection.open')!;

describe('reflection after a held visit', () => {
  it('asks the teacher open questions, saves her answers, and shows them only to her', async () => {
    const { teacher, agent, other } = await heldVisit();
    const prompt = s.chat.toPerson(teacher.personId);
    expect(prompt).toHaveLength(1);
    expect(messageText(prompt[0]!.message)).toContain('Tak for i dag, Mette. Søren Kjær var med i din lektion Dansk med 5.b 24. november 2026');
    expect(messageText(prompt[0]!.message)).toContain('ledelsen ser kun, at du har reflekteret, aldrig hvad du har skrevet');

    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.action({ actor: teacher, actionId: 'reflection.open', value: writeButton(s, teacher).value }, ix);
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.fields.map((f) => f.id)).toEqual(['learning', 'differentiation', 'adjustment', 'course']);
    expect(form.fields.every((f) => f.type === 'textarea' && f.maxLength === 1500)).toBe(true);

    const result = await s.runtime.dispatcher.submit(
      { actor: teacher, formId: form.id, privateValue: form.privateValue, values: { learning: 'De kunne forklare <!channel> forskellen', adjustment: 'Kortere oplæg' } },
      ix,
    );
    expect(result).toEqual({ ok: true });
    expect(messageText(ix.responses.at(-1)!)).toContain('Din refleksion er gemt');

    // Her own list shows the text…
    const own = s.chat.interaction(teacher);
    await s.runtime.dispatcher.command(teacher, 'refleksioner', own);
    expect(messageText(own.responses[0]!)).toContain('De kunne forklare <!channel> forskellen');
    expect(messageText(own.responses[0]!)).toContain('Kun du kan se dine refleksioner.');
    // …nobody else's does, and they cannot open hers.
    for (const person of [agent, other]) {
      const theirs = s.chat.interaction(person);
      await s.runtime.dispatcher.command(person, 'reflections', theirs);
      await s.runtime.dispatcher.action({ actor: person, actionId: 'reflection.open', value: form.privateValue }, theirs);
      expect(theirs.responses.map(messageText).join('\n')).not.toContain('forskellen');
      expect(messageText(theirs.responses[1]!)).toContain('Den refleksion hører til en anden');
      expect(s.chat.lastFormFor(person.personId)).toBeUndefined();
    }
  });

  it('rejects an empty or over-long answer and saves nothing', async () => {
    const { teacher } = await heldVisit({ teacherLocale: 'en' });
    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.action({ actor: teacher, actionId: 'reflection.open', value: writeButton(s, teacher).value }, ix);
    const form = s.chat.lastFormFor(teacher.personId)!;
    const submit = (values: Record<string, string>) => s.runtime.dispatcher.submit({ actor: teacher, formId: form.id, privateValue: form.privateValue, values }, ix);

    expect(await submit({ learning: '   ' })).toEqual({ ok: false, errors: { learning: 'Write at least a few words in one of the fields.' } });
    expect(await submit({ learning: 'fine', course: 'x'.repeat(1501) })).toEqual({
      ok: false,
      errors: { course: 'The answer is too long: 1501 characters. There is room for 1500.' },
    });
    expect(await s.runtime.db.reflectionAnswer.count()).toBe(0);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'pending' });
  });

  it('asks once even if the prompt job is delivered twice, and a second submission does not overwrite', async () => {
    const { teacher, slotId } = await heldVisit();
    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId }, runAt: s.clock.now(), idempotencyKey: `retry:${slotId}` });
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(1);

    const ix = s.chat.interaction(teacher);
    await s.runtime.dispatcher.action({ actor: teacher, actionId: 'reflection.open', value: writeButton(s, teacher).value }, ix);
    const form = s.chat.lastFormFor(teacher.personId)!;
    await s.runtime.dispatcher.submit({ actor: teacher, formId: form.id, privateValue: form.privateValue, values: { learning: 'første' } }, ix);
    await s.runtime.dispatcher.submit({ actor: teacher, formId: form.id, privateValue: form.privateValue, values: { learning: 'anden' } }, ix);
    expect(messageText(ix.responses.at(-1)!)).toContain('Den refleksion har du allerede gemt');
    expect((await s.runtime.db.reflectionAnswer.findMany()).map((a) => a.text)).toEqual(['første']);
  });

  it('reminds once, two working days later (Thursday 11:00), only if nothing was written', async () => {
    const { teacher } = await heldVisit();
    await s.advanceTo('2026-11-26T09:30:00Z', 30 * 60_000); // Thursday 10:30
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(1);
    await s.advanceTo('2026-11-26T10:30:00Z', 30 * 60_000);
    const messages = s.chat.toPerson(teacher.personId);
    expect(messages).toHaveLength(2);
    expect(messageText(messages[1]!.message)).toContain('Har du tid til at skrive et par linjer om lektionen Dansk');
    await s.advanceTo('2026-12-10T10:00:00Z', 6 * 3_600_000);
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(2);
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
