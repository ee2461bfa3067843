// Danish public holidays (helligdage) plus the days schools are closed by custom.
import { addDays, isoDate, yearOf, type IsoDate } from './dates.js';

export type PublicHolidayKey =
  | 'nytaarsdag'
  | 'skaertorsdag'
  | 'langfredag'
  | 'paaskedag'
  | 'anden-paaskedag'
  | 'store-bededag'
  | 'kristi-himmelfartsdag'
  | 'fredag-efter-kristi-himmelfart'
  | 'pinsedag'
  | 'anden-pinsedag'
  | 'grundlovsdag'
  | 'juleaftensdag'
  | 'juledag'
  | 'anden-juledag'
  | 'nytaarsaftensdag';

export interface PublicHoliday {
  date: IsoDate;
  key: PublicHolidayKey;
  /** Danish name as written in running text ("juledag", "Kristi himmelfartsdag"). */
  nameDa: string;
  nameEn: string;
  /**
   * 'statutory': a helligdag by law. 'custom': not a legal holiday but schools are closed by
   * custom (grundlovsdag, juleaftensdag, nytårsaftensdag, the Friday after Ascension); a
   * municipality may reopen these via `openDates` in its holiday rules.
   */
  kind: 'statutory' | 'custom';
}

const MIN_YEAR = 1583; // first full year of the Gregorian calendar
const MAX_YEAR = 9999;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year must be an integer ${MIN_YEAR}–${MAX_YEAR}, got ${year}`);
  }
}

/** Easter Sunday (Gregorian) by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDate(year, month, day);
}

/** Last year store bededag was a public holiday (abolished by law from 2024). */
export const LAST_STORE_BEDEDAG_YEAR = 2023;

/** All public holidays and custom school-closure days of `year`, sorted by date. */
export function danishPublicHolidays(year: number): PublicHoliday[] {
  assertYear(year);
  const easter = easterSunday(year);
  const e = (offset: number): IsoDate => addDays(easter, offset);
  const fixed = (month: number, day: number): IsoDate => isoDate(year, month, day);

  const list: PublicHoliday[] = [
    { date: fixed(1, 1), key: 'nytaarsdag', nameDa: 'nytårsdag', nameEn: "New Year's Day", kind: 'statutory' },
    { date: e(-3), key: 'skaertorsdag', nameDa: 'skærtorsdag', nameEn: 'Maundy Thursday', kind: 'statutory' },
    { date: e(-2), key: 'langfredag', nameDa: 'langfredag', nameEn: 'Good Friday', kind: 'statutory' },
    { date: easter, key: 'paaskedag', nameDa: 'påskedag', nameEn: 'Easter Sunday', kind: 'statutory' },
    { date: e(1), key: 'anden-paaskedag', nameDa: '2. påskedag', nameEn: 'Easter Monday', kind: 'statutory' },
    { date: e(39), key: 'kristi-himmelfartsdag', nameDa: 'Kristi himmelfartsdag', nameEn: 'Ascension Day', kind: 'statutory' },
    {
      date: e(40),
      key: 'fredag-efter-kristi-himmelfart',
      nameDa: 'fredag efter Kristi himmelfartsdag',
      nameEn: 'the Friday after Ascension Day',
      kind: 'custom',
    },
    { date: e(49), key: 'pinsedag', nameDa: 'pinsedag', nameEn: 'Whit Sunday', kind: 'statutory' },
    { date: e(50), key: 'anden-pinsedag', nameDa: '2. pinsedag', nameEn: 'Whit Monday', kind: 'statutory' },
    { date: fixed(6, 5), key: 'grundlovsdag', nameDa: 'grundlovsdag', nameEn: 'Constitution Day', kind: 'custom' },
    { date: fixed(12, 24), key: 'juleaftensdag', nameDa: 'juleaftensdag', nameEn: 'Christmas Eve', kind: 'custom' },
    { date: fixed(12, 25), key: 'juledag', nameDa: 'juledag', nameEn: 'Christmas Day', kind: 'statutory' },
    { date: fixed(12, 26), key: 'anden-juledag', nameDa: '2. juledag', nameEn: 'Boxing Day', kind: 'statutory' },
    { date: fixed(12, 31), key: 'nytaarsaftensdag', nameDa: 'nytårsaftensdag', nameEn: "New Year's Eve", kind: 'custom' },
  ];
  if (year <= LAST_STORE_BEDEDAG_YEAR) {
    // Fourth Friday after Easter.
    list.push({ date: e(26), key: 'store-bededag', nameDa: 'store bededag', nameEn: 'General Prayer Day', kind: 'statutory' });
  }
  // Grundlovsdag can coincide with Whit Sunday/Monday etc.; both entries are kept (stable sort).
  return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const cache = new Map<number, ReadonlyMap<IsoDate, PublicHoliday>>();

/** The public holiday / custom closure on `date`, if any (statutory wins over custom on a clash). */
export function publicHolidayOn(date: IsoDate): PublicHoliday | null {
  const year = yearOf(date);
  let byDate = cache.get(year);
  if (!byDate) {
    const m = new Map<IsoDate, PublicHoliday>();
    for (const h of danishPublicHolidays(year)) {
      const prev = m.get(h.date);
      if (!prev || (prev.kind === 'custom' && h.kind === 'statutory')) m.set(h.date, h);
    }
    byDate = m;
    cache.set(year, byDate);
  }
  return byDate.get(date) ?? null;
}
