import { describe, expect, it } from 'vitest';
import {
  DAYS_AFTER_LAST_SESSION,
  defaultSpread,
  dueBy,
  parseSpread,
  hasBookingIn,
  progress,
  spreadFits,
  windowAt,
  windowsFor,
  type CourseSchedule,
  type VisitFact,
} from '../../src/domain/feedback-windows.js';

const at = (iso: string) => new Date(iso);
const session = (number: number, day: string) => ({ number, startsAt: at(`${day}T11:00:00Z`), endsAt: at(`${day}T14:00:00Z`) });

// Three sessions: 15 Sept, 27 Oct, 1 Dec 2026.
const course: CourseSchedule = {
  id: 'c1',
  feedbackTarget: 2,
  sessions: [session(1, '2026-09-15'), session(2, '2026-10-27'), session(3, '2026-12-01')],
};

const visit = (startsAt: string, status: string, extra: Partial<VisitFact> = {}): VisitFact => ({
  courseId: 'c1',
  teacherId: 'anne',
  startsAt: at(startsAt),
  status,
  ...extra,
});

describe('windowsFor', () => {
  it('makes one window per session: between sessions, then a set period after the last', () => {
    const w = windowsFor(course);
    expect(w.map((x) => [x.index, x.afterSession, x.beforeSession, x.target])).toEqual([
      [1, 1, 2, 1],
      [2, 2, 3, 1],
      [3, 3, null, 0],
    ]);
    expect(w[0]!.start).toEqual(course.sessions[0]!.endsAt);
    expect(w[0]!.end).toEqual(course.sessions[1]!.startsAt);
    expect(w[2]!.end.getTime() - w[2]!.start.getTime()).toBe(DAYS_AFTER_LAST_SESSION * 86_400_000);
  });

  it('sorts sessions by number whatever order they come in', () => {
    const shuffled = { ...course, sessions: [course.sessions[2]!, course.sessions[0]!, course.sessions[1]!] };
    expect(windowsFor(shuffled).map((w) => w.afterSession)).toEqual([1, 2, 3]);
  });

  it('uses the course file spread when it fits, the default otherwise', () => {
    expect(windowsFor({ ...course, feedbackSpread: [0, 2, 0] }).map((w) => w.target)).toEqual([0, 2, 0]);
    // Does not add up to the target: ignored.
    expect(windowsFor({ ...course, feedbackSpread: [1, 2, 0] }).map((w) => w.target)).toEqual([1, 1, 0]);
    // Wrong length: ignored.
    expect(windowsFor({ ...course, feedbackSpread: [2] }).map((w) => w.target)).toEqual([1, 1, 0]);
  });

  it('a course without sessions has no windows', () => {
    expect(windowsFor({ ...course, sessions: [] })).toEqual([]);
  });
});

describe('defaultSpread', () => {
  it('spreads the target over the windows between sessions, earliest first', () => {
    expect(defaultSpread(2, 3)).toEqual([1, 1, 0]);
    expect(defaultSpread(2, 2)).toEqual([2, 0]);
    expect(defaultSpread(2, 5)).toEqual([1, 0, 1, 0, 0]);
    expect(defaultSpread(3, 3)).toEqual([2, 1, 0]);
  });

  it('a one-session course puts the whole target after the session', () => {
    expect(defaultSpread(2, 1)).toEqual([2]);
  });

  it('always adds up to the target', () => {
    for (let t = 1; t <= 10; t++) for (let n = 1; n <= 8; n++) expect(defaultSpread(t, n).reduce((a, b) => a + b, 0)).toBe(t);
  });
});

describe('spreadFits', () => {
  it('wants one whole number ≥ 0 per session adding up to the target', () => {
    expect(spreadFits([1, 1, 0], 2, 3)).toBe(true);
    expect(spreadFits([1, 1], 2, 3)).toBe(false);
    expect(spreadFits([1, 1, 1], 2, 3)).toBe(false);
    expect(spreadFits([3, -1, 0], 2, 3)).toBe(false);
    expect(spreadFits([0.5, 1.5, 0], 2, 3)).toBe(false);
  });
});

describe('windowAt', () => {
  const w = windowsFor(course);
  it('finds the window; the start is inside, the end is not', () => {
    expect(windowAt(w, at('2026-09-15T13:59:00Z'))).toBeNull();
    expect(windowAt(w, at('2026-09-15T14:00:00Z'))?.index).toBe(1);
    expect(windowAt(w, at('2026-10-27T10:59:00Z'))?.index).toBe(1);
    expect(windowAt(w, at('2026-10-27T11:00:00Z'))).toBeNull(); // during session 2
    expect(windowAt(w, at('2026-10-27T14:00:00Z'))?.index).toBe(2);
    expect(windowAt(w, at('2027-02-01T12:00:00Z'))?.index).toBe(3);
    expect(windowAt(w, at('2027-06-01T12:00:00Z'))).toBeNull();
  });
});

describe('progress', () => {
  it('counts held visits against the target and names the next deadline', () => {
    const p = progress(course, [visit('2026-10-01T08:00:00Z', 'held')], 'anne', at('2026-10-05T10:00:00Z'));
    expect(p.done).toBe(1);
    expect(p.target).toBe(2);
    expect(p.current?.index).toBe(1);
    // Window 1's share is met; the next is due before session 3.
    expect(p.next?.beforeSession).toBe(3);
    expect(p.next?.date).toEqual(course.sessions[2]!.startsAt);
    expect(p.windows.map((w) => [w.done, w.booked])).toEqual([
      [1, 1],
      [0, 0],
      [0, 0],
    ]);
  });

  it('with nothing held, the next deadline is the current window’s end (before session 2)', () => {
    const p = progress(course, [], 'anne', at('2026-09-20T10:00:00Z'));
    expect(p.done).toBe(0);
    expect(p.next?.beforeSession).toBe(2);
    expect(p.next?.date).toEqual(course.sessions[1]!.startsAt);
  });

  it('a missed window moves the deadline on to the next open window', () => {
    const p = progress(course, [], 'anne', at('2026-11-02T10:00:00Z'));
    expect(p.next?.window.index).toBe(2);
    expect(p.next?.beforeSession).toBe(3);
  });

  it('behind after the last session: the deadline is the end of the period after it', () => {
    const p = progress(course, [visit('2026-10-01T08:00:00Z', 'held')], 'anne', at('2026-12-10T10:00:00Z'));
    expect(p.next?.beforeSession).toBeNull();
    expect(p.next?.window.index).toBe(3);
  });

  it('no deadline once the target is reached, or when every window has closed', () => {
    const two = [visit('2026-10-01T08:00:00Z', 'held'), visit('2026-11-10T08:00:00Z', 'held')];
    expect(progress(course, two, 'anne', at('2026-11-12T10:00:00Z')).next).toBeNull();
    expect(progress(course, [], 'anne', at('2027-06-01T10:00:00Z')).next).toBeNull();
  });

  it('counts only the person’s own lessons for this course, and only held ones as done', () => {
    const visits = [
      visit('2026-10-01T08:00:00Z', 'held', { teacherId: 'bo' }),
      visit('2026-10-02T08:00:00Z', 'held', { courseId: 'other' }),
      visit('2026-10-03T08:00:00Z', 'held', { courseId: null }),
      visit('2026-10-04T08:00:00Z', 'claimed'),
      visit('2026-10-05T08:00:00Z', 'cancelled'),
    ];
    const p = progress(course, visits, 'anne', at('2026-10-06T10:00:00Z'));
    expect(p.done).toBe(0);
    expect(p.windows[0]).toMatchObject({ done: 0, booked: 1 });
  });
});

describe('hasBookingIn', () => {
  const [w1, w2] = windowsFor(course);
  it('open, claimed and held lessons inside the window count; given-up ones do not', () => {
    for (const status of ['open', 'claimed', 'held']) expect(hasBookingIn(course, w1!, [visit('2026-10-01T08:00:00Z', status)], 'anne')).toBe(true);
    for (const status of ['cancelled', 'not_held', 'unclaimed']) expect(hasBookingIn(course, w1!, [visit('2026-10-01T08:00:00Z', status)], 'anne')).toBe(false);
  });

  it('a lesson in another window, for another course or of another teacher does not count', () => {
    expect(hasBookingIn(course, w2!, [visit('2026-10-01T08:00:00Z', 'claimed')], 'anne')).toBe(false);
    expect(hasBookingIn(course, w1!, [visit('2026-10-01T08:00:00Z', 'claimed', { courseId: 'x' })], 'anne')).toBe(false);
    expect(hasBookingIn(course, w1!, [visit('2026-10-01T08:00:00Z', 'claimed', { teacherId: 'bo' })], 'anne')).toBe(false);
  });
});

describe('parseSpread and dueBy', () => {
  it('reads the stored spread; null when absent or damaged', () => {
    expect(parseSpread('1,1,0')).toEqual([1, 1, 0]);
    expect(parseSpread(null)).toBeNull();
    expect(parseSpread('')).toBeNull();
    expect(parseSpread('1,x')).toBeNull();
  });

  it('dueBy is the running target up to a window', () => {
    const w = windowsFor(course);
    expect(w.map((x) => dueBy(w, x))).toEqual([1, 2, 2]);
  });
});
