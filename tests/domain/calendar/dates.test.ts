import { describe, expect, it } from 'vitest';
import {
  instantFromLocal,
  isoWeekOf,
  isoWeekOfDate,
  localDate,
  localTime,
  mondayOfIsoWeek,
  parseClockTime,
  startOfIsoWeek,
  weeksInIsoWeekYear,
} from '../../../src/domain/calendar/index.js';

const CPH = 'Europe/Copenhagen';

describe('ISO weeks', () => {
  it('2026-12-31 and 2027-01-01 are both in week 53 of ISO year 2026', () => {
    expect(isoWeekOf(new Date('2026-12-31T12:00:00Z'), CPH)).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), CPH)).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(new Date('2027-01-04T12:00:00Z'), CPH)).toEqual({ year: 2027, week: 1 });
    expect(weeksInIsoWeekYear(2026)).toBe(53);
    expect(weeksInIsoWeekYear(2027)).toBe(52);
  });

  it('2024-12-30 belongs to week 1 of 2025', () => {
    expect(isoWeekOfDate('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('uses the given zone, not UTC: Sunday 23:30Z is already Monday in Copenhagen', () => {
    const instant = new Date('2027-01-03T23:30:00Z');
    expect(isoWeekOf(instant, 'UTC')).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(instant, CPH)).toEqual({ year: 2027, week: 1 });
  });

  it('startOfIsoWeek is local Monday midnight', () => {
    expect(startOfIsoWeek(new Date('2026-10-14T10:00:00Z'), CPH).toISOString()).toBe('2026-10-11T22:00:00.000Z');
    // Week containing the October DST change starts in summer time.
    expect(startOfIsoWeek(new Date('2026-10-25T12:00:00Z'), CPH).toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(startOfIsoWeek(new Date('2026-10-26T12:00:00Z'), CPH).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(mondayOfIsoWeek(2026, 53)).toBe('2026-12-28');
    expect(() => mondayOfIsoWeek(2027, 53)).toThrow(RangeError);
  });
});

describe('local date/time helpers', () => {
  it('round-trips local date + HH:MM with the right offset in winter and summer', () => {
    const winter = instantFromLocal('2026-01-15', '07:30', CPH);
    const summer = instantFromLocal('2026-06-15', '07:30', CPH);
    expect(winter.toISOString()).toBe('2026-01-15T06:30:00.000Z');
    expect(summer.toISOString()).toBe('2026-06-15T05:30:00.000Z');
    expect(localDate(summer, CPH)).toBe('2026-06-15');
    expect(localTime(summer, CPH)).toBe('07:30');
  });

  it('reports the local date across midnight', () => {
    const instant = new Date('2026-06-14T22:30:00Z');
    expect(localDate(instant, CPH)).toBe('2026-06-15');
    expect(localDate(instant, 'UTC')).toBe('2026-06-14');
    expect(localTime(instant, CPH)).toBe('00:30');
  });

  it('a local time inside the spring-forward gap moves forward by an hour', () => {
    expect(instantFromLocal('2026-03-29', '02:30', CPH).toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localTime(instantFromLocal('2026-03-29', '02:30', CPH), CPH)).toBe('03:30');
  });

  it('rejects bad input loudly', () => {
    expect(() => parseClockTime('7:30')).toThrow(RangeError);
    expect(() => parseClockTime('24:00')).toThrow(RangeError);
    expect(() => instantFromLocal('2026-13-01', '07:30', CPH)).toThrow(RangeError);
    expect(() => localDate(new Date('2026-01-01'), 'Europe/Kobenhavn')).toThrow(/time zone/);
    expect(() => localDate(new Date(Number.NaN), CPH)).toThrow(RangeError);
  });
});
