// The leaders' weekly digest: every Monday morning each school's leadership channel (or, if none is
// linked, each leader) gets last week's feedback figures with a trend chart, details in a follow-up.
// `overblik` shows a leader the same now, privately; `overblik kommune` shows a coordinator every
// school of the municipality. Figures follow the privacy rule in privacy.ts.
import type { Flow } from '../../core/flow.js';
import { addDays, instantFromLocal, isoWeekOf, isSchoolDay, mondayOfIsoWeek } from '../../domain/calendar/index.js';
import type { ProductFlowFactory } from '../stores.js';
import type { WeekRef } from './figures.js';
import { showMunicipality, showSchoolNow } from './overview.js';
import { LEADERS_JOB, sendDigest, sendRecordedToLeaders } from './send.js';

export const DIGEST_JOB = 'digest.weekly';
const PLAN_JOB = 'digest.plan';
const SEND_AT = '08:00';
export { MIN_GROUP } from './privacy.js';

export const createDigestFlow: ProductFlowFactory = (deps) => {
  const { stores, jobs, clock, calendar } = deps;

  /** Schedules, for every school, the digest of the current week (sent Monday of the next week). */
  async function plan(now: Date): Promise<void> {
    for (const school of await stores.digest.schools()) {
      const settings = await calendar(school.municipalityId);
      const { year, week } = isoWeekOf(now, settings.timeZone);
      const nextMonday = addDays(mondayOfIsoWeek(year, week), 7);
      await jobs.schedule({
        kind: DIGEST_JOB,
        payload: { schoolId: school.id, isoYear: year, isoWeek: week } satisfies WeekRef,
        runAt: instantFromLocal(nextMonday, SEND_AT, settings.timeZone),
        idempotencyKey: `digest:${school.id}:${year}-W${week}`,
        municipalityId: school.municipalityId,
      });
    }
  }

  async function scheduleNextPlan(now: Date): Promise<void> {
    // Re-plan daily so schools added by a roster import get their digest too.
    const tomorrow = new Date(now.getTime() + 24 * 3_600_000);
    await jobs.schedule({
      kind: PLAN_JOB,
      payload: {},
      runAt: tomorrow,
      idempotencyKey: `digest:plan:${tomorrow.toISOString().slice(0, 10)}`,
      messagesStaff: false,
    });
  }

  const flow: Flow = {
    name: 'digest',
    onStart: async () => {
      const now = clock.now();
      await plan(now);
      await scheduleNextPlan(now);
    },
    commands: {
      overview: async (ev, ix) => {
        if (/^(kommune|municipality)$/i.test(ev.args.trim())) await showMunicipality(deps, ev.actor, ix);
        else await showSchoolNow(deps, ev.actor, ix);
      },
    },
    jobs: {
      [PLAN_JOB]: async (_payload: unknown, ctx) => {
        await plan(ctx.now);
        await scheduleNextPlan(ctx.now);
      },
      [DIGEST_JOB]: async (week: WeekRef, ctx) => {
        const school = await stores.digest.school(week.schoolId);
        if (!school) return;
        const settings = await calendar(school.municipalityId);
        const monday = mondayOfIsoWeek(week.isoYear, week.isoWeek);
        // A holiday week (uge 42, Christmas) had no lessons: no digest, nothing to read.
        if (![0, 1, 2, 3, 4].some((d) => isSchoolDay(addDays(monday, d), settings))) return;
        await sendDigest(deps, week, ctx.now);
      },
      // The leadership channel could not be reached after all: each leader gets it directly.
      [LEADERS_JOB]: (week: WeekRef) => sendRecordedToLeaders(deps, week),
    },
  };
  return flow;
};
