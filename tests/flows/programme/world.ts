// A course year for programme scenarios: one school, a course "Klasseledelse" with three sessions
// (8 September, 20 October, 1 December 2026 — the autumn holiday, week 42, lies in the first window),
// its participants, learning agents, and a clock that is stepped like a worker waking every hour,
// logging when each message reached whom.
import type { RecordedMessage } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import { createBookingFlow } from '../../../src/flows/booking/index.js';
import { createProgrammeFlow } from '../../../src/flows/programme/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

export const SCHOOL = 'Holmegårdsskolen';

// 13:00–16:00 local: CEST until 25 October, CET after.
export const SESSIONS = [
  { number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') },
  { number: 2, startsAt: new Date('2026-10-20T11:00:00Z'), endsAt: new Date('2026-10-20T14:00:00Z') },
  { number: 3, startsAt: new Date('2026-12-01T12:00:00Z'), endsAt: new Date('2026-12-01T15:00:00Z') },
];

export interface Delivered {
  at: Date;
  to: string;
  message: RecordedMessage;
}

export interface ProgrammeWorld {
  s: Scenario;
  schoolId: string;
  courseId: string;
  tina: Actor;
  per: Actor;
  emma: Actor;
  olga: Actor;
  agentA: Actor;
  agentB: Actor;
  /** Every message sent to a person, with the clock time it went out. */
  log: Delivered[];
  /** Steps the clock (and the worker) to `when`, logging deliveries. */
  advanceTo(when: string, stepMs?: number): Promise<void>;
}

export async function programmeWorld(now: string): Promise<ProgrammeWorld> {
  const s = await createScenario({ now, flows: [createBookingFlow, createProgrammeFlow] });
  const schoolId = await s.school(SCHOOL);
  const tina = await s.person({ name: 'Tina Thomsen', roles: [['teacher', SCHOOL]] });
  const per = await s.person({ name: 'Per Pedersen', roles: [['pedagogue', SCHOOL]] });
  const emma = await s.person({ name: 'Emma English', locale: 'en', roles: [['teacher', SCHOOL]] });
  const olga = await s.person({ name: 'Olga Olsen', roles: [['teacher', SCHOOL]] });
  await s.runtime.db.person.update({ where: { id: olga.personId }, data: { promptsOff: true } });
  const agentA = await s.person({ name: 'Anders Andersen', roles: [['learning_agent', SCHOOL]] });
  const agentB = await s.person({ name: 'Bente Berg', roles: [['learning_agent', SCHOOL]] });
  const course = await s.runtime.db.course.create({
    data: {
      municipalityId: s.municipalityId,
      key: 'kl-2026',
      theme: 'klasseledelse',
      year: 2026,
      name: 'Klasseledelse',
      schools: { create: [{ schoolId }] },
      sessions: { create: SESSIONS },
      participants: { create: [tina, per, emma, olga].map((p) => ({ personId: p.personId })) },
    },
  });
  const log: Delivered[] = [];
  let seen = 0;
  const record = () => {
    for (; seen < s.chat.messages.length; seen++) {
      const m = s.chat.messages[seen]!;
      if (m.to.startsWith('person:')) log.push({ at: s.clock.now(), to: m.to.slice('person:'.length), message: m });
    }
  };
  return {
    s,
    schoolId,
    courseId: course.id,
    tina,
    per,
    emma,
    olga,
    agentA,
    agentB,
    log,
    async advanceTo(when, stepMs = 3_600_000) {
      const target = new Date(when).getTime();
      record();
      while (s.clock.now().getTime() < target) {
        s.clock.set(new Date(Math.min(target, s.clock.now().getTime() + stepMs)));
        await s.runJobs();
        record();
      }
    },
  };
}
