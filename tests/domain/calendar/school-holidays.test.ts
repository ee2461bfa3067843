import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR_SETTINGS,
  DEFAULT_HOLIDAY_RULES,
  calendarSettings,
  explainNonSchoolDay,
  holidayOn,
  holidayRules,
  isSchoolDay,
  parseHolidayRules,
  schoolHolidayPeriods,
  serializeHolidayRules,
  type HolidayRules,
} from '../../../src/domain/calendar/index.js';

const span = (year: number, rules: HolidayRules = DEFAULT_HOLIDAY_RULES) =>
  Object.fromEntries(schoolHolidayPeriods(year, rules).map((p) => [p.key, `${p.from}..${p.to}`]));

describe('default school holidays', () => {
  it('2026: winter uge 7, Easter from the Saturday before Palm Sunday, summer to uge 32, autumn uge 42, Christmas', () => {
    expect(span(2026)).toEqual({
      winter: '2026-02-07..2026-02-15',
      easter: '2026-03-28..2026-04-06',
      summer: '2026-06-27..2026-08-09',
      autumn: '2026-10-10..2026-10-18',
      // 24 Dec is a Thursday: starts Saturday 19 Dec; 2 Jan 2027 is a Saturday → school Monday 4 Jan.
      christmas: '2026-12-19..2027-01-03',
    });
  });

  it('2025: Christmas skips the Thursday–Friday stub (2 Jan 2026 is a Friday → school restarts Monday 5 Jan)', () => {
    expect(span(2025)).toMatchObject({
      easter: '2025-04-12..2025-04-21',
      summer: '2025-06-28..2025-08-10',
      christmas: '2025-12-20..2026-01-04',
    });
    expect(isSchoolDay('2026-01-02', DEFAULT_CALENDAR_SETTINGS)).toBe(false);
    expect(isSchoolDay('2026-01-05', DEFAULT_CALENDAR_SETTINGS)).toBe(true);
  });

  it('Christmas starts on 21 December when the Saturday before Christmas Eve is later', () => {
    // 24 Dec 2028 is a Sunday: the Saturday before is the 23rd, so the 21st (Thursday) wins.
    expect(span(2028).christmas).toBe('2028-12-21..2029-01-01');
    expect(isSchoolDay('2028-12-20', DEFAULT_CALENDAR_SETTINGS)).toBe(true);
    expect(isSchoolDay('2028-12-21', DEFAULT_CALENDAR_SETTINGS)).toBe(false);
    expect(isSchoolDay('2029-01-02', DEFAULT_CALENDAR_SETTINGS)).toBe(true);
  });

  it('the previous year’s Christmas holiday is found in January', () => {
    expect(holidayOn('2027-01-02')).toMatchObject({ kind: 'school-holiday', period: { key: 'christmas', from: '2026-12-19' } });
  });
});

describe('holidayOn / explainNonSchoolDay', () => {
  it('names the autumn holiday with its week number, in English and Danish', () => {
    expect(explainNonSchoolDay('2026-10-14', DEFAULT_CALENDAR_SETTINGS, 'en')).toBe('14 October 2026 is in the autumn holiday (uge 42)');
    expect(explainNonSchoolDay('2026-10-14', DEFAULT_CALENDAR_SETTINGS, 'da')).toBe('14. oktober 2026 ligger i efterårsferien (uge 42)');
  });

  it('prefers the public holiday over the surrounding school holiday', () => {
    expect(explainNonSchoolDay('2026-04-03', DEFAULT_CALENDAR_SETTINGS, 'en')).toBe('3 April 2026 is a public holiday (Good Friday)');
    expect(explainNonSchoolDay('2026-12-24', DEFAULT_CALENDAR_SETTINGS, 'da')).toBe('24. december 2026 er juleaftensdag, hvor skolerne holder lukket');
    expect(explainNonSchoolDay('2026-03-31', DEFAULT_CALENDAR_SETTINGS, 'en')).toBe('31 March 2026 is in the Easter holiday');
  });

  it('explains weekends and returns null for school days', () => {
    expect(explainNonSchoolDay('2026-11-07', DEFAULT_CALENDAR_SETTINGS, 'da')).toBe('7. november 2026 er en lørdag');
    expect(explainNonSchoolDay('2026-11-07', DEFAULT_CALENDAR_SETTINGS, 'en')).toBe('7 November 2026 is a Saturday');
    expect(explainNonSchoolDay('2026-11-09', DEFAULT_CALENDAR_SETTINGS, 'en')).toBeNull();
    expect(holidayOn('2026-11-09')).toBeNull();
  });
});

describe('parseHolidayRules', () => {
  it('null and blank text mean the defaults', () => {
    expect(parseHolidayRules(null)).toEqual({ ok: true, value: DEFAULT_HOLIDAY_RULES });
    expect(parseHolidayRules('  ')).toEqual({ ok: true, value: DEFAULT_HOLIDAY_RULES });
    expect(DEFAULT_HOLIDAY_RULES).toMatchObject({ autumnWeek: 42, winterWeek: 7, summerEndWeek: 32, easter: true, christmas: true });
  });

  it('parsed rules never share mutable state with the defaults', () => {
    const a = holidayRules();
    a.extraWeeks.push({ year: 2026, week: 45 });
    expect(holidayRules().extraWeeks).toEqual([]);
    expect(DEFAULT_HOLIDAY_RULES.extraWeeks).toEqual([]);
    expect(Object.isFrozen(DEFAULT_HOLIDAY_RULES.extraWeeks)).toBe(true);
    // The index is keyed by content, so mutating a rules object later is still seen.
    const s = calendarSettings({ holidays: a });
    expect(isSchoolDay('2026-11-04', s)).toBe(false);
    s.holidays.extraWeeks.length = 0;
    expect(isSchoolDay('2026-11-04', s)).toBe(true);
  });

  it('round-trips through JSON text', () => {
    const rules = holidayRules({ winterWeek: 8, extraRanges: [{ from: '2026-05-11', to: '2026-05-13', nameDa: 'lejrskole' }] });
    const back = parseHolidayRules(serializeHolidayRules(rules));
    expect(back).toEqual({ ok: true, value: rules });
  });

  it('reports bad JSON clearly', () => {
    const res = parseHolidayRules('{"autumnWeek": 42');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatch(/^Holiday rules are not valid JSON/);
  });

  it('reports every bad field with its path', () => {
    const res = parseHolidayRules(
      JSON.stringify({
        autumnWeek: '42',
        autmnWeek: 43,
        extraRanges: [{ from: '2026-05-13', to: '2026-05-11', nameDa: 'lejrskole' }],
        extraWeeks: [{ year: 2027, week: 53 }],
        overrides: [{ year: 2026, holiday: 'easter', week: 14 }],
        openDates: ['2026-02-30'],
      }),
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error).toContain('autumnWeek: Expected number, received string');
    expect(res.error).toContain("autmnWeek");
    expect(res.error).toContain('extraRanges[0].to: "to" must not be before "from"');
    expect(res.error).toContain('extraWeeks[0].week: ISO week-year 2027 has no week 53');
    expect(res.error).toContain('overrides[0].week: "week" only applies to the autumn or winter holiday');
    expect(res.error).toContain('openDates[0]: must be a valid date');
  });

  it('rejects an override with no or several forms', () => {
    const res = parseHolidayRules('{"overrides":[{"year":2026,"holiday":"summer","cancelled":true,"week":30}]}');
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toContain('exactly one of');
  });

  it('reads the legacy bare array of ISO weeks as extra holiday weeks on top of the defaults', () => {
    const res = parseHolidayRules('[{"year":2026,"week":45}]');
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.value.autumnWeek).toBe(42);
    expect(holidayOn('2026-11-04', res.value)).toMatchObject({ kind: 'school-holiday', period: { key: 'extra', week: { week: 45 } } });
  });
});

describe('custom rules change which days are school days', () => {
  it('winter week 8 instead of 7', () => {
    const s = calendarSettings({ holidays: holidayRules({ winterWeek: 8 }) });
    expect(isSchoolDay('2026-02-11', s)).toBe(true); // Wednesday uge 7
    expect(isSchoolDay('2026-02-18', s)).toBe(false); // Wednesday uge 8
    expect(explainNonSchoolDay('2026-02-18', s, 'en')).toBe('18 February 2026 is in the winter holiday (uge 8)');
  });

  it('overrides: move one year’s autumn holiday, cancel another year’s Easter holiday, fix a summer range', () => {
    const rules = holidayRules({
      overrides: [
        { year: 2026, holiday: 'autumn', week: 43 },
        { year: 2027, holiday: 'easter', cancelled: true },
        { year: 2026, holiday: 'summer', from: '2026-06-20', to: '2026-08-02' },
      ],
    });
    const s = calendarSettings({ holidays: rules });
    expect(isSchoolDay('2026-10-14', s)).toBe(true);
    expect(isSchoolDay('2026-10-21', s)).toBe(false);
    expect(isSchoolDay('2025-10-15', s)).toBe(false); // other years keep week 42
    expect(isSchoolDay('2027-03-23', s)).toBe(true); // Tuesday before Easter 2027
    expect(isSchoolDay('2027-03-25', s)).toBe(false); // skærtorsdag is still a public holiday
    expect(isSchoolDay('2026-06-22', s)).toBe(false);
    expect(isSchoolDay('2026-08-03', s)).toBe(true);
  });

  it('extra ranges and weeks close schools, openDates reopen custom closures but never statutory holidays', () => {
    const rules = holidayRules({
      extraRanges: [{ from: '2026-09-01', to: '2026-09-02', nameDa: 'lejrskole', nameEn: 'camp school' }],
      extraWeeks: [{ year: 2026, week: 47, nameDa: 'skolens projektuge' }],
      openDates: ['2026-06-05', '2026-05-14', '2026-10-12'],
    });
    const s = calendarSettings({ holidays: rules });
    expect(explainNonSchoolDay('2026-09-01', s, 'en')).toBe('1 September 2026 is in the holiday "camp school"');
    expect(explainNonSchoolDay('2026-11-18', s, 'da')).toBe('18. november 2026 ligger i ferien "skolens projektuge" (uge 47)');
    expect(isSchoolDay('2026-06-05', s)).toBe(true); // grundlovsdag reopened
    expect(isSchoolDay('2026-05-14', s)).toBe(false); // Kristi himmelfartsdag cannot be reopened
    expect(isSchoolDay('2026-10-12', s)).toBe(true); // Monday of autumn holiday reopened
    expect(isSchoolDay('2026-10-13', s)).toBe(false);
  });

  it('switching holidays off', () => {
    const s = calendarSettings({ holidays: holidayRules({ autumnWeek: null, summer: false, christmas: false }) });
    expect(isSchoolDay('2026-10-14', s)).toBe(true);
    expect(isSchoolDay('2026-07-15', s)).toBe(true);
    expect(isSchoolDay('2026-12-22', s)).toBe(true);
    expect(isSchoolDay('2026-12-24', s)).toBe(false);
  });
});
