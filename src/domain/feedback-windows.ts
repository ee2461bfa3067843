// Feedback windows: the programme's promise is feedback *between* the course sessions. A course with
// sessions 1..n has n windows: window k runs from the end of session k to the start of session k+1,
// and the last one from the end of session n for a set period. Each window has a share of the
// course's target. Pure functions over plain data: no database, no clock, no time zone.

/** How long the window after the last session stays open (feedback still counts for the course). */
export const DAYS_AFTER_LAST_SESSION = 120;
const DAY_MS = 86_400_000;

export interface CourseSession {
  number: number;
  startsAt: Date;
  endsAt: Date;
}

/** What a course needs to know for its windows. */
export interface CourseSchedule {
  id: string;
  /** Feedbacks per participant for the whole course (default 2). */
  feedbackTarget: number;
  /** Optional share per window (the course file's feedback_spread); ignored unless it fits. */
  feedbackSpread?: readonly number[] | null;
  sessions: readonly CourseSession[];
}

export interface FeedbackWindow {
  /** 1-based; window k opens when session k ends. */
  index: number;
  /** The session whose end opens the window. */
  afterSession: number;
  /** The session whose start closes it; null for the window after the last session. */
  beforeSession: number | null;
  start: Date;
  /** Exclusive. */
  end: Date;
  /** Feedbacks expected in this window (the shares add up to the course's target). */
  target: number;
}

/** A teacher's lesson as the windows see it (a Slot row, reduced). */
export interface VisitFact {
  courseId: string | null;
  teacherId: string;
  startsAt: Date;
  /** open | claimed | held | not_held | cancelled | unclaimed */
  status: string;
}

/** Statuses that mean "a lesson is booked": offered and not given up on. */
const BOOKED = new Set(['open', 'claimed', 'held']);

/**
 * The default share per window: the target goes to the windows *between* sessions first (the
 * programme's promise), spread evenly and earliest-first; a one-session course puts it all after
 * the session. E.g. target 2 over 3 sessions → [1, 1, 0]; over 5 sessions → [1, 0, 1, 0, 0].
 */
export function defaultSpread(target: number, sessionCount: number): number[] {
  if (sessionCount <= 0) return [];
  const between = sessionCount - 1;
  const spreadOver = between > 0 ? between : 1;
  const shares = Array.from({ length: sessionCount }, () => 0);
  // Cumulative ceiling: window i gets ceil(t·i/w) − ceil(t·(i−1)/w), integers only.
  for (let i = 1; i <= spreadOver; i++) shares[i - 1] = Math.ceil((target * i) / spreadOver) - Math.ceil((target * (i - 1)) / spreadOver);
  return shares;
}

/** A course file's spread fits when it has one whole number ≥ 0 per session and adds up to the target. */
export function spreadFits(spread: readonly number[], target: number, sessionCount: number): boolean {
  return (
    spread.length === sessionCount &&
    spread.every((n) => Number.isInteger(n) && n >= 0) &&
    spread.reduce((a, b) => a + b, 0) === target
  );
}

/** The stored form of a course file's feedback_spread ("1,1,0") → numbers; null when absent or damaged. */
export function parseSpread(stored: string | null | undefined): number[] | null {
  if (!stored) return null;
  const parts = stored.split(',').map((p) => Number(p.trim()));
  return parts.every((n) => Number.isInteger(n) && n >= 0) ? parts : null;
}

/** The running target up to and including `window`: feedbacks a participant should have by its end. */
export function dueBy(windows: readonly FeedbackWindow[], window: FeedbackWindow): number {
  return windows.filter((w) => w.index <= window.index).reduce((sum, w) => sum + w.target, 0);
}

/** The course's windows in order; sessions may come in any order. */
export function windowsFor(course: CourseSchedule): FeedbackWindow[] {
  const sessions = [...course.sessions].sort((a, b) => a.number - b.number);
  const spread =
    course.feedbackSpread && spreadFits(course.feedbackSpread, course.feedbackTarget, sessions.length)
      ? course.feedbackSpread
      : defaultSpread(course.feedbackTarget, sessions.length);
  return sessions.map((s, i) => {
    const next = sessions[i + 1];
    return {
      index: i + 1,
      afterSession: s.number,
      beforeSession: next ? next.number : null,
      start: s.endsAt,
      end: next ? next.startsAt : new Date(s.endsAt.getTime() + DAYS_AFTER_LAST_SESSION * DAY_MS),
      target: spread[i] ?? 0,
    };
  });
}

/** The window containing `at`, if any (before the first session ends there is none). */
export function windowAt(windows: readonly FeedbackWindow[], at: Date): FeedbackWindow | null {
  const t = at.getTime();
  return windows.find((w) => t >= w.start.getTime() && t < w.end.getTime()) ?? null;
}

export function inWindow(w: FeedbackWindow, at: Date): boolean {
  return at.getTime() >= w.start.getTime() && at.getTime() < w.end.getTime();
}

/** The person's lessons for this course (a lesson counts for the course it was offered for). */
function visitsOf(course: CourseSchedule, visits: readonly VisitFact[], personId: string): VisitFact[] {
  return visits.filter((v) => v.teacherId === personId && v.courseId === course.id);
}

/** Does the person have a lesson booked (offered, claimed or held) for the course inside the window? */
export function hasBookingIn(course: CourseSchedule, window: FeedbackWindow, visits: readonly VisitFact[], personId: string): boolean {
  return visitsOf(course, visits, personId).some((v) => BOOKED.has(v.status) && inWindow(window, v.startsAt));
}

export interface WindowProgress {
  window: FeedbackWindow;
  /** Held visits starting in the window. */
  done: number;
  /** Offered, claimed or held lessons starting in the window. */
  booked: number;
}

export interface NextDeadline {
  window: FeedbackWindow;
  /** The session the feedback should come before; null for the window after the last session. */
  beforeSession: number | null;
  /** When that window closes. */
  date: Date;
}

export interface Progress {
  /** Held visits for the course (wherever they fall). */
  done: number;
  /** The course's target. */
  target: number;
  windows: WindowProgress[];
  /** The window `now` lies in, if any. */
  current: FeedbackWindow | null;
  /**
   * The first window still open at `now` by whose end the person should have more feedbacks than
   * they have (the running sum of window targets exceeds `done`); null when the target is reached or
   * every window has closed.
   */
  next: NextDeadline | null;
}

/** One participant's progress in a course at `now`. */
export function progress(course: CourseSchedule, visits: readonly VisitFact[], personId: string, now: Date): Progress {
  const windows = windowsFor(course);
  const own = visitsOf(course, visits, personId);
  const done = own.filter((v) => v.status === 'held').length;
  const perWindow = windows.map((window) => {
    const inside = own.filter((v) => inWindow(window, v.startsAt));
    return { window, done: inside.filter((v) => v.status === 'held').length, booked: inside.filter((v) => BOOKED.has(v.status)).length };
  });
  let next: NextDeadline | null = null;
  if (done < course.feedbackTarget) {
    let dueBy = 0;
    for (const w of windows) {
      dueBy += w.target;
      if (w.end.getTime() > now.getTime() && (dueBy > done || w.beforeSession === null)) {
        next = { window: w, beforeSession: w.beforeSession, date: w.end };
        break;
      }
    }
  }
  return { done, target: course.feedbackTarget, windows: perWindow, current: windowAt(windows, now), next };
}
