import { describe, expect, it } from 'vitest';
import { danishPublicHolidays, easterSunday, publicHolidayOn } from '../../../src/domain/calendar/index.js';

const byKey = (year: number) => Object.fromEntries(danishPublicHolidays(year).map((h) => [h.key, h.date]));

describe('Easter (anonymous Gregorian algorithm)', () => {
  it.each([
    [2019, '2019-04-21'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'], // latest possible date
    [2285, '2285-03-22'], // earliest possible date
  ])('Easter %i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('danishPublicHolidays', () => {
  it('2025: every holiday on its known date, sorted', () => {
    const list = danishPublicHolidays(2025);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(byKey(2025)).toEqual({
      nytaarsdag: '2025-01-01',
      skaertorsdag: '2025-04-17',
      langfredag: '2025-04-18',
      paaskedag: '2025-04-20',
      'anden-paaskedag': '2025-04-21',
      'kristi-himmelfartsdag': '2025-05-29',
      'fredag-efter-kristi-himmelfart': '2025-05-30',
      pinsedag: '2025-06-08',
      'anden-pinsedag': '2025-06-09',
      grundlovsdag: '2025-06-05',
      juleaftensdag: '2025-12-24',
      juledag: '2025-12-25',
      'anden-juledag': '2025-12-26',
      nytaarsaftensdag: '2025-12-31',
    });
  });

  it('2026: Easter-relative dates follow 5 April', () => {
    const k = byKey(2026);
    expect(k).toMatchObject({
      skaertorsdag: '2026-04-02',
      langfredag: '2026-04-03',
      paaskedag: '2026-04-05',
      'anden-paaskedag': '2026-04-06',
      'kristi-himmelfartsdag': '2026-05-14',
      'fredag-efter-kristi-himmelfart': '2026-05-15',
      pinsedag: '2026-05-24',
      'anden-pinsedag': '2026-05-25',
    });
    expect(danishPublicHolidays(2026)).toHaveLength(14);
  });

  it('2027: early Easter (28 March) moves Ascension to 6 May and Whitsun to 16–17 May', () => {
    expect(byKey(2027)).toMatchObject({
      skaertorsdag: '2027-03-25',
      langfredag: '2027-03-26',
      paaskedag: '2027-03-28',
      'anden-paaskedag': '2027-03-29',
      'kristi-himmelfartsdag': '2027-05-06',
      'fredag-efter-kristi-himmelfart': '2027-05-07',
      pinsedag: '2027-05-16',
      'anden-pinsedag': '2027-05-17',
    });
  });

  it('store bededag exists up to 2023 and is abolished from 2024', () => {
    expect(byKey(2023)['store-bededag']).toBe('2023-05-05');
    expect(danishPublicHolidays(2023)).toHaveLength(15);
    expect(byKey(2024)['store-bededag']).toBeUndefined();
    expect(publicHolidayOn('2024-04-26')).toBeNull(); // would have been store bededag
    expect(danishPublicHolidays(2024)).toHaveLength(14);
  });

  it('has Danish and English names and marks custom closures', () => {
    const eve = publicHolidayOn('2026-12-24');
    expect(eve).toMatchObject({ nameDa: 'juleaftensdag', nameEn: 'Christmas Eve', kind: 'custom' });
    expect(publicHolidayOn('2026-06-05')).toMatchObject({ key: 'grundlovsdag', kind: 'custom' });
    expect(publicHolidayOn('2026-05-15')).toMatchObject({ kind: 'custom' });
    expect(publicHolidayOn('2026-12-25')).toMatchObject({ nameDa: 'juledag', nameEn: 'Christmas Day', kind: 'statutory' });
    for (const h of danishPublicHolidays(2026)) {
      expect(h.nameDa.length).toBeGreaterThan(0);
      expect(h.nameEn.length).toBeGreaterThan(0);
    }
  });

  it('rejects nonsense years and dates', () => {
    expect(() => danishPublicHolidays(2026.5)).toThrow(RangeError);
    expect(() => publicHolidayOn('2026-02-30')).toThrow(RangeError);
  });
});
