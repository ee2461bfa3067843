// Agent capacity: `kapacitet 1` and the week is full — a second claim that week is refused kindly,
// the next announcement that week skips the agent, the week after is open again; the coordinator's
// status shows each school's agent load.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../src/bot/memory/driver.js';
import { createAdminFlow } from '../../../src/flows/admin/index.js';
import { createBookingFlow } from '../../../src/flows/booking/index.js';
import { createProgrammeFlow } from '../../../src/flows/programme/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';
import { announcedLesson, click, command } from '../booking/helpers.js';
import type { Actor } from '../../../src/core/chat.js';

const SCHOOL = 'Holmegårdsskolen';
let s: Scenario;
afterEach(async () => {
  await s?.cleanup();
});

const say = async (actor: Actor, text: string) => messageText((await command(s, actor, text))[0]!);

const announcementsTo = (agent: Actor, slotId: string) =>
  s.chat.toPerson(agent.personId).filter((m) => JSON.stringify(m.message).includes(slotId));

describe('programme: agent capacity', () => {
  it('kapacitet sets, shows and clears the weekly limit; bad input changes nothing', async () => {
    s = await createScenario({ now: '2026-10-20T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow] });
    const agent = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const agentEn = await s.person({ name: 'Emma English', locale: 'en', roles: [['learning_agent', SCHOOL]] });
    const teacher = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    const stored = async () => (await s.runtime.db.person.findUniqueOrThrow({ where: { id: agent.personId } })).visitsPerWeek;

    expect(await say(agent, 'kapacitet')).toContain('Du har ikke sat en grænse');
    expect(await say(agent, 'kapacitet 3')).toContain('du kan tage 3 besøg om ugen');
    expect(await stored()).toBe(3);
    expect(await say(agent, 'kapacitet')).toContain('Du kan tage 3 besøg om ugen');
    expect(await say(agent, 'kapacitet 99')).toContain('"99" er ikke et antal besøg');
    expect(await say(agent, 'kapacitet tre')).toContain('"tre" er ikke et antal besøg');
    expect(await stored()).toBe(3);
    expect(await say(agent, 'kapacitet ingen')).toContain('der er ingen grænse');
    expect(await stored()).toBeNull();
    expect(await say(agentEn, 'capacity 2')).toContain('you can take 2 visits a week');
    expect(await say(teacher, 'kapacitet 2')).toContain('Kapacitet gælder for læringsagenter');
    expect((await s.runtime.db.person.findUniqueOrThrow({ where: { id: teacher.personId } })).visitsPerWeek).toBeNull();
  });

  it('a full week refuses the next claim kindly and skips the agent in announcements; the next week is open', async () => {
    s = await createScenario({ now: '2026-10-20T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow, createAdminFlow] }); // Tuesday, week 43
    const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const agentB = await s.person({ name: 'Bente Berg', roles: [['learning_agent', SCHOOL]] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    const per = await s.person({ name: 'Per Pedersen', roles: [['teacher', SCHOOL]] });
    const coordinator = await s.person({ name: 'Karin Koordinator', roles: [['coordinator', SCHOOL]] });
    await say(agentA, 'kapacitet 1');

    const monday = await announcedLesson(s, tina, '2026-10-26');
    expect(announcementsTo(agentA, monday)).toHaveLength(1);
    expect(await click(s, agentA, 'booking.claim', monday)).toContain('Den er din!');
    await s.runJobs();

    // Same week (44): Anders is full — not told, and refused if he clicks anyway.
    const tuesday = await announcedLesson(s, per, '2026-10-27', '10:00');
    expect(announcementsTo(agentA, tuesday)).toHaveLength(0);
    expect(announcementsTo(agentB, tuesday)).toHaveLength(1);
    const refusal = await click(s, agentA, 'booking.claim', tuesday);
    expect(refusal).toContain('Uge 44 er fuld for dig – du har sagt, at du kan tage 1 besøg om ugen');
    expect((await s.runtime.db.slot.findUniqueOrThrow({ where: { id: tuesday } })).status).toBe('open');
    expect(await click(s, agentB, 'booking.claim', tuesday)).toContain('Den er din!');

    // Week 45 is a new week.
    const nextWeek = await announcedLesson(s, per, '2026-11-02');
    expect(announcementsTo(agentA, nextWeek)).toHaveLength(1);
    expect(await click(s, agentA, 'booking.claim', nextWeek)).toContain('Den er din!');

    // Monday of week 44: the coordinator sees the school's agent load.
    await s.advanceTo('2026-10-26T06:00:00Z', 6 * 3_600_000);
    const status = await say(coordinator, 'status');
    expect(status).toContain('Læringsagenternes besøg i uge 44:');
    expect(status).toContain('Holmegårdsskolen: 2 besøg fordelt på 2 læringsagenter – 1 har fuld uge');
  });

  it('a full agent on the waitlist is passed over when the agent withdraws', async () => {
    s = await createScenario({ now: '2026-10-20T08:00:00Z', flows: [createBookingFlow, createProgrammeFlow] });
    const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const agentB = await s.person({ name: 'Bente Berg', roles: [['learning_agent', SCHOOL]] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    const monday = await announcedLesson(s, tina, '2026-10-26');
    const tuesday = await announcedLesson(s, tina, '2026-10-27', '10:00');
    expect(await click(s, agentB, 'booking.claim', tuesday)).toContain('Den er din!');
    expect(await click(s, agentA, 'booking.waitlist', tuesday)).toContain('venteliste');
    expect(await click(s, agentA, 'booking.claim', monday)).toContain('Den er din!');
    await say(agentA, 'kapacitet 1');
    await click(s, agentB, 'booking.withdraw', tuesday);
    await s.runJobs();
    const slot = await s.runtime.db.slot.findUniqueOrThrow({ where: { id: tuesday } });
    expect(slot.status).toBe('open');
    expect(slot.agentId).toBeNull();
    expect(await s.runtime.db.slotWaitlist.count({ where: { slotId: tuesday } })).toBe(0);
  });
});
