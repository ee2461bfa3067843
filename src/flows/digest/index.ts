// The leaders' weekly digest: every Monday morning each school's leadership channel (or, if none is
// linked, each leader) gets last week's feedback completion. Counts only; groups smaller than five
// are not shown as numbers, so nothing points at one person.
import type { Flow } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich } from '../../core/i18n/text.js';
import { context, fields, header, text, type Block, type Message } from '../../core/messages.js';
import type { ProductFlowFactory, ProductTx } from '../stores.js';
import type { CourseProgress, WeekCounts } from './ports.js';
import { addDays, instantFromLocal, isoWeekOf, isSchoolDay, localDate, mondayOfIsoWeek } from '../../domain/calendar/index.js';
import { digestTexts as T } from './texts.js';

export const DIGEST_JOB = 'digest.weekly';
const PLAN_JOB = 'digest.plan';
const LEADERS_JOB = 'digest.toLeaders';
/** Smallest group whose figures are shown. */
export const MIN_GROUP = 5;
const SEND_AT = '08:00';

interface WeekRef {
  schoolId: string;
  isoYear: number;
  isoWeek: number;
}

export const createDigestFlow: ProductFlowFactory = ({ stores, chat, jobs, clock, calendar, directory }) => {
  const store = stores.digest;

  async function sendToLeaders(tx: ProductTx, schoolId: string, key: string, message: (l: Locale) => Message): Promise<void> {
    for (const leader of await tx.digest.leaders(schoolId)) await tx.chat.sendToPerson(leader, message, { key: `${key}:to:${leader}` });
  }

  /** Schedules, for every school, the digest of the current week (sent Monday of the next week). */
  async function plan(now: Date): Promise<void> {
    for (const school of await store.schools()) {
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

  function build(l: Locale, school: string, week: number, counts: WeekCounts, courses: CourseProgress[], unreachable: number): Message {
    const t = T.for(l);
    const blocks: Block[] = [
      header(T.plain(l, 'title', { school, week })),
      fields(
        { label: T.plain(l, 'weekHeld', { week }), value: rich(String(counts.held)) },
        { label: T.plain(l, 'weekUnclaimed'), value: rich(String(counts.unclaimed)) },
        { label: T.plain(l, 'upcoming'), value: rich(String(counts.upcoming)) },
        { label: T.plain(l, 'open'), value: rich(String(counts.open)) },
      ),
    ];
    if (courses.length === 0) blocks.push(text(t('noCourses')));
    for (const c of courses) {
      const params = { course: c.courseName, completed: c.completed, participants: c.participants, target: c.target, held: c.held, reflected: c.reflected, min: MIN_GROUP };
      if (c.participants < MIN_GROUP) blocks.push(text(t('courseSmall', params)));
      else if (c.held < MIN_GROUP) blocks.push(text(t('courseReflectionsHidden', params)));
      else blocks.push(text(t('courseLine', params)));
    }
    if (unreachable > 0) blocks.push(text(t('unreachable', { count: unreachable })));
    blocks.push(context(t('footer')));
    return { summary: T.plain(l, 'summary', { school, week }), blocks };
  }

  const flow: Flow = {
    name: 'digest',
    onStart: async () => {
      const now = clock.now();
      await plan(now);
      await scheduleNextPlan(now);
    },
    jobs: {
      [PLAN_JOB]: async (_payload: unknown, ctx) => {
        await plan(ctx.now);
        await scheduleNextPlan(ctx.now);
      },
      [DIGEST_JOB]: async ({ schoolId, isoYear, isoWeek }: WeekRef, ctx) => {
        const school = await store.school(schoolId);
        if (!school) return;
        const settings = await calendar(school.municipalityId);
        const monday = mondayOfIsoWeek(isoYear, isoWeek);
        const days = [0, 1, 2, 3, 4].map((d) => addDays(monday, d));
        // A holiday week (uge 42, Christmas) had no lessons: no digest, nothing to read.
        if (!days.some((d) => isSchoolDay(d, settings))) return;
        const from = instantFromLocal(monday, '00:00', settings.timeZone);
        const to = instantFromLocal(addDays(monday, 7), '00:00', settings.timeZone);
        const [counts, courses, unreachable] = await Promise.all([
          store.weekCounts(schoolId, from, to, ctx.now),
          store.courseProgress(schoolId, ctx.now),
          store.unreachableStaff(schoolId, chat.platforms()),
        ]);
        const summary = JSON.stringify({ counts, courses: courses.map((c) => ({ ...c })), unreachable, sentOn: localDate(ctx.now, settings.timeZone) });
        const message = (l: Locale) => build(l, school.name, isoWeek, counts, courses, unreachable);
        const key = `digest:${schoolId}:${isoYear}-W${isoWeek}`;
        const channel = await directory.channelTarget(schoolId, 'leadership');
        // The record and the messages commit together: one delivery per recipient, each sent once.
        await stores.transaction(async (tx) => {
          const viaChannel = channel !== null && !channel.unreachable;
          // Nobody to tell: not recorded as sent, so a channel linked or a leader added later still gets it.
          if (!viaChannel && (await tx.digest.leaders(schoolId)).length === 0) return;
          if (!(await tx.digest.record(schoolId, isoYear, isoWeek, summary, ctx.now))) return; // sent already
          if (viaChannel) {
            const fallback = { kind: LEADERS_JOB, payload: { schoolId, isoYear, isoWeek } satisfies WeekRef };
            await tx.chat.postToChannel(schoolId, 'leadership', message, { key: `${key}:channel`, ifUndeliverable: fallback });
          } else await sendToLeaders(tx, schoolId, key, message);
        });
      },
      // The leadership channel could not be reached after all: each leader gets it directly.
      [LEADERS_JOB]: async ({ schoolId, isoYear, isoWeek }: WeekRef) => {
        const row = await store.recorded(schoolId, isoYear, isoWeek);
        const school = await store.school(schoolId);
        if (!row || !school) return;
        const { counts, courses, unreachable } = JSON.parse(row) as { counts: WeekCounts; courses: CourseProgress[]; unreachable: number };
        const message = (l: Locale) => build(l, school.name, isoWeek, counts, courses, unreachable);
        await stores.transaction((tx) => sendToLeaders(tx, schoolId, `digest:${schoolId}:${isoYear}-W${isoWeek}`, message));
      },
    },
  };
  return flow;
};
