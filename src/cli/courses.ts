// `sparring courses import FILE.yaml [--dry-run]`: courses, sessions and participants from YAML
// (format: examples/courses.yaml).
import type { Locale } from '../core/i18n/catalogue.js';
import { courseTexts } from '../import/courses/texts.js';
import { formatCourseChanges, formatCourseProblems, formatCoursesSummary, formatCourseWarnings, importCourses } from '../import/courses/index.js';
import { importTexts } from '../import/roster/texts.js';
import { openDatabase, type Db } from '../store/client.js';
import { CourseRepository } from '../store/course-repository.js';
import { EX_DATAERR, readInputFile } from './args.js';
import { parseImportArgs } from './import-args.js';
import type { CommandContext } from './context.js';
import { describeDatabaseError } from './roster.js';

export const coursesUsage = (locale: Locale): string => courseTexts.plain(locale, 'usage');

export async function courses(ctx: CommandContext, deps: { db?: Db } = {}): Promise<number> {
  const locale = ctx.config.locale;
  const usage = coursesUsage(locale);
  const parsed = parseImportArgs(ctx, { command: 'courses', kind: 'YAML', usage, prune: false });
  if (typeof parsed === 'number') return parsed;
  const { file, dryRun } = parsed;
  const source = await readInputFile(ctx, file, 'utf8');
  if (typeof source === 'number') return source;

  const db = deps.db ?? (await openDatabase(ctx.config.database));
  try {
    const result = await importCourses(source, new CourseRepository(db), { defaultMunicipality: ctx.config.defaultMunicipality, dryRun });
    const warnings = formatCourseWarnings(result.warnings, locale);
    if (warnings.length > 0) ctx.stderr.write(`${warnings.join('\n')}\n`);
    if (!result.ok) {
      ctx.stderr.write(`${formatCourseProblems(result.problems, file, locale).join('\n')}\n`);
      return EX_DATAERR;
    }
    ctx.stdout.write([...formatCourseChanges(result.plan, locale), formatCoursesSummary(result.plan, { dryRun, locale })].join('\n') + '\n');
    return 0;
  } catch (err) {
    ctx.stderr.write(`${describeDatabaseError(err, locale)}\n${importTexts.plain(locale, 'nothingImported')}\n`);
    return 1;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}
