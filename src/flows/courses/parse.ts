// Courses YAML → validated course specifications. Pure: no database. Every problem carries the YAML
// path (courses[1].sessions[2].date) and, where the node exists, its line in the file.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { normalizeText, parseRole, ROLE_HELP, type Role } from '../roster/roles.js';

export const THEMES = ['klasseledelse', 'maalorienteret', 'inkluderende'] as const;
export type Theme = (typeof THEMES)[number];

const THEME_ALIASES: Record<string, Theme> = {
  klasseledelse: 'klasseledelse',
  'classroom management': 'klasseledelse',
  'målorienteret undervisning': 'maalorienteret',
  'maalorienteret undervisning': 'maalorienteret',
  'målorienteret': 'maalorienteret',
  maalorienteret: 'maalorienteret',
  'goal-oriented teaching': 'maalorienteret',
  'inkluderende differentieret undervisning': 'inkluderende',
  'inkluderende og differentieret undervisning': 'inkluderende',
  'inkluderende differentieret': 'inkluderende',
  inkluderende: 'inkluderende',
  'inclusive differentiated teaching': 'inkluderende',
};
export const THEME_HELP = 'use klasseledelse, målorienteret undervisning or inkluderende differentieret undervisning (or the keys klasseledelse, maalorienteret, inkluderende)';

export function parseTheme(text: string): Theme | undefined {
  return THEME_ALIASES[normalizeText(text).toLowerCase()];
}

export type Path = (string | number)[];

export interface CourseProblem {
  path: Path;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  message: string;
}

export type ParticipantSpec = { kind: 'email'; email: string } | { kind: 'selector'; school: string; roles: Role[] };

export interface SessionSpec {
  date: string;
  start: string;
  end: string;
}

export interface CourseSpec {
  key: string;
  theme: Theme;
  year: number;
  name: string;
  feedbackTarget: number;
  schools: string[];
  sessions: SessionSpec[];
  participants: ParticipantSpec[];
}

export interface ParsedCourses {
  municipality?: string;
  courses: CourseSpec[];
  problems: CourseProblem[];
  /** Finds the line of a path (or of its nearest existing ancestor). */
  locate: (path: Path) => number | undefined;
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const text = (what: string) =>
  z
    .string({ required_error: `${what} is missing`, invalid_type_error: `${what} must be text` })
    .transform(normalizeText)
    .refine((v) => v !== '', `${what} is empty`);

/** YAML reads 2026 as a number and 2026/27 as text; both name the school year starting in 2026. */
const schoolYear = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{4}(\s*\/\s*(\d{2}|\d{4}))?\s*$/.test(v) ? Number(v.trim().slice(0, 4)) : v),
  z
    .number({ required_error: 'year is missing', invalid_type_error: 'year must be the school year, e.g. 2026 or 2026/27' })
    .int('year must be a whole number, e.g. 2026')
    .min(2000, 'year must be the school year, e.g. 2026 or 2026/27')
    .max(2100, 'year must be the school year, e.g. 2026 or 2026/27'),
);

const session = z
  .object({
    date: z
      .string({ required_error: 'date is missing', invalid_type_error: 'date must be YYYY-MM-DD, e.g. 2026-09-08' })
      .regex(DATE, 'date must be YYYY-MM-DD, e.g. 2026-09-08'),
    start: z
      .string({ required_error: 'start is missing', invalid_type_error: 'start must be HH:MM in quotes, e.g. "13:00"' })
      .regex(TIME, 'start must be HH:MM (24-hour), e.g. "13:00"'),
    end: z
      .string({ required_error: 'end is missing', invalid_type_error: 'end must be HH:MM in quotes, e.g. "16:00"' })
      .regex(TIME, 'end must be HH:MM (24-hour), e.g. "16:00"'),
  })
  .strict();

const participant = z.unknown().transform((v, ctx): ParticipantSpec => {
  const fail = (message: string, path: Path = []) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message, path });
    return z.NEVER;
  };
  if (typeof v === 'string') {
    const email = v.trim().toLowerCase();
    if (!z.string().email().safeParse(email).success) return fail(`participant "${v}" is not an email address`);
    return { kind: 'email', email };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    return fail('a participant is an email address or a selector like { school: Holsted Skole, role: teacher }');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'school' && k !== 'role') fail(`unknown key "${k}" in a participant selector (use school and role)`, [k]);
  const school = typeof o.school === 'string' ? normalizeText(o.school) : '';
  if (school === '') fail('school is missing (a selector is { school: …, role: … })', ['school']);
  const roleTexts = typeof o.role === 'string' ? [o.role] : Array.isArray(o.role) ? o.role : [];
  if (roleTexts.length === 0) return fail(`role is missing (${ROLE_HELP})`, ['role']);
  const roles: Role[] = [];
  roleTexts.forEach((r, i) => {
    const role = typeof r === 'string' ? parseRole(r) : undefined;
    if (role === undefined) fail(`role "${String(r)}" is not a role (${ROLE_HELP})`, Array.isArray(o.role) ? ['role', i] : ['role']);
    else if (!roles.includes(role)) roles.push(role);
  });
  return { kind: 'selector', school, roles };
});

const course = z
  .object({
    key: z.preprocess(
      (v) => (typeof v === 'number' ? String(v) : v),
      z
        .string({ required_error: 'key is missing', invalid_type_error: 'key must be text' })
        .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'key must be letters, digits, ".", "_" or "-" (it identifies the course on re-import)'),
    ),
    theme: text('theme').transform((v, ctx) => {
      const theme = parseTheme(v);
      if (theme === undefined) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `theme "${v}" is not a theme (${THEME_HELP})` });
        return z.NEVER;
      }
      return theme;
    }),
    year: schoolYear,
    name: text('name'),
    feedback_target: z
      .number({ invalid_type_error: 'feedback_target must be a whole number, e.g. 2' })
      .int('feedback_target must be a whole number, e.g. 2')
      .min(1, 'feedback_target must be at least 1')
      .max(10, 'feedback_target must be at most 10')
      .default(2),
    schools: z
      .array(text('school'), { required_error: 'schools is missing', invalid_type_error: 'schools must be a list of school names' })
      .min(1, 'schools must name at least one school'),
    sessions: z
      .array(session, { required_error: 'sessions is missing', invalid_type_error: 'sessions must be a list of { date, start, end }' })
      .min(1, 'sessions must list at least one session'),
    participants: z
      .array(participant, { required_error: 'participants is missing', invalid_type_error: 'participants must be a list' })
      .min(1, 'participants must list at least one person or selector'),
  })
  .strict();

const file = z
  .object({
    municipality: text('municipality').optional(),
    courses: z.array(course, { required_error: 'courses is missing', invalid_type_error: 'courses must be a list' }),
  })
  .strict();

const KNOWN_KEYS: Record<string, string[]> = {
  file: ['municipality', 'courses'],
  course: ['key', 'theme', 'year', 'name', 'feedback_target', 'schools', 'sessions', 'participants'],
  session: ['date', 'start', 'end'],
};

function makeLocator(doc: Document, lc: LineCounter) {
  return (path: Path): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
    }
    return undefined;
  };
}

/** The line of key `key` inside the map at `path` (for "unknown key" problems). */
function keyLine(doc: Document, lc: LineCounter, path: Path, key: string): number | undefined {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    const k = pair.key;
    if (isNode(k) && k.range && (k as { value?: unknown }).value === key) return lc.linePos(k.range[0]).line;
  }
  return undefined;
}

export function parseCoursesYaml(source: string): ParsedCourses {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source.replace(/^\ufeff/, ''), { lineCounter, uniqueKeys: true, prettyErrors: false });
  const locate = makeLocator(doc, lineCounter);

  const syntax = doc.errors.map((e) => ({
    path: [] as Path,
    line: lineCounter.linePos(e.pos[0]).line,
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  if (syntax.length > 0) return { courses: [], problems: syntax, locate };

  const data: unknown = doc.toJS() ?? {};
  const result = file.safeParse(data);
  if (result.success) return { municipality: result.data.municipality, courses: result.data.courses.map(toSpec), problems: [], locate };

  const problems: CourseProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      const kind = issue.path.length === 0 ? 'file' : issue.path.length === 2 ? 'course' : 'session';
      for (const k of issue.keys)
        problems.push({
          path: [...issue.path, k],
          line: keyLine(doc, lineCounter, issue.path, k) ?? locate(issue.path),
          message: `unknown key "${k}" (expected ${KNOWN_KEYS[kind]!.join(', ')})`,
        });
      continue;
    }
    let message = issue.message;
    if (issue.code === z.ZodIssueCode.invalid_type && issue.path.length === 0) message = 'the file must be a mapping with a "courses:" list';
    problems.push({ path: issue.path, line: locate(issue.path), message });
  }
  return { courses: [], problems, locate };
}

function toSpec(c: z.infer<typeof course>): CourseSpec {
  return {
    key: c.key,
    theme: c.theme,
    year: c.year,
    name: c.name,
    feedbackTarget: c.feedback_target,
    schools: c.schools,
    sessions: c.sessions,
    participants: c.participants,
  };
}
