// Courses YAML → validated course specifications. Pure: no database. Every problem carries the YAML
// path (courses[1].sessions[2].date) and, where the node exists, its line in the file.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { controlCharacterIn } from '../../core/input.js';
import { normalizeText, parseRole, type Role } from '../roster/roles.js';
import type { CourseTextKey } from './texts.js';

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

export function parseTheme(text: string): Theme | undefined {
  return THEME_ALIASES[normalizeText(text).toLowerCase()];
}

export type Path = (string | number)[];

/** Parameters of a problem; an array is a list of alternatives ("teacher eller pedagogue"). */
export type CourseParams = Record<string, string | number | readonly string[]>;

/** A problem found in the file: a catalogue key and its parameters; report.ts words it. */
export interface CourseProblem {
  path: Path;
  /** 1-based line in the YAML file, when known. */
  line?: number;
  code: CourseTextKey;
  params: CourseParams;
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
  /** The target's share per feedback window (one per session); null = the default spread. */
  feedbackSpread: number[] | null;
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

const KNOWN_KEYS: Record<string, string[]> = {
  file: ['municipality', 'courses'],
  course: ['key', 'theme', 'year', 'name', 'feedback_target', 'feedback_spread', 'schools', 'sessions', 'participants'],
  session: ['date', 'start', 'end'],
};

/**
 * A zod message carrying a structured problem (catalogue key and parameters); zod's built-in checks
 * only take a message string. parseCoursesYaml decodes it again.
 */
function m(code: CourseTextKey, params: CourseParams = {}): string {
  return JSON.stringify([code, params]);
}

function decode(message: string): { code: CourseTextKey; params: CourseParams } {
  try {
    const v: unknown = JSON.parse(message);
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'object') return { code: v[0] as CourseTextKey, params: v[1] as CourseParams };
  } catch {
    // zod's own message, for a case the schema does not word itself
  }
  return { code: 'invalidValue', params: { error: message } };
}

/** Longest accepted values (characters). */
export const LIMITS = { name: 200, school: 200, municipality: 200, theme: 200, key: 100, email: 254 } as const;

/** A NUL or other control character is refused, not silently dropped (the file is probably damaged). */
const noControlCharacters = (key: string) => (v: string, ctx: z.RefinementCtx) => {
  const char = controlCharacterIn(v);
  if (char) ctx.addIssue({ code: z.ZodIssueCode.custom, message: m('controlCharacter', { key, char }) });
};

const atMostChars = (key: string, max: number) => (v: string, ctx: z.RefinementCtx) => {
  if (v.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: m('tooLong', { key, length: v.length, max }) });
};

const text = (key: keyof typeof LIMITS) =>
  z
    .string({ required_error: m('missing', { key }), invalid_type_error: m('notText', { key }) })
    .superRefine(noControlCharacters(key))
    .transform(normalizeText)
    .refine((v) => v !== '', m('empty', { key }))
    .superRefine(atMostChars(key, LIMITS[key]));

/** YAML reads 2026 as a number and 2026/27 as text; both name the school year starting in 2026. */
const schoolYear = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d{4}(\s*\/\s*(\d{2}|\d{4}))?\s*$/.test(v) ? Number(v.trim().slice(0, 4)) : v),
  z
    .number({ required_error: m('missing', { key: 'year' }), invalid_type_error: m('yearInvalid') })
    .int(m('yearWhole'))
    .min(2000, m('yearInvalid'))
    .max(2100, m('yearInvalid')),
);

const time = (key: 'start' | 'end', example: string) =>
  z
    .string({ required_error: m('missing', { key }), invalid_type_error: m('timeQuoted', { key, example }) })
    .regex(TIME, m('timeFormat', { key, example }));

const session = z
  .object(
    {
      date: z
        .string({ required_error: m('missing', { key: 'date' }), invalid_type_error: m('dateFormat') })
        .regex(DATE, m('dateFormat')),
      start: time('start', '13:00'),
      end: time('end', '16:00'),
    },
    { invalid_type_error: m('sessionNotAMapping') },
  )
  .strict();

const participant = z.unknown().transform((v, ctx): ParticipantSpec => {
  const fail = (code: CourseTextKey, params: CourseParams = {}, path: Path = []) => {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: m(code, params), path });
    return z.NEVER;
  };
  if (typeof v === 'string') {
    const char = controlCharacterIn(v);
    if (char) return fail('controlCharacter', { key: 'participants', char });
    const email = v.trim().toLowerCase();
    if (email.length > LIMITS.email) return fail('tooLong', { key: 'participants', length: email.length, max: LIMITS.email });
    if (!z.string().email().safeParse(email).success) return fail('participantNotEmail', { value: v });
    return { kind: 'email', email };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail('participantShape');
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'school' && k !== 'role') fail('selectorUnknownKey', { key: k }, [k]);
  const school = typeof o.school === 'string' ? normalizeText(o.school) : '';
  const char = typeof o.school === 'string' ? controlCharacterIn(o.school) : undefined;
  if (char) fail('controlCharacter', { key: 'school', char }, ['school']);
  else if (school === '') fail('selectorSchoolMissing', {}, ['school']);
  else if (school.length > LIMITS.school) fail('tooLong', { key: 'school', length: school.length, max: LIMITS.school }, ['school']);
  const roleTexts = typeof o.role === 'string' ? [o.role] : Array.isArray(o.role) ? o.role : [];
  if (roleTexts.length === 0) return fail('roleMissing', {}, ['role']);
  const roles: Role[] = [];
  roleTexts.forEach((r, i) => {
    const role = typeof r === 'string' ? parseRole(r) : undefined;
    if (role === undefined) fail('roleUnknown', { role: String(r) }, Array.isArray(o.role) ? ['role', i] : ['role']);
    else if (!roles.includes(role)) roles.push(role);
  });
  return { kind: 'selector', school, roles };
});

const feedbackTarget = { key: 'feedback_target' };

const course = z
  .object(
    {
      key: z.preprocess(
        (v) => (typeof v === 'number' ? String(v) : v),
        z
          .string({ required_error: m('missing', { key: 'key' }), invalid_type_error: m('notText', { key: 'key' }) })
          .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, m('keyFormat'))
          .superRefine(atMostChars('key', LIMITS.key)),
      ),
      theme: text('theme').transform((v, ctx) => {
        const theme = parseTheme(v);
        if (theme === undefined) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: m('themeUnknown', { theme: v }) });
          return z.NEVER;
        }
        return theme;
      }),
      year: schoolYear,
      name: text('name'),
      feedback_target: z
        .number({ invalid_type_error: m('wholeNumber', { ...feedbackTarget, example: 2 }) })
        .int(m('wholeNumber', { ...feedbackTarget, example: 2 }))
        .min(1, m('atLeast', { ...feedbackTarget, min: 1 }))
        .max(10, m('atMost', { ...feedbackTarget, max: 10 }))
        .default(2),
      feedback_spread: z
        .array(
          z
            .number({ invalid_type_error: m('wholeNumber', { key: 'feedback_spread', example: 1 }) })
            .int(m('wholeNumber', { key: 'feedback_spread', example: 1 }))
            .min(0, m('atLeast', { key: 'feedback_spread', min: 0 })),
          { invalid_type_error: m('spreadNotAList', { key: 'feedback_spread' }) },
        )
        .optional(),
      schools: z
        .array(text('school'), { required_error: m('missing', { key: 'schools' }), invalid_type_error: m('schoolsNotAList') })
        .min(1, m('schoolsEmpty')),
      sessions: z
        .array(session, { required_error: m('missing', { key: 'sessions' }), invalid_type_error: m('sessionsNotAList') })
        .min(1, m('sessionsEmpty')),
      participants: z
        .array(participant, { required_error: m('missing', { key: 'participants' }), invalid_type_error: m('notAList', { key: 'participants' }) })
        .min(1, m('participantsEmpty')),
    },
    { invalid_type_error: m('courseNotAMapping', { expected: KNOWN_KEYS.course!.join(', ') }) },
  )
  .strict()
  .superRefine((c, ctx) => {
    // The spread is one share per feedback window (there is one window after each session).
    const spread = c.feedback_spread;
    if (spread === undefined) return;
    if (spread.length !== c.sessions.length)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['feedback_spread'], message: m('spreadLength', { key: 'feedback_spread', count: spread.length, sessions: c.sessions.length }) });
    else if (spread.reduce((a, b) => a + b, 0) !== c.feedback_target)
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['feedback_spread'], message: m('spreadSum', { key: 'feedback_spread', targetKey: 'feedback_target', sum: spread.reduce((a, b) => a + b, 0), target: c.feedback_target }) });
  });

const file = z
  .object({
    municipality: text('municipality').optional(),
    courses: z.array(course, { required_error: m('missing', { key: 'courses' }), invalid_type_error: m('notAList', { key: 'courses' }) }),
  })
  .strict();

/** The yaml library's syntax errors, by code; its English text only for the rarer ones. */
function yamlProblem(e: { code: string; message: string }): { code: CourseTextKey; params: CourseParams } {
  const error = e.message.split('\n')[0]!;
  if (e.code === 'DUPLICATE_KEY') return { code: 'yamlDuplicateKey', params: {} };
  if (e.code === 'TAB_AS_INDENT') return { code: 'yamlTabIndent', params: {} };
  if (e.code === 'MISSING_CHAR' && /Missing closing .?quote/.test(error)) return { code: 'yamlQuoteNotClosed', params: {} };
  if (e.code === 'BAD_INDENT') return { code: 'yamlBadIndent', params: { error } };
  if (e.code === 'MULTIPLE_DOCS') return { code: 'yamlMultipleDocs', params: {} };
  return { code: 'yamlOther', params: { error } };
}

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

  const syntax = doc.errors.map((e) => ({ path: [] as Path, line: lineCounter.linePos(e.pos[0]).line, ...yamlProblem(e) }));
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
          code: 'unknownKey',
          params: { key: k, expected: KNOWN_KEYS[kind]!.join(', ') },
        });
      continue;
    }
    const problem =
      issue.code === z.ZodIssueCode.invalid_type && issue.path.length === 0
        ? { code: 'notAMapping' as const, params: {} }
        : decode(issue.message);
    problems.push({ path: issue.path, line: locate(issue.path), ...problem });
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
    feedbackSpread: c.feedback_spread ?? null,
    schools: c.schools,
    sessions: c.sessions,
    participants: c.participants,
  };
}
