// `sparring roster import FILE.csv [--dry-run] [--prune]`: staff, schools and roles from a CSV export.
import { SingleBar } from 'cli-progress';
import type { Locale } from '../core/i18n/catalogue.js';
import {
  formatProblems,
  formatPruneConfirmation,
  formatRosterChanges,
  formatRosterSummary,
  formatWarnings,
  importRoster,
  OPTIONAL_COLUMNS,
  PRUNE_CONFIRM_ABOVE,
  prunesNeedingConfirmation,
  REQUIRED_COLUMNS,
  roleHelp,
  type RosterImportOptions,
} from '../import/roster/index.js';
import { importTexts, rosterTexts } from '../import/roster/texts.js';
import { openDatabase, type Db } from '../store/client.js';
import { RosterRepository } from '../store/roster-repository.js';
import { EX_DATAERR, readInputFile } from './args.js';
import { parseImportArgs } from './import-args.js';
import { ask, isYes } from './confirm.js';
import type { CommandContext } from './context.js';

/** The usage text in the coordinator's language. */
export function rosterUsage(locale: Locale): string {
  const required = REQUIRED_COLUMNS.join(', ');
  const optional = OPTIONAL_COLUMNS.join(', ');
  const width = Math.max(required.length, optional.length);
  return rosterTexts.plain(locale, 'usage', {
    required: required.padEnd(width),
    optional: optional.padEnd(width),
    roles: roleHelp(locale),
    pruneAbove: PRUNE_CONFIRM_ABOVE.people,
    pruneShare: PRUNE_CONFIRM_ABOVE.share * 100,
  });
}

/** Below this a bar only flickers. */
const PROGRESS_BAR_MIN_ROWS = 200;

export async function roster(ctx: CommandContext, deps: { db?: Db } = {}): Promise<number> {
  const locale = ctx.config.locale;
  const usage = rosterUsage(locale);
  const write = (stream: NodeJS.WritableStream, lines: string[]) => {
    if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
  };
  const parsed = parseImportArgs(ctx, { command: 'roster', kind: 'CSV', usage, prune: true });
  if (typeof parsed === 'number') return parsed;
  const { file, dryRun, prune, yes } = parsed;
  const bytes = await readInputFile(ctx, file);
  if (typeof bytes === 'number') return bytes;

  const db = deps.db ?? (await openDatabase(ctx.config.database));
  let bar: SingleBar | undefined;
  try {
    const store = new RosterRepository(db);
    const options: RosterImportOptions = { defaultMunicipality: ctx.config.defaultMunicipality, timeZone: ctx.config.timeZone, locale: ctx.config.locale, prune, dryRun };
    // A --prune that would deactivate many (a one-line file, the wrong export) is shown and confirmed
    // first; the import then deactivates no one but the people shown.
    let onlyDeactivate: Set<string> | undefined;
    if (prune && !dryRun && !yes) {
      const preview = await importRoster(bytes, store, { ...options, dryRun: true });
      if (!preview.ok) {
        write(ctx.stderr, [...formatWarnings(preview.warnings, locale), ...formatProblems(preview.problems, file, locale)]);
        return EX_DATAERR;
      }
      const many = prunesNeedingConfirmation(preview.plan);
      if (many.length > 0) {
        const list = formatPruneConfirmation(many, locale);
        if (!ctx.stdin?.isTTY) {
          write(ctx.stderr, [...list, rosterTexts.plain(locale, 'pruneNeedsYes')]);
          return 1;
        }
        write(ctx.stdout, list);
        if (!isYes(await ask(ctx, rosterTexts.plain(locale, 'pruneQuestion')))) {
          write(ctx.stdout, [rosterTexts.plain(locale, 'pruneCancelled')]);
          return 1;
        }
      }
      onlyDeactivate = new Set(preview.plan.municipalities.flatMap((m) => m.deactivate.map((p) => p.personId)));
    }
    const result = await importRoster(bytes, store, {
      ...options,
      onlyDeactivate,
      onStart: (rows) => {
        if (ctx.stdout.isTTY && rows > PROGRESS_BAR_MIN_ROWS) {
          bar = new SingleBar({ stream: ctx.stdout, format: `${importTexts.plain(locale, 'progress')} [{bar}] {percentage}% {value}/{total}`, hideCursor: true });
          bar.start(1, 0);
        }
      },
      onProgress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
    bar?.stop();
    bar = undefined;
    if (!result.ok) {
      write(ctx.stderr, [...formatWarnings(result.warnings, locale), ...formatProblems(result.problems, file, locale)]);
      return EX_DATAERR;
    }
    write(ctx.stderr, formatWarnings(result.warnings, locale));
    write(ctx.stdout, formatRosterChanges(result.plan, locale));
    write(ctx.stdout, [formatRosterSummary(result.counts, { dryRun, prune, locale })]);
    return 0;
  } catch (err) {
    bar?.stop();
    ctx.stderr.write(`${describeDatabaseError(err, locale)}\n${importTexts.plain(locale, 'nothingImported')}\n`);
    return 1;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}

/** Prisma's codes, read structurally so no Prisma type leaves src/store. */
export function describeDatabaseError(err: unknown, locale: Locale): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'P2021') return importTexts.plain(locale, 'dbNoTables');
  if (code === 'P2028') return importTexts.plain(locale, 'dbTimeout');
  return importTexts.plain(locale, 'dbFailed', { error: err instanceof Error ? err.message : String(err) });
}
