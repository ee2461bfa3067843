// Property-style walk through a whole year. The oracle reads local weekday/date/time with
// Intl (not luxon) and holidays from the public lists, so a bug in the zone conversion or the
// working-day logic shows up here even if the scenario tests miss it.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR_SETTINGS as S,
  danishPublicHolidays,
  isMessageable,
  nextMessageableMoment,
  schoolHolidayPeriods,
} from '../../../src/domain/calendar/index.js';

const fmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

function wall(d: Date): { date: string; time: string; weekday: string } {
  const p = Object.fromEntries(fmt.formatToParts(d).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}`, weekday: p.weekday as string };
}

const closed = new Set<string>();
for (const y of [2025, 2026, 2027]) {
  for (const h of danishPublicHolidays(y)) closed.add(h.date);
  for (const p of schoolHolidayPeriods(y)) {
    for (let t = Date.parse(`${p.from}T12:00:00Z`); t <= Date.parse(`${p.to}T12:00:00Z`); t += 86_400_000) {
      closed.add(new Date(t).toISOString().slice(0, 10));
    }
  }
}

describe('a year of instants (2026, every 13 minutes)', () => {
  it('never yields a messageable moment on a weekend, holiday, or outside 07:30–16:00, and never skips one', () => {
    const step = 13 * 60_000;
    // Collect violations instead of calling expect() 40,000 times (keeps the test fast).
    const bad: string[] = [];
    const check = (ok: boolean, what: string, t: number, r: number) => {
      if (!ok && bad.length < 20) bad.push(`${what}: ${new Date(t).toISOString()} → ${new Date(r).toISOString()}`);
    };
    const wallCache = new Map<number, ReturnType<typeof wall>>();
    let prevResult = -Infinity;
    let messageable = 0;
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2027-01-01T00:00:00Z');
    for (let t = from; t < to; t += step) {
      const instant = new Date(t);
      const result = nextMessageableMoment(instant, S);
      const r = result.getTime();
      let w = wallCache.get(r);
      if (!w) {
        w = wall(result);
        wallCache.set(r, w);
        check(isMessageable(result, S), 'result not messageable', t, r);
      }

      check(r >= t, 'result before instant', t, r);
      check(w.weekday !== 'Sat' && w.weekday !== 'Sun', 'weekend', t, r);
      check(!closed.has(w.date), 'holiday', t, r);
      check(w.time >= '07:30' && w.time < '16:00', 'outside hours', t, r);
      check(r === t || w.time === '07:30', 'deferred but not to day start', t, r);

      const wi = wall(instant);
      const open =
        wi.weekday !== 'Sat' && wi.weekday !== 'Sun' && !closed.has(wi.date) && wi.time >= '07:30' && wi.time < '16:00';
      check((r === t) === open, open ? 'open instant deferred' : 'closed instant accepted', t, r);
      if (open) messageable++;

      // Monotone, and no messageable moment is skipped between two samples.
      check(r >= prevResult, 'not monotone', t, r);
      check(!(prevResult > t) || r === prevResult, 'skipped a messageable moment', t, r);
      prevResult = r;
    }
    expect(bad).toEqual([]);
    // ~190 school days × 8.5 h: sanity check that the walk actually exercised open time.
    expect(messageable * 13).toBeGreaterThan(180 * 8.5 * 60);
    expect(messageable * 13).toBeLessThan(215 * 8.5 * 60);
  });
});
