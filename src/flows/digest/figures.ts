// Everything one school's digest shows for one ISO week, with the privacy rule applied (privacy.ts).
// Shared by the Monday job, `overblik`, the municipality overview, the report, the operators'
// preview and the benchmark, so all of them show the same figures.
import { addDays, instantFromLocal, isoWeekOf, localDate, mondayOfIsoWeek, type CalendarSettings } from '../../domain/calendar/index.js';
import { parseSpread, windowsFor } from '../../domain/feedback-windows.js';
import type { CourseRow, DigestStore, HeldVisitRow, SchoolRef } from './ports.js';
import { figure, publishedCutoff, type Figure } from './privacy.js';

export interface WeekRef {
  schoolId: string;
  isoYear: number;
  isoWeek: number;
}

/** This week's activity: visits held and lessons nobody took in the week, what lies ahead from now. */
export interface WeekFigures {
  held: Figure;
  unclaimed: Figure;
  /** Claimed visits in the 7 days from now. */
  planned: Figure;
  /** Open lessons from now on. */
  open: Figure;
}

export interface CourseFigures {
  name: string;
  target: number;
  /** Participants on the school's staff; null = fewer than five, and then every figure is null. */
  participants: Figure;
  /** Participants who have had `target` feedbacks. */
  reached: Figure;
  held: Figure;
  /** Held visits whose reflection was written (a count, never the text). */
  reflected: Figure;
  /** The local date the running totals are shown as of (they move in steps of ≥ 5 teachers); null = nothing yet. */
  asOf: string | null;
  /** Feedback windows that have opened, as of the same date. */
  windows: WindowFigures[];
}

/** One feedback window (between session n and n+1, or after the last): participants who had its share. */
export interface WindowFigures {
  index: number;
  afterSession: number;
  beforeSession: number | null;
  /** Local date the window closes; null = after the last session (open for a set period). */
  until: string | null;
  target: number;
  reached: Figure;
  held: Figure;
}

export interface TrendPoint {
  isoYear: number;
  isoWeek: number;
  held: Figure;
}

export interface DigestFigures {
  school: SchoolRef;
  isoYear: number;
  isoWeek: number;
  week: WeekFigures;
  courses: CourseFigures[];
  /** Visits held per week, oldest first, ending with this week. */
  trend: TrendPoint[];
  /** Staff the bot cannot reach (an operational count, nothing about feedback). */
  unreachable: number;
}

export const TREND_WEEKS = 8;
const DAY = 86_400_000;

/** The ISO week `now` falls in, in a time zone (what `overblik`, the report and `digest preview` show). */
export function currentWeek(now: Date, timeZone: string): Omit<WeekRef, 'schoolId'> {
  const { year, week } = isoWeekOf(now, timeZone);
  return { isoYear: year, isoWeek: week };
}

/** Local midnight Monday to the next Monday, as instants. */
export function weekBounds(isoYear: number, isoWeek: number, settings: CalendarSettings): { from: Date; to: Date } {
  const monday = mondayOfIsoWeek(isoYear, isoWeek);
  return { from: instantFromLocal(monday, '00:00', settings.timeZone), to: instantFromLocal(addDays(monday, 7), '00:00', settings.timeZone) };
}

/** The school year (1 August – 31 July) an instant belongs to, named by the year it starts in. */
function schoolYear(at: Date, settings: CalendarSettings): number {
  const [y, m] = localDate(at, settings.timeZone).split('-').map(Number) as [number, number];
  return m >= 8 ? y : y - 1;
}

/** Courses that have started and belong to this school year or later: finished years drop out. */
export function currentCourses(courses: CourseRow[], now: Date, settings: CalendarSettings): CourseRow[] {
  const year = schoolYear(now, settings);
  return courses.filter((c) => {
    const first = c.sessions[0];
    const last = c.sessions.at(-1);
    return first && last && first.startsAt.getTime() <= now.getTime() && schoolYear(last.startsAt, settings) >= year;
  });
}

/** Monday 00:00 boundaries from the course's first week up to and including `end`. */
function weekBoundaries(start: Date, end: Date, settings: CalendarSettings): Date[] {
  const { year, week } = isoWeekOf(start, settings.timeZone);
  const out: Date[] = [];
  for (let monday = addDays(mondayOfIsoWeek(year, week), 7); ; monday = addDays(monday, 7)) {
    const at = instantFromLocal(monday, '00:00', settings.timeZone);
    if (at.getTime() > end.getTime()) return out;
    out.push(at);
  }
}

function courseFigures(course: CourseRow, visits: HeldVisitRow[], cutoffEnd: Date, settings: CalendarSettings): CourseFigures {
  const participants = course.participantIds;
  const hidden: CourseFigures = { name: course.name, target: course.target, participants: null, reached: null, held: null, reflected: null, asOf: null, windows: [] };
  if (figure(participants.length, participants) === null) return hidden;
  const mine = new Set(participants);
  const own = visits.filter((v) => v.courseId === course.id && mine.has(v.teacherId));
  const events = [...own.map((v) => ({ teacherId: v.teacherId, at: v.startsAt })), ...own.filter((v) => v.reflectedAt).map((v) => ({ teacherId: v.teacherId, at: v.reflectedAt! }))];
  const cutoff = publishedCutoff(events, weekBoundaries(course.sessions[0]!.startsAt, cutoffEnd, settings));
  const before = (d: Date | null) => cutoff !== null && d !== null && d.getTime() < cutoff.getTime();
  const held = own.filter((v) => before(v.startsAt));
  const reflected = held.filter((v) => before(v.reflectedAt));
  const perTeacher = new Map<string, number>();
  for (const v of held) perTeacher.set(v.teacherId, (perTeacher.get(v.teacherId) ?? 0) + 1);
  const reached = [...perTeacher.entries()].filter(([, n]) => n >= course.target).map(([id]) => id);
  // Per window: only visits (never reflections), as of the same cutoff as the course's totals.
  const windows = windowsFor({ id: course.id, feedbackTarget: course.target, feedbackSpread: parseSpread(course.feedbackSpread), sessions: course.sessions })
    .filter((w) => w.target > 0 && cutoff !== null && w.start.getTime() < cutoff.getTime())
    .map((w): WindowFigures => {
      const inWindow = held.filter((v) => v.startsAt >= w.start && v.startsAt < w.end);
      const per = new Map<string, number>();
      for (const v of inWindow) per.set(v.teacherId, (per.get(v.teacherId) ?? 0) + 1);
      const had = [...per.entries()].filter(([, n]) => n >= w.target).map(([id]) => id);
      return {
        index: w.index,
        afterSession: w.afterSession,
        beforeSession: w.beforeSession,
        until: w.beforeSession === null ? null : localDate(new Date(w.end.getTime() - 1), settings.timeZone),
        target: w.target,
        reached: figure(had.length, had),
        held: figure(inWindow.length, inWindow.map((v) => v.teacherId)),
      };
    });
  return {
    ...hidden,
    participants: participants.length,
    reached: figure(reached.length, reached),
    held: figure(held.length, held.map((v) => v.teacherId)),
    reflected: figure(reflected.length, reflected.map((v) => v.teacherId)),
    asOf: cutoff ? localDate(new Date(cutoff.getTime() - 1), settings.timeZone) : null,
    windows,
  };
}

/**
 * The digest of `week` as it stands at `now`. Running totals are as of the end of the week (or of
 * the last complete week, when the week is still running), moved only in steps of ≥ 5 teachers.
 */
export async function digestFigures(store: DigestStore, settings: CalendarSettings, school: SchoolRef, week: Omit<WeekRef, 'schoolId'>, now: Date, platforms: string[]): Promise<DigestFigures> {
  const { from, to } = weekBounds(week.isoYear, week.isoWeek, settings);
  const trendFrom = new Date(from.getTime() - (TREND_WEEKS - 1) * 7 * DAY - DAY); // a day's slack for summer time
  const [staff, courses, lessons, open] = [
    await store.staff(school.id, platforms),
    await store.courses(school.id),
    await store.lessons(school.id, ['held', 'unclaimed', 'claimed'], trendFrom, new Date(Math.max(to.getTime(), now.getTime() + 7 * DAY))),
    await store.lessons(school.id, ['open'], now, new Date(now.getTime() + 400 * DAY)),
  ];
  const current = currentCourses(courses, now, settings);
  const visits = await store.heldVisits(school.id, current.map((c) => c.id));
  const cutoffEnd = new Date(Math.min(to.getTime(), now.getTime()));

  const inWeek = (d: Date) => d >= from && d < to;
  const teachersOf = (rows: { teacherId: string }[]) => rows.map((r) => r.teacherId);
  const heldInWeek = lessons.filter((l) => l.status === 'held' && inWeek(l.startsAt));
  const unclaimed = lessons.filter((l) => l.status === 'unclaimed' && inWeek(l.startsAt));
  const planned = lessons.filter((l) => l.status === 'claimed' && l.startsAt >= now && l.startsAt.getTime() < now.getTime() + 7 * DAY);

  const trend: TrendPoint[] = [];
  for (let k = TREND_WEEKS - 1; k >= 0; k--) {
    const monday = addDays(mondayOfIsoWeek(week.isoYear, week.isoWeek), -7 * k);
    const { year, week: w } = isoWeekOf(instantFromLocal(monday, '12:00', settings.timeZone), settings.timeZone);
    const b = weekBounds(year, w, settings);
    const held = lessons.filter((l) => l.status === 'held' && l.startsAt >= b.from && l.startsAt < b.to);
    trend.push({ isoYear: year, isoWeek: w, held: figure(held.length, teachersOf(held)) });
  }

  return {
    school,
    isoYear: week.isoYear,
    isoWeek: week.isoWeek,
    week: {
      held: figure(heldInWeek.length, teachersOf(heldInWeek)),
      unclaimed: figure(unclaimed.length, teachersOf(unclaimed)),
      planned: figure(planned.length, teachersOf(planned)),
      open: figure(open.length, teachersOf(open)),
    },
    courses: current.map((c) => courseFigures(c, visits, cutoffEnd, settings)),
    trend,
    unreachable: new Set(staff.filter((s) => !s.reachable).map((s) => s.personId)).size,
  };
}
