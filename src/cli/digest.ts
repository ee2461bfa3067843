// `sparring digest preview|send --school S [--week W]`: the weekly digest on demand, for operators.
// Preview prints what the leaders would see and sends nothing; send queues it now, once (the same
// record the Monday job writes, so neither sends it twice).
import { writeFile } from 'node:fs/promises';
import { messageText } from '../bot/memory/driver.js';
import { weeksInIsoWeekYear } from '../domain/calendar/index.js';
import { renderTrendChart } from '../flows/digest/chart.js';
import { currentWeek } from '../flows/digest/figures.js';
import { computeDigest, digestMessages, sendDigest } from '../flows/digest/send.js';
import type { Db } from '../store/client.js';
import type { Clock } from '../core/clock.js';
import { EX_DATAERR, EX_USAGE, readCommandLine } from './args.js';
import type { CommandContext } from './context.js';
import { operatorRuntime } from './operator-runtime.js';
import { operatorTexts as T } from './operator-texts.js';

/** "48" (this ISO year) or "2026-W48"; null if neither. */
export function parseWeek(input: string, now: Date, timeZone: string): { isoYear: number; isoWeek: number } | null {
  const m = /^(?:(\d{4})-?W)?(\d{1,2})$/i.exec(input.trim());
  if (!m) return null;
  const isoYear = m[1] ? Number(m[1]) : currentWeek(now, timeZone).isoYear;
  const isoWeek = Number(m[2]);
  return isoWeek >= 1 && isoWeek <= weeksInIsoWeekYear(isoYear) ? { isoYear, isoWeek } : null;
}

export function digestUsage(locale: 'da' | 'en'): string {
  return T.plain(locale, 'digestUsage');
}

export async function digest(ctx: CommandContext, opts: { db?: Db; clock?: Clock } = {}): Promise<number> {
  const l = ctx.config.locale;
  const line = readCommandLine(ctx, digestUsage(l), { school: { type: 'string' }, week: { type: 'string' }, chart: { type: 'string' } });
  if (typeof line === 'number') return line;
  const [sub, ...extra] = line.positionals;
  const { school: schoolArg, week: weekArg, chart } = line.values;
  if ((sub !== 'preview' && sub !== 'send') || (sub === 'send' && chart)) return line.fail();
  if (extra.length > 0) return line.unexpected(extra[0]!);
  if (!schoolArg) return line.missing('--school');
  if (sub === 'send' && !weekArg) return line.missing('--week');
  const rt = await operatorRuntime(ctx.config, opts);
  try {
    const { deps } = rt;
    const school = await deps.stores.digest.findSchool(schoolArg);
    if (!school) {
      ctx.stderr.write(`${T.plain(l, 'unknownSchool', { school: schoolArg })}\n`);
      return EX_DATAERR;
    }
    const now = deps.clock.now();
    const { timeZone } = await deps.calendar(school.municipalityId);
    const week = weekArg ? parseWeek(weekArg, now, timeZone) : currentWeek(now, timeZone);
    if (!week) {
      ctx.stderr.write(`${T.plain(l, 'badWeek', { week: weekArg ?? '' })}\n`);
      return EX_USAGE;
    }
    const ref = { schoolId: school.id, ...week };
    const params = { school: school.name, week: week.isoWeek };
    if (sub === 'send') {
      const outcome = await sendDigest(deps, ref, now);
      const key = outcome === 'sent' ? 'sent' : outcome === 'already sent' ? 'alreadySent' : 'unreachable';
      (outcome === 'unreachable' ? ctx.stderr : ctx.stdout).write(`${T.plain(l, key, params)}\n`);
      return outcome === 'unreachable' ? 1 : 0;
    }
    const figures = (await computeDigest(deps, ref, now))!;
    const messages = (await digestMessages(figures, [l]))[l]!;
    ctx.stdout.write(`${messageText(messages.headline)}\n\n${messageText(messages.details)}\n`);
    if (chart) {
      await writeFile(chart, await renderTrendChart(l, figures));
      ctx.stderr.write(`${T.plain(l, 'chartWritten', { file: chart })}\n`);
    }
    return 0;
  } finally {
    await rt.close();
  }
}
