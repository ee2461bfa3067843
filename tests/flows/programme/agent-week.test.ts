// The learning agents' Monday overview: their own week and the school's open lessons, once per
// agent per week; none for an agent with nothing to see or who turned prompts off; a holiday Monday
// is not caught up late.
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createBookingFlow } from '../../../src/flows/booking/index.js';
import { createProgrammeFlow } from '../../../src/flows/programme/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';
import { announcedLesson, click } from '../booking/helpers.js';

const SCHOOL = 'Holmegårdsskolen';
let s: Scenario;
afterEach(async () => {
  await s?.cleanup();
});

const overviews = (a: Actor) => s.chat.toPerson(a.personId).filter((m) => /Din uge som læringsagent|Your week as a learning agent/.test(messageText(m.message)));

describe('programme: the agents’ Monday overview', () => {
  it('tells each agent their week and the open lessons, once; skips those with nothing and those who opted out', async () => {
    s = await createScenario({ now: '2026-10-22T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow] }); // Thursday, week 43
    const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const agentEn = await s.person({ name: 'Emma English', locale: 'en', roles: [['learning_agent', SCHOOL]] });
    const quiet = await s.person({ name: 'Olga Olsen', roles: [['learning_agent', SCHOOL]] });
    const elsewhere = await s.person({ name: 'Ole Udenfor', roles: [['learning_agent', 'Kalbyrisskolen']] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    await s.runtime.db.person.update({ where: { id: quiet.personId }, data: { promptsOff: true } });
    const claimed = await announcedLesson(s, tina, '2026-10-27');
    expect(await click(s, agentA, 'booking.claim', claimed)).toContain('Den er din!');
    const open = await announcedLesson(s, tina, '2026-10-29', '10:00');

    await s.runtime.dispatcher.startFlows();
    await s.runtime.dispatcher.startFlows(); // a second instance starting plans nothing twice
    await s.advanceTo('2026-10-26T06:59:00Z', 3_600_000);
    expect(overviews(agentA)).toHaveLength(0);
    await s.advanceTo('2026-10-26T07:00:00Z'); // Monday 08:00
    const [a] = overviews(agentA);
    expect(overviews(agentA)).toHaveLength(1);
    const text = messageText(a!.message);
    expect(text).toContain('Din uge som læringsagent (uge 44)');
    expect(text).toContain('tirsdag 27. oktober 2026 kl. 09.00–09.45 hos Tina Thomsen – 5.b, dansk');
    expect(text).toContain('torsdag 29. oktober 2026 kl. 10.00–10.45 · Tina Thomsen · 5.b, dansk');
    expect(buttonsOf(a!.message).map((b) => [b.actionId, b.value])).toEqual([['booking.claim', open]]);
    const en = messageText(overviews(agentEn)[0]!.message);
    expect(en).toContain('Your week as a learning agent (week 44)');
    expect(en).toContain('You have no visits this week yet.');
    expect(overviews(quiet)).toHaveLength(0);
    expect(overviews(elsewhere)).toHaveLength(0); // nothing at their school, no visits: no message

    // The rest of the week and a restart bring no second overview.
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-10-30T15:00:00Z', 6 * 3_600_000);
    expect(overviews(agentA)).toHaveLength(1);
  });

  it('a full week shows the visits but no open lessons', async () => {
    s = await createScenario({ now: '2026-10-22T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow] });
    const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    const claimed = await announcedLesson(s, tina, '2026-10-27');
    await click(s, agentA, 'booking.claim', claimed);
    await s.runtime.db.person.update({ where: { id: agentA.personId }, data: { visitsPerWeek: 1 } });
    await announcedLesson(s, tina, '2026-10-29', '10:00');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-10-26T07:00:00Z', 3_600_000);
    const [a] = overviews(agentA);
    expect(messageText(a!.message)).toContain('Din uge er fuld (1 besøg)');
    expect(buttonsOf(a!.message)).toEqual([]);
  });

  it('in the autumn holiday there is no overview, and it is not sent late', async () => {
    s = await createScenario({ now: '2026-10-08T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow] }); // Thursday, week 41
    const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    await announcedLesson(s, tina, '2026-10-21');
    await s.runtime.dispatcher.startFlows();
    await s.advanceTo('2026-10-19T09:00:00Z', 3_600_000); // through week 42 to Monday of week 43
    expect(overviews(agentA).map((m) => messageText(m.message).match(/uge (\d+)/)?.[1])).toEqual(['43']);
  });
});
