// Capacity on PostgreSQL: an agent with room for one more visit who claims two lessons of the same
// week at the same instant gets exactly one of them (the check and the claim hold the agent's lock).
import { afterEach, describe, expect, it } from 'vitest';
import { createBookingFlow } from '../../../src/flows/booking/index.js';
import { createProgrammeFlow } from '../../../src/flows/programme/index.js';
import { TEST_POSTGRES_URL } from '../../support/database.js';
import { createScenario, type Scenario } from '../../support/scenario.js';
import { click, offerIn } from '../booking/helpers.js';

const SCHOOL = 'Holmegårdsskolen';
let s: Scenario | undefined;
afterEach(async () => {
  await s?.cleanup();
  s = undefined;
});

describe.skipIf(!TEST_POSTGRES_URL)('programme on PostgreSQL (set SPARRING_TEST_POSTGRES_URL to run)', () => {
  it('two simultaneous claims in a week with room for one: one wins, one is refused kindly', async () => {
    s = await createScenario({ now: '2026-10-20T08:00:00Z', provider: 'postgresql', flows: [createBookingFlow, createProgrammeFlow] });
    const agent = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
    const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
    await s.runtime.db.person.update({ where: { id: agent.personId }, data: { visitsPerWeek: 1 } });
    const ids: string[] = [];
    for (const start of ['09:00', '11:00']) {
      ids.push(await offerIn(s, tina, { date: '2026-10-27', start, duration: '45', classGroup: '5.b', subject: 'dansk' }));
    }
    await s.runJobs();
    const answers = await Promise.all(ids.map((id) => click(s!, agent, 'booking.claim', id)));
    expect(answers.filter((a) => a.includes('Den er din!'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('Uge 44 er fuld for dig'))).toHaveLength(1);
    expect(await s.runtime.db.slot.count({ where: { agentId: agent.personId, status: 'claimed' } })).toBe(1);
  }, 120_000);
});
