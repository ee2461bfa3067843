// The courses import use case: parse YAML → resolve against the roster → plan → apply, in one
// transaction. The store is an interface; src/store/course-repository.ts implements it.
import { slugify } from '../roster/roles.js';
import { formatPath, parseCoursesYaml, type CourseParams, type CourseProblem } from './parse.js';
import { planCourses, type CourseDirectory, type CoursesPlan, type CourseWarning } from './plan.js';
import type { CourseTextKey } from './texts.js';

export interface CourseTransaction {
  /** null when the municipality does not exist. */
  load(municipalitySlug: string): Promise<CourseDirectory | null>;
  apply(plan: CoursesPlan): Promise<void>;
}

export interface CourseStore {
  transaction<T>(fn: (tx: CourseTransaction) => Promise<T>): Promise<T>;
}

export interface CoursesImportOptions {
  defaultMunicipality: string;
  dryRun: boolean;
}

/** A problem or warning with where it is: the YAML path and, where known, its line. report.ts words it. */
export interface LocatedProblem {
  line?: number;
  path: string;
  code: CourseTextKey;
  params: CourseParams;
}

export type CoursesImportResult =
  | { ok: true; plan: CoursesPlan; warnings: LocatedProblem[] }
  | { ok: false; problems: LocatedProblem[]; warnings: LocatedProblem[] };

export async function importCourses(source: string, store: CourseStore, options: CoursesImportOptions): Promise<CoursesImportResult> {
  const parsed = parseCoursesYaml(source);
  const located = (items: (CourseProblem | CourseWarning)[]): LocatedProblem[] =>
    items
      .map((p) => ({
        line: 'line' in p && p.line !== undefined ? p.line : parsed.locate(p.path),
        path: formatPath(p.path),
        code: p.code,
        params: p.params,
      }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (parsed.problems.length > 0) return { ok: false, problems: located(parsed.problems), warnings: [] };

  const slug = slugify(parsed.municipality ?? options.defaultMunicipality);
  return store.transaction(async (tx) => {
    const directory = await tx.load(slug);
    if (!directory)
      return {
        ok: false as const,
        problems: located([
          { path: parsed.municipality ? ['municipality'] : [], code: 'municipalityUnknown', params: { slug } },
        ]),
        warnings: [],
      };
    const { plan, problems, warnings } = planCourses(parsed.courses, directory);
    if (problems.length > 0) return { ok: false as const, problems: located(problems), warnings: located(warnings) };
    if (!options.dryRun) await tx.apply(plan);
    return { ok: true as const, plan, warnings: located(warnings) };
  });
}
