// Example data for the playground ("Indlæs eksempeldata", `npm start -- --demo`): the examples'
// roster and courses through the real importers, six visits held in the last weeks, and two
// lessons offered through the booking flow — one already claimed by the teacher's previous agent
// (who gets the head start), one open for the other agents. Only into an empty database.
import { readFile } from 'node:fs/promises';
import type { Actor, Interaction } from '../core/chat.js';
import type { Message } from '../core/messages.js';
import { addDays, instantFromLocal, isSchoolDay, localDate, weekdayOf, type CalendarSettings, type IsoDate } from '../domain/calendar/index.js';
import { importCourses } from '../import/courses/index.js';
import { importRoster } from '../import/roster/index.js';
import type { Runtime } from '../runtime.js';
import { CourseRepository } from '../store/course-repository.js';
import { DemoRepository } from '../store/demo-repository.js';
import { RosterRepository } from '../store/roster-repository.js';

const EXAMPLES = new URL('../../examples/', import.meta.url);

/** Who to pick in the playground for each role (also in the README). */
export const DEMO_PEOPLE = {
  teacher: 'line.baek@naestved.example',
  agent: 'mads.joergensen@naestved.example',
  leader: 'soeren.moeller@naestved.example',
  coordinator: 'mette.frederiksen@naestved.example',
} as const;

export type DemoOutcome = { loaded: false } | { loaded: true; people: number; courses: number; held: number; offered: number };

/**
 * Loads the example data unless someone is on the roster already. `peopleReady` runs after the
 * roster is in, before anything is offered (the playground links everyone to itself there, so the
 * flows' messages have somewhere to go).
 */
export async function loadDemo(runtime: Runtime, peopleReady: () => Promise<void>): Promise<DemoOutcome> {
  const demo = new DemoRepository(runtime.db);
  if (!(await demo.isEmpty())) return { loaded: false };
  const { config } = runtime;
  const roster = await importRoster(await readFile(new URL('roster.csv', EXAMPLES)), new RosterRepository(runtime.db), {
    defaultMunicipality: config.defaultMunicipality,
    timeZone: config.timeZone,
    locale: config.locale,
    prune: false,
    dryRun: false,
  });
  if (!roster.ok) throw new Error('examples/roster.csv does not import');
  const courses = await importCourses(await readFile(new URL('courses.yaml', EXAMPLES), 'utf8'), new CourseRepository(runtime.db), { defaultMunicipality: config.defaultMunicipality, dryRun: false });
  if (!courses.ok) throw new Error('examples/courses.yaml does not import');
  await peopleReady();

  const teacher = await actor(demo, DEMO_PEOPLE.teacher);
  const settings = await runtime.calendar(teacher.municipalityId);
  const tz = settings.timeZone;
  const today = localDate(runtime.clock.now(), tz);
  const at = (date: IsoDate, time: string) => instantFromLocal(date, time, tz);

  // Visits already held (so `mine` shows progress and the digest has something to count): six
  // teachers, all before this week's Monday, so the leaders' digest and `overblik` can show the
  // course's figures (a total moves only when at least five teachers stand behind the change).
  const monday = addDays(today, 1 - weekdayOf(today));
  const before = (n: number, time: string) => at(schoolDay(monday, -n, settings), time);
  const held = [
    { teacherEmail: 'camilla.holm@naestved.example', agentEmail: 'anne.soerensen@naestved.example', startsAt: before(9, '08:15'), classGroup: '5.a', subject: 'historie' },
    { teacherEmail: DEMO_PEOPLE.teacher, agentEmail: DEMO_PEOPLE.agent, startsAt: before(8, '09:00'), classGroup: '4.a', subject: 'dansk' },
    { teacherEmail: 'rasmus.krogh@naestved.example', agentEmail: DEMO_PEOPLE.agent, startsAt: before(6, '12:30'), classGroup: '8.b', subject: 'idræt' },
    { teacherEmail: 'kasper.oestergaard@naestved.example', agentEmail: 'anne.soerensen@naestved.example', startsAt: before(4, '10:00'), classGroup: '6.b', subject: 'matematik' },
    { teacherEmail: 'signe.lund@naestved.example', agentEmail: 'anne.soerensen@naestved.example', startsAt: before(3, '09:50'), classGroup: '2.a', subject: 'billedkunst' },
    { teacherEmail: 'pernille.dahl@naestved.example', agentEmail: DEMO_PEOPLE.agent, startsAt: before(1, '11:00'), classGroup: '3.c', subject: 'natur/teknologi' },
  ];
  for (const v of held) await demo.addHeldVisit({ ...v, schoolName: 'Holsted Skole', minutes: 45 });

  // Lessons offered now, through the booking flow as a teacher would. Line Bæk's previous agent
  // (Mads Jørgensen) gets the head start and claims it; Thomas Nørgaard's stays open for everyone.
  const agent = await actor(demo, DEMO_PEOPLE.agent);
  const booked = await offer(runtime, demo, teacher, { date: schoolDay(today, 6, settings), start: '09:00', end: '09:45', classGroup: '4.a', subject: 'dansk', room: 'B12', focus: 'overgange mellem aktiviteter' });
  await act(runtime, agent, 'booking.claim', booked);
  const other = await actor(demo, 'thomas.noergaard@naestved.example');
  await offer(runtime, demo, other, { date: schoolDay(today, 8, settings), start: '10:00', end: '10:45', classGroup: '7.a', subject: 'engelsk', room: 'C3', focus: 'elevernes mundtlighed' });

  return { loaded: true, people: roster.counts.people, courses: courses.plan.courses.length, held: held.length, offered: 2 };
}

/** The school day `n` school days from `date` (before it when negative). */
function schoolDay(date: IsoDate, n: number, settings: CalendarSettings): IsoDate {
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, Math.sign(n));
    if (isSchoolDay(d, settings)) left -= 1;
  }
  return d;
}

async function actor(demo: DemoRepository, email: string): Promise<Actor> {
  const p = await demo.person(email);
  if (!p) throw new Error('an example person is missing from examples/roster.csv');
  return { personId: p.id, municipalityId: p.municipalityId, locale: p.locale === 'en' ? 'en' : 'da', platform: 'local' };
}

/** An interaction nobody watches: the example's own confirmations are not shown to anyone. */
function quiet(who: Actor, answers: Message[] = []): Interaction {
  return {
    actor: who,
    respond: async (build) => void answers.push(build(who.locale)),
    openForm: async () => undefined,
    updateSource: async () => undefined,
  };
}

async function offer(runtime: Runtime, demo: DemoRepository, teacher: Actor, values: Record<string, string>): Promise<string> {
  const result = await runtime.dispatcher.submit({ actor: teacher, formId: 'booking.offer', values }, quiet(teacher));
  if (!result.ok) throw new Error(`an example offer was refused: ${Object.keys(result.errors).join(', ')}`);
  const slot = await demo.latestSlotOf(teacher.personId);
  if (!slot) throw new Error('the example offer made no lesson');
  return slot;
}

async function act(runtime: Runtime, who: Actor, actionId: string, value: string): Promise<void> {
  const answers: Message[] = [];
  await runtime.dispatcher.action({ actor: who, actionId, value }, quiet(who, answers));
  if (answers.length === 0) throw new Error(`the example ${actionId} got no answer`);
}
