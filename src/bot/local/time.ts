// The playground's time control: the buttons that move its clock ("spring til næste hændelse", "+1
// time", "+1 dag", "næste mandag 08.00", "til skoledagen begynder"), where each one lands, and the
// bar showing the playground's current time. Moving and running jobs is core's time travel.
import type { TimeControl, TravelResult } from '../../core/jobs/time-travel.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { addDays, formatDateLong, instantFromLocal, localDate, localTime, weekdayOf, weekdayName, zoned } from '../../domain/calendar/index.js';
import { escapeHtml } from './render.js';
import { playgroundTexts as texts } from './texts.js';

export const TIME_MOVES = ['next', 'hour', 'day', 'monday', 'school'] as const;
export type TimeMove = (typeof TIME_MOVES)[number];

export function isTimeMove(v: unknown): v is TimeMove {
  return (TIME_MOVES as readonly unknown[]).includes(v);
}

/** "lørdag 5. december 2026 kl. 14.03" / "Saturday 5 December 2026 at 14:03". */
export function formatPlaygroundTime(at: Date, tz: string, l: Locale): string {
  const d = localDate(at, tz);
  const t = localTime(at, tz);
  return l === 'da' ? `${weekdayName(d, 'da')} ${formatDateLong(d, 'da')} kl. ${t.replace(':', '.')}` : `${weekdayName(d, 'en')} ${formatDateLong(d, 'en')} at ${t}`;
}

/** The next Monday 08:00 on the wall clock after `now` (today's, on a Monday before eight). */
export function nextMondayMorning(now: Date, tz: string): Date {
  const today = localDate(now, tz);
  const monday = addDays(today, (8 - weekdayOf(today)) % 7);
  const at = instantFromLocal(monday, '08:00', tz);
  return at.getTime() > now.getTime() ? at : instantFromLocal(addDays(monday, 7), '08:00', tz);
}

/** Moves the playground's time as the button says; null when there is nothing to jump to. */
export async function moveTime(time: TimeControl, move: TimeMove, tz: string, municipalityId: string | null): Promise<TravelResult | null> {
  const now = time.now();
  switch (move) {
    case 'next':
      return time.jumpToNextEvent();
    case 'hour':
      return time.travelTo(new Date(now.getTime() + 3_600_000));
    case 'day':
      // A calendar day on the wall clock (23 or 25 hours around the clock change).
      return time.travelTo(zoned(now, tz).plus({ days: 1 }).toJSDate());
    case 'monday':
      return time.travelTo(nextMondayMorning(now, tz));
    case 'school':
      return time.travelTo(await time.messageableFrom(municipalityId));
  }
}

/** The bar at the top of the page: the time, the buttons, what the last move did, and quiet hours. */
export async function timeBarHtml(time: TimeControl, opts: { as: string; tz: string; locale: Locale; municipalityId: string | null; last?: TravelResult | null }): Promise<string> {
  const { as, tz, locale: l } = opts;
  const t = (k: Parameters<typeof texts.plain>[1], v?: Record<string, string | number>) => escapeHtml(texts.plain(l, k, v));
  const now = time.now();
  const next = await time.nextEventAt();
  const quietUntil = await time.messageableFrom(opts.municipalityId);
  const button = (move: TimeMove, label: string, extra = '') => `<button name="move" value="${move}"${extra}>${label}</button>`;
  const nextLabel = next ? t('jumpNextAt', { at: formatPlaygroundTime(new Date(Math.max(next.getTime(), now.getTime())), tz, l) }) : t('jumpNextNone');
  const last = opts.last
    ? `<p class="context" role="status">${t('moved', { to: formatPlaygroundTime(opts.last.to, tz, l), ran: opts.last.ran })}</p>`
    : '';
  const quiet =
    quietUntil.getTime() > now.getTime()
      ? `<p class="quiet" role="note">${t('outsideHours', { until: formatPlaygroundTime(quietUntil, tz, l) })} ${button('school', t('jumpToSchool'), ' class="primary"')}</p>`
      : '';
  return `<form class="time card" method="post" action="/playground/time"><input type="hidden" name="as" value="${escapeHtml(as)}">
<p><strong>${t('timeNow')}</strong> <time datetime="${now.toISOString()}" id="playground-time">${escapeHtml(formatPlaygroundTime(now, tz, l))}</time></p>
<div class="actions">${button('next', nextLabel, next ? '' : ' disabled')}${button('hour', t('plusHour'))}${button('day', t('plusDay'))}${button('monday', t('nextMonday'))}</div>
${quiet}${last}</form>`;
}
