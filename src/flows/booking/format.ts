// How dates and lessons read in messages: "tirsdag 14. oktober 2026 kl. 09.00–09.45" /
// "Tuesday 14 October 2026, 09:00–09:45". Built from the calendar module, never from ICU data.
import type { Locale } from '../../core/i18n/catalogue.js';
import { formatDateLong, localDate, localTime, weekdayName } from '../../domain/calendar/index.js';
import type { SlotStatus } from './port.js';
import { bookingTexts } from './texts.js';

const daTime = (t: string) => t.replace(':', '.');

export function formatWhen(start: Date, end: Date, tz: string, l: Locale): string {
  const d = localDate(start, tz);
  const s = localTime(start, tz);
  const e = localTime(end, tz);
  return l === 'da'
    ? `${weekdayName(d, 'da')} ${formatDateLong(d, 'da')} kl. ${daTime(s)}–${daTime(e)}`
    : `${weekdayName(d, 'en')} ${formatDateLong(d, 'en')}, ${s}–${e}`;
}

/** A moment such as the end of a head start: "mandag 26. oktober 2026 kl. 11.30". */
export function formatMoment(at: Date, tz: string, l: Locale): string {
  const d = localDate(at, tz);
  const t = localTime(at, tz);
  return l === 'da' ? `${weekdayName(d, 'da')} ${formatDateLong(d, 'da')} kl. ${daTime(t)}` : `${weekdayName(d, 'en')} ${formatDateLong(d, 'en')} at ${t}`;
}

export function formatTime(at: Date, tz: string, l: Locale): string {
  const t = localTime(at, tz);
  return l === 'da' ? daTime(t) : t;
}

/** "14. oktober" / "14 October": a date in running text within the school year. */
export function formatDayMonth(at: Date, tz: string, l: Locale): string {
  return formatDateLong(localDate(at, tz), l).replace(/ \d{4}$/, '');
}

export function formatWhat(slot: { classGroup: string; subject: string }): string {
  return `${slot.classGroup}, ${slot.subject}`;
}

const STATUS_KEY = {
  open: 'statusOpen',
  claimed: 'statusClaimed',
  held: 'statusHeld',
  not_held: 'statusNotHeld',
  cancelled: 'statusCancelled',
  unclaimed: 'statusUnclaimed',
} as const satisfies Record<SlotStatus, string>;

export function statusText(status: SlotStatus, l: Locale): string {
  return bookingTexts.plain(l, STATUS_KEY[status]);
}
