// Issue #11 on Teams: the reflection scenario through message activities and Action.Execute invokes
// on the real Teams adapter (teams-ai + botbuilder over loopback). Answers one by one across a restart
// of the bot; skip, stop, fortsæt, a command mid-reflection, an over-long answer refused with her
// text given back whole; `refleksioner` listing it; "Ret svar" editing it in the form card; sharing it
// with the visiting agent. Then everyone else — leader, coordinator, other agent, other teacher and
// the agent — types every command word and clicks every action and form they can reach, in the 1:1
// chat and in a team channel, and gets no reflection text; a debug-level log of it all holds no
// answer and no e-mail address. Assertions compare with the catalogues' texts (T.plain), not copies.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../../src/core/commands.js';
import { createLogger } from '../../../src/core/logger.js';
import { coreTexts } from '../../../src/core/texts.js';
import { allFlows } from '../../../src/flows/index.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import { cardOf, cardText } from './fake-connector.js';
import { FORM_KEY } from '../../../src/bot/teams/render/form.js';
import { teamsTexts } from '../../../src/bot/teams/texts.js';
import { answerHere, buttons, chatQuestion, click, say, storedAnswers, unmark, useTeamsVisits, type TeamsVisit } from './reflection-fixture.js';

const startVisit = useTeamsVisits();
let v: TeamsVisit | undefined;


describe('Teams: a reflection in the 1:1 chat', () => {
  it('four questions one by one across a restart; a command in between; over-long refused and given back; stop, fortsæt, skip; the list; Ret svar', async () => {
    v = await startVisit();
    const { teacher } = v;
    expect(unmark(cardText(v.prompt.card))).toContain(T.plain('da', 'promptHow'));

    // A message before she chose is not an answer.
    expect((await say(v.h, teacher, 'Det gik godt')).text).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'Det' }));
    const first = await answerHere(v);
    expect(first.text).toContain(T.plain('da', 'chatIntro', { count: 4 }));
    expect(first.text).toContain(chatQuestion(1));

    expect((await say(v.h, teacher, 'Eleverne skulle skrive en indledning.')).text).toContain(chatQuestion(2));
    // The bot restarts: nothing in memory survives; her place is in the database.
    await v.h.restart();
    expect((await say(v.h, teacher, 'Skiftene gik hurtigt.\nMen Ali kom sent i gang.')).text).toContain(chatQuestion(3));

    // A command mid-reflection runs as a command, and says how to get back.
    const help = await say(v.h, teacher, 'hjælp');
    expect(help.text).toContain(coreTexts.plain('da', 'helpTitle'));
    expect(help.text).toContain(T.plain('da', 'wayBack', { subject: 'Dansk' }));

    // Over-long: refused kindly, her text given back whole, nothing saved, still at question 3.
    const long = `Start: ${'a < b & "c" er lang tekst. '.repeat(160)}slut`;
    expect(long.length).toBeGreaterThan(4000);
    const refused = await say(v.h, teacher, long);
    expect(refused.text).toContain(T.plain('da', 'chatTooLong', { length: long.length, max: 4000 }));
    expect(refused.text.replace(/\n/g, '')).toContain(long);
    expect(refused.text).not.toContain(chatQuestion(4));
    expect(await storedAnswers(v!)).toHaveLength(2);

    // Stop: a pause; free text is no answer now. Fortsæt: back at question 3.
    expect((await say(v.h, teacher, 'stop')).text).toContain(T.plain('da', 'chatPaused'));
    expect((await say(v.h, teacher, 'hov')).text).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'hov' }));
    await v.h.restart();
    const back = await say(v.h, teacher, 'fortsæt');
    expect(back.text).toContain(chatQuestion(3));
    expect(back.text).not.toContain(T.plain('da', 'chatIntro', { count: 4 }));
    const skipped = await say(v.h, teacher, 'spring over');
    expect(skipped.text).toContain(T.plain('da', 'chatSkipped'));
    expect(skipped.text).toContain(chatQuestion(4));
    expect((await say(v.h, teacher, 'Kortere oplæg.')).text).toContain(T.plain('da', 'chatDone', { name: 'Mette' }));
    expect(await storedAnswers(v!)).toEqual([
      ['goal', 'Eleverne skulle skrive en indledning.'],
      ['pupils', 'Skiftene gik hurtigt.\nMen Ali kom sent i gang.'],
      ['next', 'Kortere oplæg.'],
    ]);
    expect(await v.h.scenario.runtime.db.conversation.count()).toBe(0);
    // The conversation is over: free text is a command again.
    expect((await say(v.h, teacher, 'Og en ting mere')).text).toContain(coreTexts.plain('da', 'unknownCommand', { word: 'Og' }));

    // `refleksioner` lists it with her answers in the order asked, and the buttons to edit and share.
    const list = await say(v.h, teacher, 'refleksioner');
    expect(list.text).toContain(T.plain('da', 'listTitle'));
    expect(list.text).toContain(T.plain('da', 'listPrivate'));
    expect(list.text).toContain(T.plain('da', 'listAnswered', { subject: 'Dansk', group: '5.b', date: '' }).replace(/\s·\s*$/, ''));
    const order = ['Eleverne skulle skrive en indledning.', 'Skiftene gik hurtigt.', 'Kortere oplæg.'].map((a) => list.text.indexOf(a));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const listButtons = list.cards.flatMap(buttons);
    const edit = listButtons.find((b) => b.title === T.plain('da', 'edit'))!;
    expect(listButtons.map((b) => b.title)).toContain(T.plain('da', 'share', { agent: 'Søren Kjær' }));

    // "Ret svar": the form card with her answers; she fills in the skipped one and changes one.
    const opened = await click(v.h, teacher, edit.verb!, edit.data!);
    const form = opened.cards.find((c) => buttons(c).some((b) => b.title === T.plain('da', 'submit')))!;
    expect(form).toBeDefined();
    const inputs = JSON.stringify(form.body);
    expect(inputs).toContain('Eleverne skulle skrive en indledning.');
    const submit = buttons(form).find((b) => b.title === T.plain('da', 'submit'))!;
    const values = Object.fromEntries(form.body.filter((e: any) => e.id?.startsWith('field.')).map((e: any) => [e.id, e.value ?? '']));
    const saved = await click(v.h, teacher, submit.verb!, { ...submit.data, ...values, 'field.evidence': 'Jeg så det i udkastene <3', 'field.next': 'Kortere oplæg & mere makkersnak.' });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain(T.plain('da', 'edited'));

    // The same form submitted by another teacher (a forged invoke): refused, nothing saved, and the
    // card says the form is closed — never that it was sent.
    const forged = await click(v.h, v.otherTeacher, submit.verb!, { ...submit.data, ...values, 'field.next': 'Forfalsket svar' }, 'act-forged');
    expect(forged.text).toContain(T.plain('da', 'notYours'));
    expect(forged.text).toContain(teamsTexts.plain('da', 'formClosed'));
    expect(forged.text).not.toContain(teamsTexts.plain('da', 'formSent', { title: '' }).trim());
    expect(await v.h.scenario.runtime.db.reflectionAnswer.findMany({ orderBy: { questionKey: 'asc' } }).then((as) => Object.fromEntries(as.map((a) => [a.questionKey, a.text])))).toEqual({
      goal: 'Eleverne skulle skrive en indledning.',
      pupils: 'Skiftene gik hurtigt.\nMen Ali kom sent i gang.',
      evidence: 'Jeg så det i udkastene <3',
      next: 'Kortere oplæg & mere makkersnak.',
    });
  }, 60_000);
});

const ANSWERS = ['Hemmeligt-svar-1 om brøker', 'Hemmeligt-svar-2 Ali kom sent', 'Hemmeligt-svar-3 udkast', 'Hemmeligt-svar-4 kortere oplæg'];
const SECRET = /Hemmeligt-svar/;

describe('Teams: only she reads her reflection', () => {
  it('shares once with the visiting agent by her choice; nobody else gets reflection text from any command, action or form, in the 1:1 chat or a channel; the debug log holds no answer and no e-mail', async () => {
    let log = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((log += chunk.toString()), done()) });
    v = await startVisit({ flows: allFlows, logger: createLogger('debug', sink), theme: 'klasseledelse' });
    const { h, teacher, agent, otherTeacher, otherAgent, leader, coordinator } = v;
    const CHANNEL = '19:holsted@thread.tacv2';
    const reflectionId = (await h.scenario.runtime.db.reflection.findFirstOrThrow()).id;

    await answerHere(v);
    for (const a of ANSWERS) await say(h, teacher, a);
    expect(await h.scenario.runtime.db.reflection.findFirst()).toMatchObject({ status: 'answered' });

    // Everything anyone but her can reach, as Teams activities.
    let round = 0;
    const probe = async () => {
      // A card of its own each round: the same click on the same card twice would count once.
      const replyToId = `act-probe-${++round}`;
      const before = h.fake.calls.length;
      const invokeAnswers: string[] = [];
      const words = Object.values(COMMAND_WORDS).flatMap((w) => [w.da, w.en, ...w.aliases]);
      const actionIds = h.scenario.runtime.flows.flatMap((f) => Object.keys(f.actions ?? {}));
      const formIds = h.scenario.runtime.flows.flatMap((f) => Object.keys(f.forms ?? {}));
      for (const who of [leader, coordinator, otherAgent, otherTeacher, agent]) {
        for (const w of [...words, `${COMMAND_WORDS.reflections.da} ${reflectionId}`, 'fortsæt', 'spring over', 'stop', 'Hvad skrev Mette?']) {
          await h.message(who, w);
          await h.message(who, w, { channel: CHANNEL });
        }
        for (const actionId of actionIds) {
          for (const value of [reflectionId, v!.slotId, undefined]) {
            const res = await h.invoke(who, actionId, value === undefined ? {} : { value }, { replyToId });
            invokeAnswers.push(JSON.stringify(res.body));
          }
        }
        for (const formId of formIds) {
          const res = await h.invoke(who, formId, { [FORM_KEY]: { id: formId, title: 'x', privateValue: reflectionId }, 'field.goal': 'overskrevet', 'field.pupils': 'x' }, { replyToId });
          invokeAnswers.push(JSON.stringify(res.body));
        }
      }
      await h.scenario.runJobs();
      // Every click reached the flows (none was taken for a repeat of an earlier one).
      expect(invokeAnswers.join('\n')).not.toContain(teamsTexts.plain('da', 'alreadyReceived'));
      return [...h.fake.calls.slice(before).map((c) => JSON.stringify(c.body)), ...invokeAnswers].join('\n');
    };
    const seen = await probe();
    expect(seen.length).toBeGreaterThan(1000); // the probe did reach the bot…
    expect(seen).not.toMatch(SECRET); // …and got no reflection text
    expect((await h.scenario.runtime.db.reflectionAnswer.findMany()).map((a) => a.text)).toEqual(expect.arrayContaining(ANSWERS)); // nothing overwritten

    // She shares it with the agent who visited: once, to the agent alone.
    const list = await say(h, teacher, 'refleksioner');
    const share = list.cards.flatMap(buttons).find((b) => b.title === T.plain('da', 'shareConfirm'))!;
    expect(share.verb).toBe('reflection.share');
    expect(list.text).toContain(T.plain('da', 'shareConfirmText', { agent: 'Søren Kjær' }));
    h.fake.clear();
    expect((await click(h, teacher, share.verb!, share.data!)).text).toContain(T.plain('da', 'shareDone', { agent: 'Søren Kjær' }));
    // Again, from a list shown later (a click on the same card twice would be one click).
    expect((await click(h, teacher, share.verb!, share.data!, 'act-later-list')).text).toContain(T.plain('da', 'shareAlready'));
    await h.scenario.runJobs();
    const withText = h.fake.delivered().filter((c) => SECRET.test(JSON.stringify(c.body)));
    expect(withText.map((c) => c.conversationId)).toEqual([agent.personalConversationId]);
    const shared = unmark(cardText(cardOf(withText[0]!.body)));
    for (const a of ANSWERS) expect(shared).toContain(a);
    expect((await say(h, teacher, 'refleksioner')).text).not.toContain(T.plain('da', 'share', { agent: 'Søren Kjær' }));

    // Still nobody else.
    expect(await probe()).not.toMatch(SECRET);
    expect((await click(h, otherTeacher, 'reflection.share', { value: reflectionId })).text).toContain(T.plain('da', 'notYours'));

    expect(log).toContain('"level":20'); // debug lines were written…
    expect(log).not.toMatch(SECRET); // …but no answer
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // and no e-mail address
  }, 240_000);
});
