// `sparring report --municipality X --format csv|xlsx [--out F]`: every school's digest figures
// side by side for the partnership, with the digest's privacy rule ("<5" where a figure rests on
// fewer than five teachers). Text cells that a spreadsheet would run as a formula are neutralised.
import { writeFile } from 'node:fs/promises';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Clock } from '../core/clock.js';
import type { Locale } from '../core/i18n/catalogue.js';
import type { DigestFigures } from '../flows/digest/figures.js';
import { municipalityFigures } from '../flows/digest/overview.js';
import type { Figure } from '../flows/digest/privacy.js';
import type { Db } from '../store/client.js';
import { EX_DATAERR, EX_USAGE, readCommandLine } from './args.js';
import type { CommandContext } from './context.js';
import { operatorRuntime } from './operator-runtime.js';
import { operatorTexts as T } from './operator-texts.js';

type Cell = string | number;

/** A cell starting with = + - @ (or a tab / carriage return) would run as a formula: prefix a quote. */
export function neutralise(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const fig = (f: Figure): Cell => (f === null ? '<5' : f);

export function reportRows(l: Locale, all: DigestFigures[]): Cell[][] {
  const header = (['colSchool', 'colWeek', 'colCourse', 'colParticipants', 'colTarget', 'colReached', 'colHeld', 'colReflected', 'colAsOf', 'colWeekHeld', 'colPlanned', 'colOpen', 'colUnclaimed'] as const).map((k) => T.plain(l, k));
  const rows: Cell[][] = [header];
  for (const f of all) {
    const week: Cell[] = [fig(f.week.held), fig(f.week.planned), fig(f.week.open), fig(f.week.unclaimed)];
    const courses = f.courses.length > 0 ? f.courses : [null];
    for (const c of courses) {
      const course: Cell[] = c ? [c.name, fig(c.participants), c.target, fig(c.reached), fig(c.held), fig(c.reflected), c.asOf ?? ''] : ['', '', '', '', '', '', ''];
      rows.push([f.school.name, `${f.isoYear}-W${String(f.isoWeek).padStart(2, '0')}`, ...course, ...week].map(neutralise));
    }
  }
  return rows;
}

export function reportUsage(locale: Locale): string {
  return T.plain(locale, 'reportUsage');
}

export async function report(ctx: CommandContext, opts: { db?: Db; clock?: Clock } = {}): Promise<number> {
  const l = ctx.config.locale;
  const line = readCommandLine(ctx, reportUsage(l), { municipality: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } });
  if (typeof line === 'number') return line;
  if (line.positionals.length > 0) return line.unexpected(line.positionals[0]!);
  const { municipality, format, out } = line.values;
  if (!municipality) return line.missing('--municipality');
  if (!format) return line.missing('--format');
  if (format !== 'csv' && format !== 'xlsx') {
    ctx.stderr.write(`${T.plain(l, 'badFormat', { format })}\n`);
    return EX_USAGE;
  }
  if (format === 'xlsx' && !out) {
    ctx.stderr.write(`${T.plain(l, 'xlsxNeedsOut')}\n`);
    return EX_USAGE;
  }
  const rt = await operatorRuntime(ctx.config, opts);
  try {
    const m = await rt.deps.stores.digest.findMunicipality(municipality);
    if (!m) {
      ctx.stderr.write(`${T.plain(l, 'unknownMunicipality', { municipality })}\n`);
      return EX_DATAERR;
    }
    const rows = reportRows(l, await municipalityFigures(rt.deps, m.id, rt.deps.clock.now()));
    if (format === 'csv') {
      const csv = stringify(rows);
      if (out) await writeFile(out, csv);
      else ctx.stdout.write(csv);
    } else {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet(m.name.slice(0, 31) || 'Sparring');
      for (const row of rows) sheet.addRow(row);
      sheet.getRow(1).font = { bold: true };
      await book.xlsx.writeFile(out!);
    }
    if (out) ctx.stderr.write(`${T.plain(l, 'reportWritten', { file: out, rows: rows.length - 1 })}\n`);
    return 0;
  } finally {
    await rt.close();
  }
}
