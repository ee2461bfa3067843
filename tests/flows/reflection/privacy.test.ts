// Sharing by choice, and nobody else ever reads a reflection: the teacher shares with the visiting
// agent once; leader, coordinator, another agent and another teacher try every command and every
// action they can reach and get no reflection text; a debug-level log of it all holds no answer text
// and no e-mail address.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import { COMMAND_WORDS } from '../../../src/core/commands.js';
import { createLogger } from '../../../src/core/logger.js';
import { allFlows } from '../../../src/flows/index.js';
import { reflectionTexts as T } from '../../../src/flows/reflection/texts.js';
import type { Scenario } from '../../support/scenario.js';
import { click, heldVisit, promptButton, say } from './fixture.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const ANSWERS = ['Hemmeligt-svar-1 om brøker', 'Hemmeligt-svar-2 Ali kom sent', 'Hemmeligt-svar-3 udkast', 'Hemmeligt-svar-4 kortere oplæg'];
const SECRET = /Hemmeligt-svar/;

describe('sharing a reflection, and keeping it private', () => {
  it('shares once with the visiting agent only, by her choice; nobody else can read it by any command or action; the debug log holds no answer and no e-mail', async () => {
    let log = '';
    const sink = new Writable({ write: (chunk, _enc, done) => ((log += chunk.toString()), done()) });
    const v = await heldVisit({ flows: allFlows, logger: createLogger('debug', sink), theme: 'klasseledelse' });
    s = v.s;
    const { teacher, agent, otherTeacher, otherAgent, leader, coordinator } = v;
    const id = promptButton(s, teacher, 'reflection.chat').value!;

    // She answers in the chat…
    await click(s, teacher, 'reflection.chat', id);
    for (const a of ANSWERS) await say(s, teacher, a);
    expect(await s.runtime.db.reflection.findFirst()).toMatchObject({ status: 'answered' });

    // …and nobody else can get at it, whatever they type or click.
    const probe = async () => {
      const seen: string[] = [];
      const actionIds = s.runtime.flows.flatMap((f) => Object.keys(f.actions ?? {}));
      const formIds = s.runtime.flows.flatMap((f) => Object.keys(f.forms ?? {}));
      for (const who of [leader, coordinator, otherAgent, otherTeacher, agent]) {
        const words = Object.values(COMMAND_WORDS).flatMap((w) => [w.da, w.en, ...w.aliases]);
        for (const w of [...words, `${COMMAND_WORDS.reflections.da} ${id}`, 'fortsæt', 'spring over', 'stop', 'Hvad skrev Mette?']) seen.push(await say(s, who, w));
        for (const actionId of actionIds) for (const value of [id, v.slotId, '1', undefined]) seen.push(await click(s, who, actionId, value));
        for (const formId of formIds) {
          const ix = s.chat.interaction(who);
          await s.runtime.dispatcher.submit({ actor: who, formId, privateValue: id, values: { goal: 'overskrevet', pupils: 'x' } }, ix);
          seen.push(...ix.responses.map(messageText));
        }
        seen.push(messageText(await s.runtime.dispatcher.home(who)));
        for (const f of s.chat.forms.filter((x) => x.personId === who.personId)) seen.push(JSON.stringify(f.form));
      }
      return seen.join('\n');
    };
    const before = await probe();
    expect(before).not.toMatch(SECRET);
    expect((await s.runtime.db.reflectionAnswer.findMany()).map((a) => a.text)).toEqual(expect.arrayContaining(ANSWERS)); // nothing overwritten

    // She shares it with the agent who visited: once.
    const list = s.chat.interaction(teacher);
    await s.runtime.dispatcher.command(teacher, 'refleksioner', list);
    const share = buttonsOf(list.responses[0]!).find((b) => b.actionId === 'reflection.share')!;
    expect(share.label).toBe('Del med Søren Kjær');
    expect(share.confirm?.text).toContain('kun til Søren Kjær');
    expect(await click(s, teacher, share.actionId, share.value)).toContain(T.plain('da', 'shareDone', { agent: 'Søren Kjær' }));
    expect(await click(s, teacher, share.actionId, share.value)).toContain(T.plain('da', 'shareAlready'));
    await s.runJobs();
    const toAgent = s.chat.toPerson(agent.personId).filter((m) => SECRET.test(messageText(m.message)));
    expect(toAgent).toHaveLength(1);
    const shared = messageText(toAgent[0]!.message);
    expect(shared).toContain('Mette Ærø har selv valgt at dele sin refleksion');
    for (const a of ANSWERS) expect(shared).toContain(a);
    expect(shared.indexOf(ANSWERS[0]!)).toBeLessThan(shared.indexOf(ANSWERS[3]!));
    const after = await say(s, teacher, 'refleksioner');
    expect(after).toMatch(/Delt med Søren Kjær 24\. november 2026/);
    expect(after).not.toContain('Del med Søren Kjær');

    // Still nobody else — and the agent only through the one message she chose to send.
    expect(await probe()).not.toMatch(SECRET);
    for (const m of s.chat.messages) {
      const mine = m.to === `person:${teacher.personId}` || m.to === `ephemeral:${teacher.personId}`;
      if (!mine && m.id !== toAgent[0]!.id) expect(messageText(m.message)).not.toMatch(SECRET);
    }
    // Someone else cannot share it either.
    expect(await click(s, otherTeacher, 'reflection.share', id)).toContain(T.plain('da', 'notYours'));

    expect(log).toContain('"level":20'); // debug lines were written…
    expect(log).not.toMatch(SECRET); // …but no answer
    expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // and no e-mail address
  }, 120_000);
});
