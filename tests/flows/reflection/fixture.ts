// A held visit, as the reflection flow finds it: a teacher, the visiting agent, a colleague, a
// leader and a coordinator at one school, and the prompt job run (or due).
import { buttonsOf, messageText } from '../../../src/bot/memory/driver.js';
import type { Actor } from '../../../src/core/chat.js';
import type { Logger } from '../../../src/core/logger.js';
import { createReflectionFlow, REFLECTION_PROMPT_JOB } from '../../../src/flows/reflection/index.js';
import type { FlowFactory, RuntimeOptions } from '../../../src/runtime.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

export interface HeldVisit {
  s: Scenario;
  teacher: Actor;
  agent: Actor;
  otherTeacher: Actor;
  otherAgent: Actor;
  leader: Actor;
  coordinator: Actor;
  slotId: string;
}

export async function heldVisit(
  opts: {
    teacherLocale?: 'da' | 'en';
    theme?: string;
    focus?: string;
    /** Lesson start and end (UTC); default Tuesday 24 November 2026 10:00–10:45 Copenhagen (now 11:10). */
    startsAt?: string;
    endsAt?: string;
    now?: string;
    /** Leave the prompt job for the test to run. */
    runPrompt?: boolean;
    status?: 'held' | 'claimed';
    config?: Partial<RuntimeOptions['config']>;
    logger?: Logger;
    flows?: FlowFactory[];
  } = {},
): Promise<HeldVisit> {
  const s = await createScenario({ now: opts.now ?? '2026-11-24T10:10:00Z', flows: opts.flows ?? [createReflectionFlow], config: opts.config, logger: opts.logger });
  const teacher = await s.person({ name: 'Mette Ærø', locale: opts.teacherLocale, roles: [['teacher', 'Holsted Skole']] });
  const agent = await s.person({ name: 'Søren Kjær', roles: [['learning_agent', 'Holsted Skole']] });
  const otherTeacher = await s.person({ name: 'Jens Hansen', roles: [['teacher', 'Holsted Skole']] });
  const otherAgent = await s.person({ name: 'Lone Berg', roles: [['learning_agent', 'Holsted Skole']] });
  const leader = await s.person({ name: 'Karen Leder', roles: [['leader', 'Holsted Skole']] });
  const coordinator = await s.person({ name: 'Ole Koordinator', roles: [['coordinator', 'Holsted Skole']] });
  const schoolId = await s.school('Holsted Skole');
  const course = opts.theme
    ? await s.runtime.db.course.create({ data: { municipalityId: s.municipalityId, key: `c-${opts.theme}`, theme: opts.theme, year: 2026, name: 'Forløb' } })
    : null;
  const slot = await s.runtime.db.slot.create({
    data: {
      schoolId,
      teacherId: teacher.personId,
      createdById: teacher.personId,
      agentId: agent.personId,
      courseId: course?.id ?? null,
      startsAt: new Date(opts.startsAt ?? '2026-11-24T09:00:00Z'),
      endsAt: new Date(opts.endsAt ?? '2026-11-24T09:45:00Z'),
      classGroup: '5.b',
      subject: 'Dansk',
      focus: opts.focus ?? null,
      status: opts.status ?? 'held',
    },
  });
  if (opts.runPrompt !== false) {
    await s.runtime.jobs.schedule({ kind: REFLECTION_PROMPT_JOB, payload: { slotId: slot.id }, runAt: s.clock.now(), idempotencyKey: `slot:${slot.id}:reflection` });
    await s.runJobs();
  }
  return { s, teacher, agent, otherTeacher, otherAgent, leader, coordinator, slotId: slot.id };
}

/** The button on the first message the teacher got. */
export const promptButton = (s: Scenario, teacher: Actor, actionId: string) => buttonsOf(s.chat.toPerson(teacher.personId)[0]!.message).find((b) => b.actionId === actionId)!;

/** Types `text` in her direct chat and returns what the bot answered, as text. */
export async function say(s: Scenario, who: Actor, text: string): Promise<string> {
  const ix = s.chat.interaction(who);
  await s.runtime.dispatcher.command(who, text, ix);
  return ix.responses.map(messageText).join('\n');
}

export async function click(s: Scenario, who: Actor, actionId: string, value: string | undefined): Promise<string> {
  const ix = s.chat.interaction(who);
  await s.runtime.dispatcher.action({ actor: who, actionId, value }, ix);
  return ix.responses.map(messageText).join('\n');
}
