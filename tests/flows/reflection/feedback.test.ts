// The feedback conversation (item 6): the prompt comes after it — a lesson ending 14:00 is asked
// about the same afternoon and says so, one ending 15:55 the next working morning and says so; the
// teacher or the agent can set a later time; the agent gets a private checklist per theme.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { REFLECTION_PROMPT_JOB, REFLECTION_VISIT_CONFIRMED_JOB } from '../../../src/flows/reflection/jobs.js';
import { CHECKLISTS } from '../../../src/flows/reflection/checklist.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import type { Scenario } from '../../support/scenario.js';
import { click, heldVisit } from './fixture.js';

let s: Scenario;
afterEach(() => s?.cleanup());

/** As the booking flow's "held" job does at the end of the lesson. */
async function lessonHeld(slotId: string, endsAt: string) {
  await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId }, runAt: new Date(endsAt), idempotencyKey: `slot:${slotId}:reflection` });
}

describe('the prompt after the feedback conversation', () => {
  it('a lesson ending 14:00 is asked about the same afternoon, and the prompt says "i dag"', async () => {
    const v = await heldVisit({ now: '2026-11-24T11:00:00Z', startsAt: '2026-11-24T12:15:00Z', endsAt: '2026-11-24T13:00:00Z', runPrompt: false });
    s = v.s;
    await lessonHeld(v.slotId, '2026-11-24T13:00:00Z');
    await s.advanceTo('2026-11-24T13:19:00Z', 60_000); // 14:19: the conversation is still going on
    expect(s.chat.toPerson(v.teacher.personId)).toHaveLength(0);
    await s.advanceTo('2026-11-24T13:20:00Z', 60_000); // 14:20
    const prompt = s.chat.toPerson(v.teacher.personId);
    expect(prompt).toHaveLength(1);
    expect(messageText(prompt[0]!.message)).toContain('Tak for i dag, Mette. Søren Kjær var med i din lektion Dansk med 5.b i dag.');
  });

  it('a lesson ending 15:55 is asked about the next working morning, and the prompt says "i går"', async () => {
    const v = await heldVisit({ now: '2026-11-24T14:00:00Z', startsAt: '2026-11-24T14:10:00Z', endsAt: '2026-11-24T14:55:00Z', runPrompt: false });
    s = v.s;
    await lessonHeld(v.slotId, '2026-11-24T14:55:00Z');
    await s.advanceTo('2026-11-25T06:29:00Z', 30 * 60_000); // Wednesday 07:29
    expect(s.chat.toPerson(v.teacher.personId)).toHaveLength(0);
    await s.advanceTo('2026-11-25T06:30:00Z', 60_000); // 07:30, working hours begin
    const prompt = s.chat.toPerson(v.teacher.personId);
    expect(prompt).toHaveLength(1);
    const text = messageText(prompt[0]!.message);
    expect(text).toContain('Hej Mette. I går var Søren Kjær med i din lektion Dansk med 5.b.');
    expect(text).not.toContain('Tak for i dag');
  });

  it('a Friday lesson ending 15:55 is asked about on Monday, naming the day', async () => {
    const v = await heldVisit({ now: '2026-11-27T14:00:00Z', startsAt: '2026-11-27T14:10:00Z', endsAt: '2026-11-27T14:55:00Z', runPrompt: false });
    s = v.s;
    await lessonHeld(v.slotId, '2026-11-27T14:55:00Z');
    await s.advanceTo('2026-11-30T06:30:00Z', 60 * 60_000);
    expect(messageText(s.chat.toPerson(v.teacher.personId)[0]!.message)).toContain('Hej Mette. Fredag den 27. november 2026 var Søren Kjær med i din lektion');
  });
});

describe('setting the time of the feedback conversation', () => {
  it('the agent gets a private checklist for the theme; the teacher sets a later time; the prompt comes after it', async () => {
    const v = await heldVisit({ theme: 'maalorienteret', status: 'claimed', now: '2026-11-23T09:00:00Z', startsAt: '2026-11-24T09:00:00Z', endsAt: '2026-11-24T09:45:00Z', runPrompt: false });
    s = v.s;
    const { teacher, agent, otherTeacher } = v;
    await s.runtime.jobs.schedule({ kind: REFLECTION_VISIT_CONFIRMED_JOB, payload: { slotId: v.slotId, agentId: agent.personId }, runAt: s.clock.now(), idempotencyKey: 'confirmed' });
    await s.runJobs();

    const checklist = s.chat.toPerson(agent.personId);
    expect(checklist).toHaveLength(1);
    const list = messageText(checklist[0]!.message);
    expect(list).toContain(T.plain('da', 'checklistTitle'));
    for (const q of CHECKLISTS.maalorienteret) expect(list).toContain(q.da);
    expect(list).toContain('send dem ikke videre som råd');
    // Only the agent: the teacher gets a note with the button, not the checklist.
    const note = s.chat.toPerson(teacher.personId);
    expect(note).toHaveLength(1);
    expect(messageText(note[0]!.message)).not.toContain(CHECKLISTS.maalorienteret[0]!.da);
    const setTime = buttonsOf(note[0]!.message).find((b) => b.actionId === 'reflection.feedbackTime')!;

    // Someone else cannot set it.
    expect(await click(s, otherTeacher, setTime.actionId, setTime.value)).toContain(T.plain('da', 'feedbackNotParticipant'));
    await click(s, teacher, setTime.actionId, setTime.value);
    const form = s.chat.lastFormFor(teacher.personId)!;
    expect(form.fields.map((f) => [f.id, f.initial])).toEqual([
      ['date', '2026-11-24'],
      ['time', '10:45'],
    ]);
    const submit = (values: Record<string, string>) => s.runtime.dispatcher.submit({ actor: teacher, formId: form.id, privateValue: form.privateValue, values }, s.chat.interaction(teacher));
    expect(await submit({ date: '2026-11-24', time: '10:00' })).toEqual({ ok: false, errors: { time: T.plain('da', 'feedbackTooEarly', { end: '10.45' }) } });
    expect(await submit({ date: '2026-12-24', time: '10:00' })).toEqual({ ok: false, errors: { date: T.plain('da', 'feedbackTooLate', { days: 14 }) } });
    expect(await submit({ date: '24/11', time: '14:30' })).toEqual({ ok: false, errors: { date: T.plain('da', 'feedbackInvalid') } });
    expect(await submit({ date: '2026-11-24', time: '14:30' })).toEqual({ ok: true });
    expect((await s.runtime.db.slot.findUniqueOrThrow({ where: { id: v.slotId } })).feedbackAt?.toISOString()).toBe('2026-11-24T13:30:00.000Z');
    await s.runJobs();
    expect(messageText(s.chat.toPerson(agent.personId).at(-1)!.message)).toContain('Mette Ærø har sat jeres feedbacksamtale om Dansk til 24. november 2026 kl. 14.30.');

    // The lesson is held; the prompt waits for the conversation (14:30 + 20 minutes).
    await s.runtime.db.slot.update({ where: { id: v.slotId }, data: { status: 'held' } });
    await s.advanceTo('2026-11-24T09:45:00Z', 60 * 60_000);
    await lessonHeld(v.slotId, '2026-11-24T10:05:00Z');
    await s.advanceTo('2026-11-24T13:49:00Z', 10 * 60_000);
    expect(s.chat.toPerson(teacher.personId).filter((m) => messageText(m.message).includes('refleksion?'))).toHaveLength(0);
    await s.advanceTo('2026-11-24T13:50:00Z', 60_000);
    const prompt = s.chat.toPerson(teacher.personId).filter((m) => messageText(m.message).includes('Et par minutter til refleksion?'));
    expect(prompt).toHaveLength(1);
    expect(messageText(prompt[0]!.message)).toContain('i dag');
    // Once asked, the time is fixed.
    expect(await submit({ date: '2026-11-24', time: '15:00' })).toEqual({ ok: true });
    expect((await s.runtime.db.slot.findUniqueOrThrow({ where: { id: v.slotId } })).feedbackAt?.toISOString()).toBe('2026-11-24T13:30:00.000Z');
  });
});
