// When a window's nudges are due: the start nudge in the window's first two weeks (and before the
// reminder takes over), the reminder in its last week; a window of a week or less has no reminder.
import { describe, expect, it } from 'vitest';
import type { FeedbackWindow } from '../../../src/domain/feedback-windows.js';
import { nudgeDue, reminderAt, startNudgeUntil } from '../../../src/flows/programme/nudges.js';

const DAY = 86_400_000;
const start = new Date('2026-09-08T14:00:00Z');
const win = (days: number): FeedbackWindow => ({ index: 1, afterSession: 1, beforeSession: 2, start, end: new Date(start.getTime() + days * DAY), target: 1 });
const after = (days: number) => new Date(start.getTime() + days * DAY);

describe('programme nudge timing', () => {
  it('a six-week window: start nudge for two weeks, reminder in the last week', () => {
    const w = win(42);
    expect(reminderAt(w)).toEqual(after(35));
    expect(startNudgeUntil(w)).toEqual(after(14));
    expect(nudgeDue(w, 'start', after(-0.01))).toBe(false);
    expect(nudgeDue(w, 'start', after(0))).toBe(true);
    expect(nudgeDue(w, 'start', after(13.9))).toBe(true);
    expect(nudgeDue(w, 'start', after(14))).toBe(false);
    expect(nudgeDue(w, 'reminder', after(34.9))).toBe(false);
    expect(nudgeDue(w, 'reminder', after(35))).toBe(true);
    expect(nudgeDue(w, 'reminder', after(42))).toBe(false);
  });

  it('a ten-day window: the start nudge stops where the reminder begins', () => {
    const w = win(10);
    expect(startNudgeUntil(w)).toEqual(after(3));
    expect(nudgeDue(w, 'start', after(3))).toBe(false);
    expect(nudgeDue(w, 'reminder', after(3))).toBe(true);
  });

  it('a window of a week or less has only the start nudge', () => {
    const w = win(7);
    expect(reminderAt(w)).toBeNull();
    expect(startNudgeUntil(w)).toEqual(after(7));
    expect(nudgeDue(w, 'reminder', after(6))).toBe(false);
    expect(nudgeDue(w, 'start', after(6))).toBe(true);
  });
});
