// The programme's daily plan: for every current course, the window starts and reminders due in the
// next two days become jobs; for every municipality, the agents' Monday overview of this and next
// week. Planning only a little ahead means a course file re-imported with moved sessions is simply
// planned at its new times (the job keys carry the due date; message keys make sure nobody hears
// the same nudge twice).
import { addDays, instantFromLocal, isoWeekOf, mondayOfIsoWeek } from '../../domain/calendar/index.js';
import { DAYS_AFTER_LAST_SESSION, windowsFor } from '../../domain/feedback-windows.js';
import type { ProductDeps } from '../stores.js';
import { PROGRAMME_JOBS, programmeKeys, type AgentWeekPayload, type NudgeKind, type WindowJobPayload } from './keys.js';
import { reminderAt, startNudgeUntil } from './nudges.js';

const DAY_MS = 86_400_000;
const PLAN_AHEAD_MS = 2 * DAY_MS;
/** Local time of the agents' Monday overview. */
export const OVERVIEW_AT = '08:00';

export async function planProgramme(deps: ProductDeps, now: Date): Promise<void> {
  const { stores, jobs } = deps;
  const horizon = now.getTime() + PLAN_AHEAD_MS;
  for (const course of await stores.programme.currentCourses(now, DAYS_AFTER_LAST_SESSION)) {
    for (const w of windowsFor(course)) {
      const moments: [NudgeKind, Date, Date][] = [['start', w.start, startNudgeUntil(w)]];
      const reminder = reminderAt(w);
      if (reminder) moments.push(['reminder', reminder, w.end]);
      for (const [kind, due, until] of moments) {
        if (due.getTime() > horizon || now >= until) continue;
        await jobs.schedule({
          kind: kind === 'start' ? PROGRAMME_JOBS.windowStart : PROGRAMME_JOBS.windowReminder,
          payload: { courseId: course.id, window: w.index } satisfies WindowJobPayload,
          runAt: due,
          idempotencyKey: programmeKeys.windowJob(course.id, w.index, kind, due),
          municipalityId: course.municipalityId,
        });
      }
    }
  }
  for (const m of await stores.programme.municipalities()) {
    const { timeZone } = await deps.calendar(m.id);
    const { year, week } = isoWeekOf(now, timeZone);
    const thisMonday = mondayOfIsoWeek(year, week);
    const thisOverview = instantFromLocal(thisMonday, OVERVIEW_AT, timeZone);
    // This week's only while it is still Monday (a first start mid-week sends nothing stale).
    if (now.getTime() < thisOverview.getTime() + DAY_MS) await scheduleOverview(deps, m.id, year, week, thisOverview);
    const next = isoWeekOf(instantFromLocal(addDays(thisMonday, 7), '12:00', timeZone), timeZone);
    await scheduleOverview(deps, m.id, next.year, next.week, instantFromLocal(addDays(thisMonday, 7), OVERVIEW_AT, timeZone));
  }
}

function scheduleOverview(deps: ProductDeps, municipalityId: string, isoYear: number, isoWeek: number, runAt: Date) {
  return deps.jobs.schedule({
    kind: PROGRAMME_JOBS.agentWeek,
    payload: { municipalityId, isoYear, isoWeek } satisfies AgentWeekPayload,
    runAt,
    idempotencyKey: programmeKeys.weekJob(municipalityId, isoYear, isoWeek),
    municipalityId,
  });
}

/** Tomorrow's plan (re-planned daily so new courses and moved sessions are picked up). */
export function scheduleNextPlan(deps: ProductDeps, now: Date) {
  const tomorrow = new Date(now.getTime() + DAY_MS);
  return deps.jobs.schedule({ kind: PROGRAMME_JOBS.plan, payload: {}, runAt: tomorrow, idempotencyKey: programmeKeys.plan(tomorrow), messagesStaff: false });
}
