// Validation of an offered (or moved) lesson. Pure: the caller passes the clock's "now" and the
// municipality's calendar. Errors are per form field and rendered in the user's language later, so
// the same result serves Danish and English users.
import type { Locale, Params } from '../../core/i18n/catalogue.js';
import {
  closureReason,
  describeClosure,
  instantFromLocal,
  isValidClockTime,
  isValidIsoDate,
  localDate,
  type CalendarSettings,
  type ClosureReason,
} from '../../domain/calendar/index.js';
import { bookingTexts, type BookingTextKey } from './texts.js';

export const LIMITS = {
  classGroup: 40,
  subject: 80,
  room: 40,
  focus: 500,
  minMinutes: 15,
  maxMinutes: 240,
  maxDaysAhead: 366,
} as const;

export type FieldError = { key: BookingTextKey; params?: Params } | { key: 'errClosed'; closure: ClosureReason };
export type FieldErrors = Record<string, FieldError>;

export interface LessonTime {
  startsAt: Date;
  endsAt: Date;
}

export interface LessonDetails {
  classGroup: string;
  subject: string;
  room: string | null;
  focus: string | null;
}

const val = (values: Record<string, string | undefined>, k: string): string => (values[k] ?? '').trim();

/** Date, start and end (or duration): a time on a school day, within working hours, in the future. */
export function validateLessonTime(
  values: Record<string, string | undefined>,
  ctx: { now: Date; settings: CalendarSettings },
): { ok: true; value: LessonTime } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const date = val(values, 'date');
  const start = val(values, 'start');
  const end = val(values, 'end');
  const durationRaw = val(values, 'duration');

  if (date === '') errors.date = { key: 'errRequired' };
  else if (!isValidIsoDate(date)) errors.date = { key: 'errDateFormat' };
  if (start === '') errors.start = { key: 'errRequired' };
  else if (!isValidClockTime(start)) errors.start = { key: 'errTimeFormat' };
  if (end !== '' && !isValidClockTime(end)) errors.end = { key: 'errTimeFormat' };

  let minutes: number | null = null;
  if (end === '' && durationRaw === '') errors.end = { key: 'errEndOrDuration' };
  else if (end === '') {
    const n = Number(durationRaw);
    if (!Number.isInteger(n) || n < LIMITS.minMinutes || n > LIMITS.maxMinutes) {
      errors.duration = { key: 'errDuration', params: { min: LIMITS.minMinutes, max: LIMITS.maxMinutes } };
    } else minutes = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const { settings, now } = ctx;
  const closure = closureReason(date, settings);
  if (closure) return { ok: false, errors: { date: { key: 'errClosed', closure } } };

  const startsAt = instantFromLocal(date, start, settings.timeZone);
  const endsAt = minutes !== null ? new Date(startsAt.getTime() + minutes * 60_000) : instantFromLocal(date, end, settings.timeZone);
  if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, errors: { end: { key: 'errEndBeforeStart' } } };
  if (minutes === null) {
    const m = (endsAt.getTime() - startsAt.getTime()) / 60_000;
    if (m < LIMITS.minMinutes || m > LIMITS.maxMinutes) {
      return { ok: false, errors: { end: { key: 'errDuration', params: { min: LIMITS.minMinutes, max: LIMITS.maxMinutes } } } };
    }
  }

  const dayStart = instantFromLocal(date, settings.workdayStart, settings.timeZone);
  const dayEnd = instantFromLocal(date, settings.workdayEnd, settings.timeZone);
  if (startsAt < dayStart || endsAt > dayEnd) {
    const field = startsAt < dayStart ? 'start' : minutes !== null ? 'duration' : 'end';
    return { ok: false, errors: { [field]: { key: 'errOutsideHours', params: { from: settings.workdayStart, to: settings.workdayEnd } } } };
  }
  if (startsAt.getTime() <= now.getTime()) return { ok: false, errors: { [date < isoToday(now, settings) ? 'date' : 'start']: { key: 'errPast' } } };
  if (startsAt.getTime() > now.getTime() + LIMITS.maxDaysAhead * 86_400_000) return { ok: false, errors: { date: { key: 'errTooFar' } } };
  return { ok: true, value: { startsAt, endsAt } };
}

// Only used to put the "in the past" error next to the field that caused it.
const isoToday = (now: Date, settings: CalendarSettings): string => localDate(now, settings.timeZone);

/** Class, subject, room and focus: trimmed, required where needed, within platform-safe lengths. */
export function validateLessonDetails(values: Record<string, string | undefined>): { ok: true; value: LessonDetails } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const classGroup = val(values, 'classGroup');
  const subject = val(values, 'subject');
  const room = val(values, 'room');
  const focus = val(values, 'focus');
  if (classGroup === '') errors.classGroup = { key: 'errRequired' };
  else if (classGroup.length > LIMITS.classGroup) errors.classGroup = { key: 'errTooLong', params: { max: LIMITS.classGroup } };
  if (subject === '') errors.subject = { key: 'errRequired' };
  else if (subject.length > LIMITS.subject) errors.subject = { key: 'errTooLong', params: { max: LIMITS.subject } };
  if (room.length > LIMITS.room) errors.room = { key: 'errTooLong', params: { max: LIMITS.room } };
  if (focus.length > LIMITS.focus) errors.focus = { key: 'errTooLong', params: { max: LIMITS.focus } };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { classGroup, subject, room: room || null, focus: focus || null } };
}

/** The messages for a form, in the user's language. */
export function renderErrors(errors: FieldErrors, l: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, e] of Object.entries(errors)) {
    out[field] = 'closure' in e ? bookingTexts.plain(l, 'errClosed', { reason: capitalise(describeClosure(e.closure, l)) }) : bookingTexts.plain(l, e.key, e.params);
  }
  return out;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
