// The courses import use case: parse YAML → resolve against the roster → plan → apply, in one
// transaction. The store is an interface; src/store/course-repository.ts implements it.
import { slugify } from '../roster/roles.js';
import { formatPath, parseCoursesYaml, type CourseProblem } from './parse.js';
import { planCourses, type CourseDirectory, type CoursesPlan, type CourseWarning } from './plan.js';

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

export interface LocatedMessage {
  line?: number;
  path: string;
  message: string;
}

export type CoursesImportResult =
  | { ok: true; plan: CoursesPlan; warnings: LocatedMessage[] }
  | { ok: false; problems: LocatedMessage[]; warnings: LocatedMessage[] };

export async function importCourses(source: string, store: CourseStore, options: CoursesImportOptions): Promise<CoursesImportResult> {
  const parsed = parseCoursesYaml(source);
  const located = (items: (CourseProblem | CourseWarning)[]): LocatedMessage[] =>
    items
      .map((p) => ({ line: 'line' in p && p.line !== undefined ? p.line : parsed.locate(p.path), path: formatPath(p.path), message: p.message }))
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (parsed.problems.length > 0) return { ok: false, problems: located(parsed.problems), warnings: [] };

  const slug = slugify(parsed.municipality ?? options.defaultMunicipality);
  return store.transaction(async (tx) => {
    const directory = await tx.load(slug);
    if (!directory)
      return {
        ok: false as const,
        problems: located([
          { path: parsed.municipality ? ['municipality'] : [], message: `municipality "${slug}" does not exist; import its roster first (sparring roster import)` },
        ]),
        warnings: [],
      };
    const { plan, problems, warnings } = planCourses(parsed.courses, directory);
    if (problems.length > 0) return { ok: false as const, problems: located(problems), warnings: located(warnings) };
    if (!options.dryRun) await tx.apply(plan);
    return { ok: true as const, plan, warnings: located(warnings) };
  });
}
