import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR_SETTINGS as S,
  addWorkingHours,
  calendarSettings,
  holidayRules,
  instantFromLocal,
  isMessageable,
  localDate,
  localTime,
  nextMessageableMoment,
  nextWorkingDay,
  previousWorkingDay,
  workingDaysBefore,
} from '../../../src/domain/calendar/index.js';

const CPH = 'Europe/Copenhagen';
const at = (date: string, time: string) => instantFromLocal(date, time, CPH);
const local = (d: Date) => `${localDate(d, CPH)} ${localTime(d, CPH)}`;
const next = (date: string, time: string) => nextMessageableMoment(at(date, time), S);

describe('nextMessageableMoment', () => {
  it('Friday 15:59 is messageable: returns the instant itself', () => {
    const fri = at('2026-11-06', '15:59');
    expect(nextMessageableMoment(fri, S)).toBe(fri);
    expect(isMessageable(fri, S)).toBe(true);
  });

  it('working hours are start-inclusive, end-exclusive', () => {
    expect(isMessageable(at('2026-11-04', '07:30'), S)).toBe(true);
    expect(isMessageable(at('2026-11-04', '16:00'), S)).toBe(false);
    expect(local(next('2026-11-04', '16:00'))).toBe('2026-11-05 07:30');
  });

  it('Friday 16:01 → Monday 07:30', () => {
    expect(local(next('2026-11-06', '16:01'))).toBe('2026-11-09 07:30');
  });

  it('Saturday → Monday 07:30', () => {
    expect(local(next('2026-11-07', '11:00'))).toBe('2026-11-09 07:30');
  });

  it('06:00 on a weekday → 07:30 the same day', () => {
    expect(local(next('2026-11-04', '06:00'))).toBe('2026-11-04 07:30');
  });

  it('inside autumn holiday (uge 42) → Monday of week 43 07:30', () => {
    const r = next('2026-10-14', '10:00');
    expect(local(r)).toBe('2026-10-19 07:30');
    expect(r.toISOString()).toBe('2026-10-19T05:30:00.000Z');
  });

  it('Good Friday (before Easter Monday) → Tuesday 07:30', () => {
    expect(local(next('2026-04-03', '10:00'))).toBe('2026-04-07 07:30');
    expect(local(next('2025-04-18', '10:00'))).toBe('2025-04-22 07:30');
  });

  it('Wednesday before Ascension → that day; Ascension Thursday → Monday (Friday after is closed)', () => {
    expect(isMessageable(at('2026-05-13', '10:00'), S)).toBe(true);
    expect(local(next('2026-05-14', '10:00'))).toBe('2026-05-18 07:30');
  });

  it('last working day before Christmas → first school day of January', () => {
    expect(local(next('2026-12-18', '16:30'))).toBe('2027-01-04 07:30');
  });

  describe('DST (Europe/Copenhagen)', () => {
    it('spring: Saturday evening before the 29 March 2026 change → next working morning at 05:30Z (CEST)', () => {
      const sat = new Date('2026-03-28T19:00:00Z'); // 20:00 CET
      // Default rules: 30 March – 6 April is the Easter holiday, so Tuesday 7 April.
      expect(nextMessageableMoment(sat, S).toISOString()).toBe('2026-04-07T05:30:00.000Z');
      // Without the Easter holiday: Monday 30 March 07:30 CEST.
      const noEaster = calendarSettings({ holidays: holidayRules({ easter: false }) });
      expect(nextMessageableMoment(sat, noEaster).toISOString()).toBe('2026-03-30T05:30:00.000Z');
      // During the gap night itself (03:30 CEST on the Sunday).
      expect(nextMessageableMoment(new Date('2026-03-29T01:30:00Z'), noEaster).toISOString()).toBe('2026-03-30T05:30:00.000Z');
    });

    it('autumn: Saturday evening before the 25 October 2026 change → Monday 07:30 = 06:30Z (CET)', () => {
      const sat = new Date('2026-10-24T18:00:00Z'); // 20:00 CEST
      expect(nextMessageableMoment(sat, S).toISOString()).toBe('2026-10-26T06:30:00.000Z');
      // The repeated hour 02:00–03:00 happens twice; both map to the same Monday.
      expect(nextMessageableMoment(new Date('2026-10-25T00:30:00Z'), S).toISOString()).toBe('2026-10-26T06:30:00.000Z');
      expect(nextMessageableMoment(new Date('2026-10-25T01:30:00Z'), S).toISOString()).toBe('2026-10-26T06:30:00.000Z');
    });

    it('working hours on a summer Friday end at 14:00Z, on a winter Friday at 15:00Z', () => {
      expect(isMessageable(new Date('2026-06-05T13:59:00Z'), S)).toBe(false); // grundlovsdag!
      expect(isMessageable(new Date('2026-06-12T13:59:00Z'), S)).toBe(true);
      expect(isMessageable(new Date('2026-06-12T14:00:00Z'), S)).toBe(false);
      expect(isMessageable(new Date('2026-11-13T14:59:00Z'), S)).toBe(true);
      expect(isMessageable(new Date('2026-11-13T15:00:00Z'), S)).toBe(false);
    });
  });

  it('honours per-municipality working hours and time zone', () => {
    const late = calendarSettings({ workdayStart: '08:15', workdayEnd: '15:00' });
    expect(local(nextMessageableMoment(at('2026-11-04', '08:00'), late))).toBe('2026-11-04 08:15');
    expect(local(nextMessageableMoment(at('2026-11-04', '15:00'), late))).toBe('2026-11-05 08:15');
    // Greenland (UTC-2 in November) — the zone is a parameter, not Copenhagen baked in.
    const nuuk = calendarSettings({ timeZone: 'America/Nuuk' });
    expect(nextMessageableMoment(new Date('2026-11-04T08:00:00Z'), nuuk).toISOString()).toBe('2026-11-04T09:30:00.000Z');
  });

  it('rejects invalid settings', () => {
    expect(() => calendarSettings({ workdayStart: '16:00', workdayEnd: '07:30' })).toThrow(/workdayEnd/);
    expect(() => calendarSettings({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(() => nextMessageableMoment(new Date(), { ...S, workdayStart: '7.30' })).toThrow(RangeError);
    const closed = calendarSettings({ holidays: holidayRules({ extraRanges: [{ from: '2026-01-01', to: '2028-12-31', nameDa: 'lukket' }] }) });
    expect(() => nextMessageableMoment(at('2026-06-01', '10:00'), closed)).toThrow(/No school day/);
  });
});

describe('addWorkingHours', () => {
  it('4 working hours from Friday 14:00 with 08:00–16:00 hours end Monday 10:00', () => {
    const eight = calendarSettings({ workdayStart: '08:00' });
    expect(local(addWorkingHours(at('2026-11-06', '14:00'), 4, eight))).toBe('2026-11-09 10:00');
  });

  it('with default 07:30–16:00 hours the same head start ends Monday 09:30', () => {
    expect(local(addWorkingHours(at('2026-11-06', '14:00'), 4, S))).toBe('2026-11-09 09:30');
  });

  it('skips a holiday weekend: Thursday before Easter is a holiday, so Wednesday 14:00 + 4 h → Tuesday after Easter', () => {
    expect(local(addWorkingHours(at('2025-04-16', '14:00'), 4, calendarSettings({ holidays: holidayRules({ easter: false }) })))).toBe(
      '2025-04-22 09:30',
    );
  });

  it('starts counting at the next working moment and can end exactly at close', () => {
    expect(local(addWorkingHours(at('2026-11-07', '12:00'), 2, S))).toBe('2026-11-09 09:30');
    expect(local(addWorkingHours(at('2026-11-09', '12:00'), 4, S))).toBe('2026-11-09 16:00');
    expect(local(addWorkingHours(at('2026-11-09', '12:00'), 4.5, S))).toBe('2026-11-10 08:00');
    // 17 working hours = two full 8.5 h days.
    expect(local(addWorkingHours(at('2026-11-09', '07:30'), 17, S))).toBe('2026-11-10 16:00');
    expect(local(addWorkingHours(at('2026-11-07', '12:00'), 0, S))).toBe('2026-11-09 07:30');
  });

  it('a head start across the DST weekend is measured on the wall clock', () => {
    const noEaster = calendarSettings({ holidays: holidayRules({ easter: false }) });
    expect(addWorkingHours(at('2026-03-27', '14:00'), 4, noEaster).toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('rejects negative hours', () => {
    expect(() => addWorkingHours(new Date(), -1, S)).toThrow(RangeError);
  });
});

describe('workingDaysBefore / previousWorkingDay / nextWorkingDay', () => {
  it('2 working days before a Monday lesson is Thursday 07:30 (across the weekend)', () => {
    expect(local(workingDaysBefore(at('2026-11-09', '10:00'), 2, S))).toBe('2026-11-05 07:30');
  });

  it('skips holidays: 2 working days before Tuesday 7 April 2026 lands before the Easter holiday', () => {
    expect(local(workingDaysBefore(at('2026-04-07', '09:00'), 2, S))).toBe('2026-03-26 07:30');
  });

  it('1 working day before Monday after autumn holiday is the Friday before it', () => {
    expect(local(workingDaysBefore(at('2026-10-19', '09:00'), 1, S))).toBe('2026-10-09 07:30');
  });

  it('n = 0 is the start of the same working day (or the previous one)', () => {
    expect(local(workingDaysBefore(at('2026-11-09', '10:00'), 0, S))).toBe('2026-11-09 07:30');
    expect(local(workingDaysBefore(at('2026-11-08', '10:00'), 0, S))).toBe('2026-11-06 07:30');
  });

  it('counts from the local date: 23:30Z Monday is already Tuesday 00:30 in Copenhagen', () => {
    // 2026-11-09T23:30Z is Tuesday 00:30 in Copenhagen: 1 working day before → Monday.
    expect(local(workingDaysBefore(new Date('2026-11-09T23:30:00Z'), 1, S))).toBe('2026-11-09 07:30');
  });

  it('previousWorkingDay / nextWorkingDay skip weekends, holidays and the Friday after Ascension', () => {
    expect(previousWorkingDay('2026-11-09', S)).toBe('2026-11-06');
    expect(previousWorkingDay('2026-05-18', S)).toBe('2026-05-13');
    expect(nextWorkingDay('2026-05-13', S)).toBe('2026-05-18');
    expect(nextWorkingDay('2026-06-04', S)).toBe('2026-06-08'); // grundlovsdag Friday 5 June
    expect(previousWorkingDay('2027-01-04', S)).toBe('2026-12-18');
  });
});
