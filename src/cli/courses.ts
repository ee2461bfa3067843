// `sparring courses import FILE.yaml [--dry-run]`: courses, sessions and participants from YAML
// (format: examples/courses.yaml).
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatCourseChanges, formatCourseProblems, formatCoursesSummary, formatLocated, importCourses } from '../flows/courses/index.js';
import { openDatabase, type Db } from '../store/client.js';
import { CourseRepository } from '../store/course-repository.js';
import type { CommandContext } from './main.js';
import { describeDatabaseError } from './roster.js';

export const COURSES_USAGE = `Usage: sparring courses import FILE.yaml [--dry-run]

Imports courses with their schools, sessions (kursusgange) and participants. The format is
documented in examples/courses.yaml. Import the roster first: schools and participants must exist.

  --dry-run   check the file and show what would change, write nothing
`;

const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOINPUT = 66;

export async function courses(ctx: CommandContext, deps: { db?: Db } = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.args,
      options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    ctx.stderr.write(`${(err as Error).message}\n\n${COURSES_USAGE}`);
    return EX_USAGE;
  }
  if (parsed.values.help) {
    ctx.stdout.write(COURSES_USAGE);
    return 0;
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || file === undefined || extra.length > 0) {
    ctx.stderr.write(
      `${sub !== 'import' ? `Unknown courses command "${sub ?? ''}".` : file === undefined ? 'Missing the YAML file.' : `Unexpected argument "${extra[0]}".`}\n\n${COURSES_USAGE}`,
    );
    return EX_USAGE;
  }
  const dryRun = parsed.values['dry-run'] === true;

  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    ctx.stderr.write(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return EX_NOINPUT;
  }

  const db = deps.db ?? openDatabase(ctx.config.database);
  try {
    const result = await importCourses(source, new CourseRepository(db), { defaultMunicipality: ctx.config.defaultMunicipality, dryRun });
    const warnings = result.warnings.map((w) => `warning: ${formatLocated(w)}`);
    if (warnings.length > 0) ctx.stderr.write(`${warnings.join('\n')}\n`);
    if (!result.ok) {
      ctx.stderr.write(`${formatCourseProblems(result.problems, file).join('\n')}\n`);
      return EX_DATAERR;
    }
    ctx.stdout.write([...formatCourseChanges(result.plan), formatCoursesSummary(result.plan, { dryRun })].join('\n') + '\n');
    return 0;
  } catch (err) {
    ctx.stderr.write(`${describeDatabaseError(err)}\nNothing was imported.\n`);
    return 1;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}
