// `sparring digest preview|send --school S [--week W]`: the weekly digest on demand, for operators.
// Preview prints what the leaders would see and sends nothing; send queues it now, once (the same
// record the Monday job writes, so neither sends it twice).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { messageText } from '../bot/memory/driver.js';
import { isoWeekOf, weeksInIsoWeekYear } from '../domain/calendar/index.js';
import { renderTrendChart } from '../flows/digest/chart.js';
import { computeDigest, digestMessages, sendDigest } from '../flows/digest/send.js';
import type { Db } from '../store/client.js';
import type { Clock } from '../core/clock.js';
import type { CommandContext } from './context.js';
import { operatorRuntime } from './operator-runtime.js';
import { operatorTexts as T } from './operator-texts.js';

const EX_USAGE = 64;
const EX_DATAERR = 65;

/** "48" (this ISO year) or "2026-W48"; null if neither. */
export function parseWeek(input: string, now: Date, timeZone: string): { isoYear: number; isoWeek: number } | null {
  const m = /^(?:(\d{4})-?W)?(\d{1,2})$/i.exec(input.trim());
  if (!m) return null;
  const isoYear = m[1] ? Number(m[1]) : isoWeekOf(now, timeZone).year;
  const isoWeek = Number(m[2]);
  return isoWeek >= 1 && isoWeek <= weeksInIsoWeekYear(isoYear) ? { isoYear, isoWeek } : null;
}

export function digestUsage(locale: 'da' | 'en'): string {
  return T.plain(locale, 'digestUsage');
}

export async function digest(ctx: CommandContext, opts: { db?: Db; clock?: Clock } = {}): Promise<number> {
  const l = ctx.config.locale;
  let parsed;
  try {
    parsed = parseArgs({ args: ctx.args, options: { school: { type: 'string' }, week: { type: 'string' }, chart: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    ctx.stderr.write(`${(err as Error).message}\n\n${digestUsage(l)}`);
    return EX_USAGE;
  }
  const [sub, ...extra] = parsed.positionals;
  const { school: schoolArg, week: weekArg, chart } = parsed.values;
  if ((sub !== 'preview' && sub !== 'send') || extra.length > 0 || (sub === 'send' && chart)) {
    ctx.stderr.write(digestUsage(l));
    return EX_USAGE;
  }
  if (!schoolArg || (sub === 'send' && !weekArg)) {
    ctx.stderr.write(`${T.plain(l, 'missing', { option: !schoolArg ? '--school' : '--week' })}\n\n${digestUsage(l)}`);
    return EX_USAGE;
  }
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
    const week = weekArg ? parseWeek(weekArg, now, timeZone) : (({ year, week: w }) => ({ isoYear: year, isoWeek: w }))(isoWeekOf(now, timeZone));
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
