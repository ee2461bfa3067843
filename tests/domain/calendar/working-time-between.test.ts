// workingHoursBetween is the inverse of addWorkingHours, across evenings, weekends and holidays.
import { describe, expect, it } from 'vitest';
import { addWorkingHours, DEFAULT_CALENDAR_SETTINGS as S, workingHoursBetween } from '../../../src/domain/calendar/index.js';

describe('workingHoursBetween', () => {
  it('counts only working hours', () => {
    // Friday 23 Oct 2026 14:00 CEST → Monday 26 Oct 09:00 CET: 2 h on Friday + 1.5 h on Monday.
    expect(workingHoursBetween(new Date('2026-10-23T12:00:00Z'), new Date('2026-10-26T08:00:00Z'), S)).toBe(3.5);
    // Same working day.
    expect(workingHoursBetween(new Date('2026-11-24T08:00:00Z'), new Date('2026-11-24T10:30:00Z'), S)).toBe(2.5);
    // Backwards or inside a night: nothing.
    expect(workingHoursBetween(new Date('2026-11-24T10:00:00Z'), new Date('2026-11-24T09:00:00Z'), S)).toBe(0);
    expect(workingHoursBetween(new Date('2026-11-24T18:00:00Z'), new Date('2026-11-24T22:00:00Z'), S)).toBe(0);
    // Across the autumn holiday (week 42): Friday of week 41 15:00 → Monday of week 43 08:30 = 1 h + 1 h.
    expect(workingHoursBetween(new Date('2026-10-09T13:00:00Z'), new Date('2026-10-19T06:30:00Z'), S)).toBe(2);
  });

  it('undoes addWorkingHours', () => {
    const from = new Date('2026-12-17T13:15:00Z');
    for (const h of [0.5, 3, 8.5, 20, 40]) expect(workingHoursBetween(from, addWorkingHours(from, h, S), S)).toBeCloseTo(h, 6);
  });
});
