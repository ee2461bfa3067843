// Working days, working hours and "when may we message staff?".
// A working day is a weekday that is neither a public holiday / custom closure nor inside a school
// holiday of the municipality. Working hours are [workdayStart, workdayEnd) on the local wall clock.
import { z } from 'zod';
import {
  addDays,
  assertTimeZone,
  assertIsoDate,
  formatDateLong,
  instantFromLocal,
  isValidClockTime,
  isWeekend,
  localDate,
  parseClockTime,
  weekdayName,
  type ClockTime,
  type IsoDate,
  type Lang,
} from './dates.js';
import { publicHolidayOn, type PublicHoliday } from './public-holidays.js';
import {
  DEFAULT_HOLIDAY_RULES,
  holidayRulesSchema,
  holidayIndex,
  type HolidayIndex,
  type HolidayRules,
  type SchoolHolidayPeriod,
} from './school-holidays.js';

export interface CalendarSettings {
  /** IANA zone of the municipality; always explicit so the process TZ never matters. */
  timeZone: string;
  /** "HH:MM", inclusive. */
  workdayStart: ClockTime;
  /** "HH:MM", exclusive. */
  workdayEnd: ClockTime;
  holidays: HolidayRules;
}

export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = Object.freeze({
  timeZone: DEFAULT_TIME_ZONE,
  workdayStart: '07:30',
  workdayEnd: '16:00',
  holidays: DEFAULT_HOLIDAY_RULES,
});

export const calendarSettingsSchema = z
  .object({
    timeZone: z.string().refine((tz) => {
      try {
        assertTimeZone(tz);
        return true;
      } catch {
        return false;
      }
    }, { message: 'must be an IANA time zone such as "Europe/Copenhagen"' }).default(DEFAULT_TIME_ZONE),
    workdayStart: z.string().refine(isValidClockTime, { message: 'must be "HH:MM"' }).default('07:30'),
    workdayEnd: z.string().refine(isValidClockTime, { message: 'must be "HH:MM"' }).default('16:00'),
    holidays: holidayRulesSchema.default({}),
  })
  .strict()
  .refine((s) => s.workdayStart < s.workdayEnd, { message: 'workdayEnd must be after workdayStart', path: ['workdayEnd'] });

/** Settings from partial input (e.g. a municipality row); throws RangeError with all problems. */
export function calendarSettings(input: Partial<z.input<typeof calendarSettingsSchema>> = {}): CalendarSettings {
  const res = calendarSettingsSchema.safeParse(input);
  if (!res.success) {
    const msg = res.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new RangeError(`Invalid calendar settings: ${msg}`);
  }
  return res.data;
}

interface Resolved {
  tz: string;
  start: ClockTime;
  end: ClockTime;
  idx: HolidayIndex;
}

// Cheap checks on every call, so a hand-built settings object with a typo fails loudly
// instead of silently computing in the wrong zone or with an empty working day.
function resolve(settings: CalendarSettings): Resolved {
  assertTimeZone(settings.timeZone);
  const s = parseClockTime(settings.workdayStart);
  const e = parseClockTime(settings.workdayEnd);
  if (s.hour * 60 + s.minute >= e.hour * 60 + e.minute) {
    throw new RangeError(`workdayEnd (${settings.workdayEnd}) must be after workdayStart (${settings.workdayStart})`);
  }
  return { tz: settings.timeZone, start: settings.workdayStart, end: settings.workdayEnd, idx: holidayIndex(settings.holidays) };
}

function isWorkingDayUnder(date: IsoDate, idx: HolidayIndex): boolean {
  if (isWeekend(date)) return false;
  const ph = publicHolidayOn(date);
  if (ph?.kind === 'statutory') return false;
  if (idx.isForcedOpen(date)) return true;
  if (ph) return false;
  return idx.schoolHolidayOn(date) === null;
}

/** True if `date` ("YYYY-MM-DD", local to the municipality) is a school day = staff working day. */
export function isSchoolDay(date: IsoDate, settings: CalendarSettings): boolean {
  assertIsoDate(date); // validate
  return isWorkingDayUnder(date, holidayIndex(settings.holidays));
}

// Rules that close every day would otherwise loop forever; two years is far beyond any holiday.
const MAX_SCAN_DAYS = 731;

function scan(date: IsoDate, step: 1 | -1, idx: HolidayIndex): IsoDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addDays(d, step);
    if (isWorkingDayUnder(d, idx)) return d;
  }
  throw new Error(`No school day within ${MAX_SCAN_DAYS} days ${step > 0 ? 'after' : 'before'} ${date}; check the holiday rules`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, settings: CalendarSettings): IsoDate {
  assertIsoDate(date);
  return scan(date, 1, holidayIndex(settings.holidays));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate, settings: CalendarSettings): IsoDate {
  assertIsoDate(date);
  return scan(date, -1, holidayIndex(settings.holidays));
}

/**
 * `instant` itself (the same object) if staff may be messaged then; otherwise the start of working
 * hours on the next working day (which may be later today, if `instant` is before the start).
 */
export function nextMessageableMoment(instant: Date, settings: CalendarSettings): Date {
  const r = resolve(settings);
  const date = localDate(instant, r.tz);
  const t = instant.getTime();
  if (isWorkingDayUnder(date, r.idx)) {
    const start = instantFromLocal(date, r.start, r.tz);
    if (t < start.getTime()) return start;
    if (t < instantFromLocal(date, r.end, r.tz).getTime()) return instant;
  }
  return instantFromLocal(scan(date, 1, r.idx), r.start, r.tz);
}

export function isMessageable(instant: Date, settings: CalendarSettings): boolean {
  return nextMessageableMoment(instant, settings).getTime() === instant.getTime();
}

/**
 * The instant after `hours` of working time have elapsed from `instant` (time outside working
 * hours does not count). A head start of 4 h from Friday 14:00 with 08:00–16:00 hours ends
 * Monday 10:00. Ending exactly at close of day returns that close (e.g. 16:00), not the next
 * morning. `hours` = 0 gives the next messageable moment.
 */
export function addWorkingHours(instant: Date, hours: number, settings: CalendarSettings): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  const r = resolve(settings);
  let remaining = Math.round(hours * 3_600_000);
  let cur = nextMessageableMoment(instant, settings).getTime();
  for (;;) {
    const date = localDate(new Date(cur), r.tz);
    const end = instantFromLocal(date, r.end, r.tz).getTime();
    if (remaining <= end - cur) return new Date(cur + remaining);
    remaining -= end - cur;
    cur = instantFromLocal(scan(date, 1, r.idx), r.start, r.tz).getTime();
  }
}

/**
 * Working hours between two instants (0 if `to` is not after `from`), counting only the working
 * hours of working days: the inverse of addWorkingHours. Capped at `maxHours` to bound the walk.
 */
export function workingHoursBetween(from: Date, to: Date, settings: CalendarSettings, maxHours = 24 * 365): number {
  const r = resolve(settings);
  let total = 0;
  let cur = nextMessageableMoment(from, settings).getTime();
  const stop = to.getTime();
  while (cur < stop && total < maxHours * 3_600_000) {
    const date = localDate(new Date(cur), r.tz);
    const end = instantFromLocal(date, r.end, r.tz).getTime();
    total += Math.min(end, stop) - cur;
    if (stop <= end) break;
    cur = instantFromLocal(scan(date, 1, r.idx), r.start, r.tz).getTime();
  }
  return Math.min(total, maxHours * 3_600_000) / 3_600_000;
}

/**
 * Start of working hours on the working day `n` working days before the local date of `instant`
 * ("2 working days before the lesson": lesson Monday → Thursday 07:30). Days are counted from the
 * instant's date even if that date is not itself a working day. `n` = 0 gives the start of the
 * instant's own day if it is a working day, else of the previous working day.
 */
export function workingDaysBefore(instant: Date, n: number, settings: CalendarSettings): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  const r = resolve(settings);
  let d = localDate(instant, r.tz);
  if (n === 0) {
    if (!isWorkingDayUnder(d, r.idx)) d = scan(d, -1, r.idx);
  } else {
    for (let i = 0; i < n; i++) d = scan(d, -1, r.idx);
  }
  return instantFromLocal(d, r.start, r.tz);
}

/** Why a date is not a school day: public holiday / custom closure, school holiday, or weekend. */
export type HolidayMatch =
  | { kind: 'public-holiday'; date: IsoDate; holiday: PublicHoliday }
  | { kind: 'school-holiday'; date: IsoDate; period: SchoolHolidayPeriod };

export type ClosureReason = HolidayMatch | { kind: 'weekend'; date: IsoDate };

/**
 * The holiday `date` falls in, if any. A public holiday wins over the school holiday around it
 * (Good Friday reports "langfredag", not "påskeferie"). Dates reopened by `openDates` give null.
 */
export function holidayOn(date: IsoDate, rules: HolidayRules = DEFAULT_HOLIDAY_RULES): HolidayMatch | null {
  assertIsoDate(date);
  const ph = publicHolidayOn(date);
  if (ph?.kind === 'statutory') return { kind: 'public-holiday', date, holiday: ph };
  const idx = holidayIndex(rules);
  if (idx.isForcedOpen(date)) return null;
  if (ph) return { kind: 'public-holiday', date, holiday: ph };
  const period = idx.schoolHolidayOn(date);
  return period ? { kind: 'school-holiday', date, period } : null;
}

/** Why `date` is not a school day, or null if it is one. */
export function closureReason(date: IsoDate, settings: CalendarSettings): ClosureReason | null {
  const h = holidayOn(date, settings.holidays);
  if (h) return h;
  return isWeekend(date) ? { kind: 'weekend', date } : null;
}

const DEFINITE_DA: Record<SchoolHolidayPeriod['key'], string> = {
  winter: 'vinterferien',
  easter: 'påskeferien',
  summer: 'sommerferien',
  autumn: 'efterårsferien',
  christmas: 'juleferien',
  extra: '',
};

/**
 * A sentence for validation messages, e.g.
 * en: "14 October 2026 is in the autumn holiday (uge 42)"
 * da: "14. oktober 2026 ligger i efterårsferien (uge 42)"
 * Week numbers stay "uge N" in English too: that is how Danish staff refer to them.
 */
export function describeClosure(reason: ClosureReason, lang: Lang = 'da'): string {
  const when = formatDateLong(reason.date, lang);
  switch (reason.kind) {
    case 'weekend':
      return lang === 'da' ? `${when} er en ${weekdayName(reason.date, 'da')}` : `${when} is a ${weekdayName(reason.date, 'en')}`;
    case 'public-holiday': {
      const h = reason.holiday;
      if (h.kind === 'statutory') {
        return lang === 'da' ? `${when} er en helligdag (${h.nameDa})` : `${when} is a public holiday (${h.nameEn})`;
      }
      return lang === 'da'
        ? `${when} er ${h.nameDa}, hvor skolerne holder lukket`
        : `${when} is ${h.nameEn}, when schools are closed`;
    }
    case 'school-holiday': {
      const p = reason.period;
      const week = p.week ? ` (uge ${p.week.week})` : '';
      if (p.key === 'extra') {
        return lang === 'da' ? `${when} ligger i ferien "${p.nameDa}"${week}` : `${when} is in the holiday "${p.nameEn}"${week}`;
      }
      return lang === 'da' ? `${when} ligger i ${DEFINITE_DA[p.key]}${week}` : `${when} is in the ${p.nameEn}${week}`;
    }
  }
}

/** Convenience: the sentence for `date`, or null if it is a school day. */
export function explainNonSchoolDay(date: IsoDate, settings: CalendarSettings, lang: Lang = 'da'): string | null {
  const reason = closureReason(date, settings);
  return reason ? describeClosure(reason, lang) : null;
}
