// Answering in chat, one question at a time: four answers across a restart; skip, stop, continue;
// an over-long answer refused with her text given back; a command typed mid-reflection still works.
import { afterEach, describe, expect, it } from 'vitest';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import { coreTexts } from '../../../src/core/texts.js';
import type { Scenario } from '../../support/scenario.js';
import { click, heldVisit, promptButton, say } from './fixture.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const answers = async () => (await s.runtime.db.reflectionAnswer.findMany({ orderBy: { createdAt: 'asc' } })).map((a) => [a.questionKey, a.text]);

describe('answering a reflection in chat', () => {
  it('asks four questions one by one, saves each answer at once, and carries on after a restart', async () => {
    const v = await heldVisit({ theme: 'klasseledelse' });
    s = v.s;
    const { teacher } = v;
    const first = await click(s, teacher, 'reflection.chat', promptButton(s, teacher, 'reflection.chat').value);
    expect(first).toContain(T.plain('da', 'chatIntro', { count: 4 }));
    expect(first).toContain('Spørgsmål 1 af 4: Hvad skulle eleverne lære i lektionen – og hvordan skulle rammerne hjælpe dem til det?');

    expect(await say(s, teacher, 'De skulle kunne skrive en indledning.')).toContain('Spørgsmål 2 af 4');
    expect(await answers()).toEqual([['goal', 'De skulle kunne skrive en indledning.']]);
    expect(await say(s, teacher, 'Skiftene gik hurtigt.\nMen Ali kom sent i gang.')).toContain('Spørgsmål 3 af 4');

    await s.restart(); // nothing in memory survives; the conversation and her place are in the database
    expect(await say(s, teacher, 'Jeg så det på deres udkast.')).toContain('Spørgsmål 4 af 4');
    const done = await say(s, teacher, 'Tydeligere start.');
    expect(done).toContain(T.plain('da', 'chatDone', { name: 'Mette' }));
    expect(await answers()).toEqual([
      ['goal', 'De skulle kunne skrive en indledning.'],
      ['pupils', 'Skiftene gik hurtigt.\nMen Ali kom sent i gang.'],
      ['evidence', 'Jeg så det på deres udkast.'],
      ['next', 'Tydeligere start.'],
    ]);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'answered', chatStep: null });
    expect(await s.runtime.db.conversation.count()).toBe(0);
    // The conversation is over: what she types now is a command again.
    expect(await say(s, teacher, 'Og en ting mere')).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'Og' }));
  });

  it('skips with "spring over", pauses with "stop" and continues exactly where she left with "fortsæt" after a restart', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    await click(s, teacher, 'reflection.chat', promptButton(s, teacher, 'reflection.chat').value);
    const skipped = await say(s, teacher, 'Spring over');
    expect(skipped).toContain(T.plain('da', 'chatSkipped'));
    expect(skipped).toContain('Spørgsmål 2 af 4');
    expect(await say(s, teacher, 'Det gik fint for de fleste.')).toContain('Spørgsmål 3 af 4');
    expect(await say(s, teacher, 'stop')).toContain(T.plain('da', 'chatPaused'));
    // Paused: free text is not taken as an answer.
    expect(await say(s, teacher, 'hov')).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'hov' }));
    expect(await answers()).toEqual([['pupils', 'Det gik fint for de fleste.']]);

    await s.restart();
    const back = await say(s, teacher, 'fortsæt');
    expect(back).toContain('Spørgsmål 3 af 4');
    expect(back).not.toContain(T.plain('da', 'chatIntro', { count: 4 }));
    await say(s, teacher, 'skip');
    expect(await say(s, teacher, 'Mere tid til opsamling.')).toContain(T.plain('da', 'chatDone', { name: 'Mette' }));
    expect(await answers()).toEqual([
      ['pupils', 'Det gik fint for de fleste.'],
      ['next', 'Mere tid til opsamling.'],
    ]);
  });

  it('saves nothing when every question is skipped, and starts over next time', async () => {
    const v = await heldVisit({ teacherLocale: 'en' });
    s = v.s;
    const { teacher } = v;
    await click(s, teacher, 'reflection.chat', promptButton(s, teacher, 'reflection.chat').value);
    for (let i = 0; i < 3; i++) await say(s, teacher, 'skip');
    expect(await say(s, teacher, 'skip')).toContain(T.plain('en', 'chatAllSkipped'));
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'pending', chatStep: 0 });
    expect(await say(s, teacher, 'continue')).toContain('Question 1 of 4');
  });

  it('refuses an answer over 4,000 characters kindly, gives her text back, and keeps her at the same question', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    await click(s, teacher, 'reflection.chat', promptButton(s, teacher, 'reflection.chat').value);
    const long = `Start ${'lang tekst '.repeat(400)}slut`;
    const answer = await say(s, teacher, long);
    expect(answer).toContain(T.plain('da', 'chatTooLong', { length: long.length, max: 4000 }));
    expect(answer).toContain(long);
    expect(await s.runtime.db.reflectionAnswer.count()).toBe(0);
    expect(await say(s, teacher, 'x'.repeat(4000))).toContain('Spørgsmål 2 af 4');
    expect(await s.runtime.db.reflectionAnswer.count()).toBe(1);
  });

  it('runs a command typed mid-reflection as a command and says how to get back', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    await click(s, teacher, 'reflection.chat', promptButton(s, teacher, 'reflection.chat').value);
    await say(s, teacher, 'Brøker');
    const help = await say(s, teacher, 'hjælp');
    expect(help).toContain(coreTexts.plain('da', 'helpTitle'));
    expect(help).toContain(T.plain('da', 'wayBack', { subject: 'Dansk' }));
    const back = await say(s, teacher, 'fortsæt');
    expect(back).toContain('Spørgsmål 2 af 4');
    expect(back).not.toContain(T.plain('da', 'wayBack', { subject: 'Dansk' }));
    expect(await say(s, teacher, 'De fleste kunne')).toContain('Spørgsmål 3 af 4');
    expect(await answers()).toEqual([
      ['goal', 'Brøker'],
      ['pupils', 'De fleste kunne'],
    ]);
  });

  it('ends the chat when she saves the form instead, and free text is a command again', async () => {
    const v = await heldVisit();
    s = v.s;
    const { teacher } = v;
    const id = promptButton(s, teacher, 'reflection.chat').value!;
    await click(s, teacher, 'reflection.chat', id);
    await say(s, teacher, 'Første svar');
    await s.runtime.dispatcher.submit({ actor: teacher, formId: 'reflection.answer', privateValue: id, values: { goal: 'Første svar', next: 'Noget nyt' } }, s.chat.interaction(teacher));
    expect(await s.runtime.db.conversation.count()).toBe(0);
    expect(await say(s, teacher, 'hov')).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'hov' }));
    expect(await click(s, teacher, 'reflection.chat', id)).toContain(T.plain('da', 'alreadyDone'));
  });
});
