// The way back: `refleksioner` lists every pending and answered reflection, newest first, a page at a
// time, and a pending one can be answered from there; `indstillinger` turns prompts off and on.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import { createSettingsFlow } from '../../../src/flows/settings/index.js';
import { settingsTexts } from '../../../src/flows/settings/texts.js';
import type { Scenario } from '../../support/scenario.js';
import { click, heldVisit, say } from './fixture.js';

let s: Scenario;
afterEach(() => s?.cleanup());

async function moreVisits(v: Awaited<ReturnType<typeof heldVisit>>, count: number) {
  const schoolId = await v.s.school('Holsted Skole');
  for (let i = 1; i <= count; i++) {
    const day = String(24 - i * 2).padStart(2, '0');
    const slot = await v.s.runtime.db.slot.create({
      data: { schoolId, teacherId: v.teacher.personId, createdById: v.teacher.personId, agentId: v.agent.personId, startsAt: new Date(`2026-11-${day}T09:00:00Z`), endsAt: new Date(`2026-11-${day}T09:45:00Z`), classGroup: `${i}.a`, subject: `Fag ${i}`, status: 'held' },
    });
    await v.s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: v.s.clock.now(), idempotencyKey: `p${i}` });
  }
  await v.s.runJobs();
}

describe('refleksioner', () => {
  it('lists all of hers, pending and answered, newest visit first, five to a page', async () => {
    const v = await heldVisit();
    s = v.s;
    await moreVisits(v, 6); // Fag 1 (22 Nov) … Fag 6 (12 Nov)
    const fag2 = await s.runtime.db.reflection.findFirstOrThrow({ where: { slot: { subject: 'Fag 2' } } });
    await s.runtime.dispatcher.submit({ actor: v.teacher, formId: 'reflection.answer', privateValue: fag2.id, values: { goal: 'Svar om fag 2' } }, s.chat.interaction(v.teacher));

    const ix = s.chat.interaction(v.teacher);
    await s.runtime.dispatcher.command(v.teacher, 'refleksioner', ix);
    const page1 = messageText(ix.responses[0]!);
    const order = ['Dansk', 'Fag 1', 'Fag 2', 'Fag 3', 'Fag 4'].map((subject) => page1.indexOf(`${subject} med`));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page1).not.toContain('Fag 5 med');
    expect(page1).toContain('Svar om fag 2');
    expect(page1).toContain('Side 1 af 2');
    const older = buttonsOf(ix.responses[0]!).find((b) => b.actionId === 'reflection.page')!;
    expect(older.label).toBe('Ældre');

    const page2 = await click(s, v.teacher, 'reflection.page', older.value);
    expect(page2).toContain('Fag 5 med');
    expect(page2).toContain('Fag 6 med');
    expect(page2).not.toContain('Fag 4 med');
    expect(page2).toContain('Side 2 af 2');

    // A pending one is answered from the list.
    const fag6 = await s.runtime.db.reflection.findFirstOrThrow({ where: { slot: { subject: 'Fag 6' } } });
    const answerHere = (await (async () => {
      const pix = s.chat.interaction(v.teacher);
      await s.runtime.dispatcher.action({ actor: v.teacher, actionId: 'reflection.page', value: older.value }, pix);
      return buttonsOf(pix.responses[0]!).filter((b) => b.actionId === 'reflection.chat');
    })()).find((b) => b.value === fag6.id)!;
    expect(await click(s, v.teacher, 'reflection.chat', answerHere.value)).toContain('Spørgsmål 1 af 4');
    // Nonsense page numbers only show her own first page.
    expect(await click(s, v.teacher, 'reflection.page', '-3')).toContain('Side 1 af 2');
  });
});

describe('indstillinger', () => {
  it('turns prompts and the reminder off for her alone, and on again', async () => {
    const v = await heldVisit({ runPrompt: false, flows: [createReflectionFlow, createSettingsFlow] });
    s = v.s;
    const shown = s.chat.interaction(v.teacher);
    await s.runtime.dispatcher.command(v.teacher, 'indstillinger', shown);
    expect(messageText(shown.responses[0]!)).toContain(settingsTexts.plain('da', 'promptsOn'));
    const off = buttonsOf(shown.responses[0]!).find((b) => b.actionId === 'settings.prompts')!;
    expect(off.label).toBe('Slå spørgsmål fra');
    await click(s, v.teacher, off.actionId, off.value);
    expect(await s.runtime.db.person.findUniqueOrThrow({ where: { id: v.teacher.personId } })).toMatchObject({ promptsOff: true });
    expect(await s.runtime.db.person.count({ where: { promptsOff: true } })).toBe(1);

    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: v.slotId }, runAt: s.clock.now(), idempotencyKey: 'prompt' });
    await s.advanceTo('2026-11-27T12:00:00Z', 60 * 60_000);
    expect(s.chat.toPerson(v.teacher.personId)).toHaveLength(0); // no prompt, no reminder
    // The reflection still waits for her, should she want it.
    expect(await say(s, v.teacher, 'refleksioner')).toContain('venter på dig');

    const again = s.chat.interaction(v.teacher);
    await s.runtime.dispatcher.command(v.teacher, 'settings', again);
    expect(messageText(again.responses[0]!)).toContain(settingsTexts.plain('da', 'promptsOff').slice(0, 30));
    const on = buttonsOf(again.responses[0]!).find((b) => b.actionId === 'settings.prompts')!;
    await click(s, v.teacher, on.actionId, on.value);
    expect(await s.runtime.db.person.findUniqueOrThrow({ where: { id: v.teacher.personId } })).toMatchObject({ promptsOff: false });
  });
});
