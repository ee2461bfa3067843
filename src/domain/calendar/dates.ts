// Calendar-date and zoned-instant helpers.
//
// Two kinds of value flow through this module:
//  - calendar dates as ISO strings "YYYY-MM-DD" (no zone: a date on the municipality's wall calendar);
//  - instants as JS `Date` (absolute points in time).
// Conversions between them always take an explicit IANA zone, so nothing here depends on the
// process TZ. Pure date arithmetic is done in luxon's UTC zone, where every day has 24 hours.
import { DateTime, IANAZone } from 'luxon';

/** An ISO calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** A wall-clock time, "HH:MM" (24-hour). */
export type ClockTime = string;

export interface IsoWeek {
  /** ISO week-numbering year (2027-01-01 belongs to week 53 of 2026). */
  year: number;
  week: number;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

// Pure calendar arithmetic runs on integer day numbers (days since 1970-01-01); it is on the hot
// path of every "may we message now?" check, and luxon objects are ~100x slower for this.
const DAY_MS = 86_400_000;

function epochDayOrNaN(date: string): number {
  const m = typeof date === 'string' ? ISO_DATE_RE.exec(date) : null;
  if (!m) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March; reject instead. (Years < 100 are mapped by
  // Date.UTC to 19xx, which the round-trip check also rejects — fine for a school calendar.)
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return ms / DAY_MS;
}

function epochDay(date: IsoDate): number {
  const n = epochDayOrNaN(date);
  if (Number.isNaN(n)) throw new RangeError(`Not a valid date "YYYY-MM-DD": ${JSON.stringify(date)}`);
  return n;
}

function fromEpochDay(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isValidIsoDate(date: string): boolean {
  return !Number.isNaN(epochDayOrNaN(date));
}

/** Throws RangeError unless `date` is a real calendar date "YYYY-MM-DD". */
export function assertIsoDate(date: string): void {
  epochDay(date);
}

/** Year of a calendar date (validated). */
export function yearOf(date: IsoDate): number {
  epochDay(date);
  return Number(date.slice(0, 4));
}

/** Parses "YYYY-MM-DD" to a UTC-midnight luxon DateTime; throws RangeError if invalid. */
export function calendarDay(date: IsoDate): DateTime {
  return DateTime.fromMillis(epochDay(date) * DAY_MS, { zone: 'utc' });
}

function isoOf(dt: DateTime): IsoDate {
  // toISODate() only returns null for invalid DateTimes, which we never build here.
  return dt.toISODate() as IsoDate;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(epochDay(date) + days);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay(date) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: IsoDate): boolean {
  return weekdayOf(date) >= 6;
}

/** Builds an ISO date from parts (month 1–12). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  const dt = DateTime.fromObject({ year, month, day }, { zone: 'utc' });
  if (!dt.isValid) throw new RangeError(`Not a valid date: ${year}-${month}-${day}`);
  return isoOf(dt);
}

/** The ISO week a calendar date belongs to. */
export function isoWeekOfDate(date: IsoDate): IsoWeek {
  const dt = calendarDay(date);
  return { year: dt.weekYear, week: dt.weekNumber };
}

/** Number of ISO weeks (52 or 53) in an ISO week-year. */
export function weeksInIsoWeekYear(weekYear: number): number {
  return DateTime.fromObject({ weekYear, weekNumber: 1, weekday: 1 }, { zone: 'utc' }).weeksInWeekYear;
}

/** Monday of an ISO week, as a calendar date. */
export function mondayOfIsoWeek(weekYear: number, week: number): IsoDate {
  if (!Number.isInteger(week) || week < 1 || week > weeksInIsoWeekYear(weekYear)) {
    throw new RangeError(`Week ${week} does not exist in ISO week-year ${weekYear}`);
  }
  return isoOf(DateTime.fromObject({ weekYear, weekNumber: week, weekday: 1 }, { zone: 'utc' }));
}

/** Throws RangeError unless `timeZone` is a valid IANA zone name (e.g. "Europe/Copenhagen"). */
export function assertTimeZone(timeZone: string): void {
  if (validZones.has(timeZone)) return;
  // luxon's check builds a new Intl.DateTimeFormat every call, so remember the answer.
  if (typeof timeZone !== 'string' || !IANAZone.isValidZone(timeZone)) {
    throw new RangeError(`Unknown time zone: ${JSON.stringify(timeZone)}`);
  }
  validZones.add(timeZone);
}
const validZones = new Set<string>();

export function isValidClockTime(time: string): boolean {
  return typeof time === 'string' && CLOCK_RE.test(time);
}

/** Parses "HH:MM" (00:00–23:59); throws RangeError if malformed. */
export function parseClockTime(time: ClockTime): { hour: number; minute: number } {
  const m = typeof time === 'string' ? CLOCK_RE.exec(time) : null;
  if (!m) throw new RangeError(`Not a valid time "HH:MM": ${JSON.stringify(time)}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Expected a valid Date instant');
  }
}

/** The instant seen on the wall clock of `timeZone`. */
export function zoned(instant: Date, timeZone: string): DateTime {
  assertInstant(instant);
  assertTimeZone(timeZone);
  return DateTime.fromJSDate(instant, { zone: timeZone });
}

/** The local calendar date of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  return isoOf(zoned(instant, timeZone));
}

/** The local wall-clock time "HH:MM" of `instant` in `timeZone` (seconds dropped). */
export function localTime(instant: Date, timeZone: string): ClockTime {
  return zoned(instant, timeZone).toFormat('HH:mm');
}

/**
 * The instant at which the wall clock in `timeZone` shows `date` `time`.
 * DST: a time inside the spring-forward gap (02:00–03:00 on the last Sunday of March in
 * Copenhagen) does not exist and is moved forward by the gap (02:30 → 03:30 CEST); an
 * ambiguous autumn time (02:00–03:00 on the last Sunday of October) is resolved by luxon.
 * Working hours never fall in these windows, so this only matters for odd inputs.
 */
export function instantFromLocal(date: IsoDate, time: ClockTime, timeZone: string): Date {
  const key = `${timeZone}|${date}|${time}`;
  const hit = localInstantCache.get(key);
  if (hit !== undefined) return new Date(hit);
  assertTimeZone(timeZone);
  const day = calendarDay(date);
  const { hour, minute } = parseClockTime(time);
  const ms = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: timeZone },
  ).toMillis();
  // Pure function of its inputs, and working-day starts/ends are asked for constantly.
  if (localInstantCache.size >= 4096) localInstantCache.clear();
  localInstantCache.set(key, ms);
  return new Date(ms);
}
const localInstantCache = new Map<string, number>();

/** ISO week (with ISO week-year) of `instant` as seen in `timeZone`. */
export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  const dt = zoned(instant, timeZone);
  return { year: dt.weekYear, week: dt.weekNumber };
}

/** Monday 00:00 local time of the ISO week containing `instant` in `timeZone`. */
export function startOfIsoWeek(instant: Date, timeZone: string): Date {
  return zoned(instant, timeZone).startOf('week').toJSDate();
}

const MONTHS_EN = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;
const MONTHS_DA = [
  'januar', 'februar', 'marts', 'april', 'maj', 'juni',
  'juli', 'august', 'september', 'oktober', 'november', 'december',
] as const;
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const WEEKDAYS_DA = ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'] as const;

export type Lang = 'da' | 'en';

/** "14 October 2026" / "14. oktober 2026" — spelled out here so output never depends on ICU data. */
export function formatDateLong(date: IsoDate, lang: Lang): string {
  const d = calendarDay(date);
  return lang === 'da'
    ? `${d.day}. ${MONTHS_DA[d.month - 1]} ${d.year}`
    : `${d.day} ${MONTHS_EN[d.month - 1]} ${d.year}`;
}

export function weekdayName(date: IsoDate, lang: Lang): string {
  const i = weekdayOf(date) - 1;
  return (lang === 'da' ? WEEKDAYS_DA[i] : WEEKDAYS_EN[i]) as string;
}
