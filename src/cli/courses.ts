// `sparring courses import FILE.yaml [--dry-run]`: courses, sessions and participants from YAML
// (format: examples/courses.yaml).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { courseTexts } from '../flows/courses/texts.js';
import { formatCourseChanges, formatCourseProblems, formatCoursesSummary, formatCourseWarnings, importCourses } from '../flows/courses/index.js';
import { describeArgumentError, describeReadError } from '../flows/roster/report.js';
import { importTexts } from '../flows/roster/texts.js';
import { openDatabase, type Db } from '../store/client.js';
import { CourseRepository } from '../store/course-repository.js';
import type { CommandContext } from './main.js';
import { describeDatabaseError } from './roster.js';

const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOINPUT = 66;

export async function courses(ctx: CommandContext, deps: { db?: Db } = {}): Promise<number> {
  const locale = ctx.config.locale;
  const usage = courseTexts.plain(locale, 'usage');
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.args,
      options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    ctx.stderr.write(`${describeArgumentError(err, locale)}\n\n${usage}`);
    return EX_USAGE;
  }
  if (parsed.values.help) {
    ctx.stdout.write(usage);
    return 0;
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || file === undefined || extra.length > 0) {
    const problem =
      sub === undefined
        ? importTexts.plain(locale, 'missingCommand', { command: 'courses' })
        : sub !== 'import'
          ? importTexts.plain(locale, 'unknownCommand', { command: 'courses', sub })
          : file === undefined
            ? importTexts.plain(locale, 'missingFile', { kind: 'YAML' })
            : importTexts.plain(locale, 'unexpectedArgument', { arg: extra[0]! });
    ctx.stderr.write(`${problem}\n\n${usage}`);
    return EX_USAGE;
  }
  const dryRun = parsed.values['dry-run'] === true;

  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    ctx.stderr.write(`${describeReadError(file, err, locale)}\n`);
    return EX_NOINPUT;
  }

  const db = deps.db ?? openDatabase(ctx.config.database);
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
