// A municipality's own reflection questions, from YAML (format: examples/questions.yaml). Pure: a
// string in, the question sets or problems with line and path out. Themes left out of the file keep
// the default questions.
import { isMap, isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { controlCharacterIn } from '../../../core/input.js';
import type { Locale } from '../../../core/i18n/catalogue.js';
import { DEFAULT_QUESTION_SETS, QUESTION_THEMES, type QuestionSets, type QuestionSpec } from './sets.js';
import { questionFileTexts as T, type QuestionFileTextKey } from './texts.js';

export type Path = (string | number)[];
export type Params = Record<string, string | number>;

export interface QuestionFileProblem {
  path: Path;
  line?: number;
  code: QuestionFileTextKey;
  params: Params;
}

export type QuestionFileResult = { ok: true; sets: QuestionSets; themesInFile: string[] } | { ok: false; problems: QuestionFileProblem[] };

export const QUESTION_LIMITS = { text: 500, key: 40, minQuestions: 1, maxQuestions: 8 } as const;

// Zod messages carry a catalogue key and its parameters; decoded again below.
const m = (code: QuestionFileTextKey, params: Params = {}) => JSON.stringify([code, params]);

const text = (key: string) =>
  z
    .string({ required_error: m('missing', { key }), invalid_type_error: m('notText', { key }) })
    .superRefine((v, ctx) => {
      const char = controlCharacterIn(v);
      if (char) ctx.addIssue({ code: z.ZodIssueCode.custom, message: m('controlCharacter', { key, char }) });
    })
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .refine((v) => v !== '', m('empty', { key }))
    .refine((v) => v.length <= QUESTION_LIMITS.text, (v) => ({ message: m('tooLong', { key, length: v.length, max: QUESTION_LIMITS.text }) }));

const focusText = (key: string) => text(key).refine((v) => v.includes('{focus}'), m('focusMissing', { focus: '{focus}' }));

const question = z
  .object(
    {
      key: z
        .string({ required_error: m('missing', { key: 'key' }), invalid_type_error: m('notText', { key: 'key' }) })
        .regex(/^[a-z0-9_-]+$/, m('keyFormat'))
        .max(QUESTION_LIMITS.key, m('tooLong', { key: 'key', length: '>', max: QUESTION_LIMITS.key })),
      da: text('da'),
      en: text('en'),
      with_focus: z.object({ da: focusText('da'), en: focusText('en') }, { invalid_type_error: m('missing', { key: 'with_focus.da' }) }).strict().optional(),
    },
    { invalid_type_error: m('questionNotAMapping') },
  )
  .strict();

const set = z
  .array(question, { invalid_type_error: m('notAList') })
  .superRefine((qs, ctx) => {
    const { minQuestions: min, maxQuestions: max } = QUESTION_LIMITS;
    if (qs.length < min || qs.length > max) ctx.addIssue({ code: z.ZodIssueCode.custom, message: m('count', { min, max, count: qs.length }) });
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.key)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [i, 'key'], message: m('keyRepeated', { key: q.key }) });
      seen.add(q.key);
    });
  });

const themes = z.object(Object.fromEntries(QUESTION_THEMES.map((t) => [t, set.optional()])) as Record<(typeof QUESTION_THEMES)[number], z.ZodOptional<typeof set>>).strict();
const file = z.object({ themes: themes }, { invalid_type_error: m('notAMapping') }).strict();

const EXPECTED: Record<string, string> = { file: 'themes', themes: QUESTION_THEMES.join(', '), question: 'key, da, en, with_focus', with_focus: 'da, en' };

function decode(message: string): { code: QuestionFileTextKey; params: Params } {
  try {
    const v: unknown = JSON.parse(message);
    if (Array.isArray(v) && typeof v[0] === 'string') return { code: v[0] as QuestionFileTextKey, params: v[1] as Params };
  } catch {
    // zod's own wording for a case the schema does not word itself
  }
  return { code: 'yamlSyntax', params: { error: message } };
}

function lineOf(doc: Document, lc: LineCounter, path: Path, key?: string): number | undefined {
  if (key !== undefined) {
    const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (isMap(node))
      for (const pair of node.items) if (isNode(pair.key) && pair.key.range && (pair.key as { value?: unknown }).value === key) return lc.linePos(pair.key.range[0]).line;
  }
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

export function parseQuestionsYaml(source: string): QuestionFileResult {
  const lc = new LineCounter();
  const doc = parseDocument(source.replace(/^\ufeff/, ''), { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0)
    return { ok: false, problems: doc.errors.map((e) => ({ path: [], line: lc.linePos(e.pos[0]).line, code: 'yamlSyntax', params: { error: e.message.split('\n')[0]! } })) };
  const parsed = file.safeParse(doc.toJS() ?? null);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue): QuestionFileProblem[] => {
      if (issue.code === z.ZodIssueCode.unrecognized_keys) {
        const where = issue.path.length === 0 ? 'file' : issue.path.length === 1 ? 'themes' : issue.path.at(-1) === 'with_focus' ? 'with_focus' : 'question';
        return issue.keys.map((k) => ({ path: [...issue.path, k], line: lineOf(doc, lc, issue.path, k), code: 'unknownKey', params: { key: k, expected: EXPECTED[where]! } }));
      }
      if (issue.path.length === 0 || (issue.path.length === 1 && issue.code === z.ZodIssueCode.invalid_type))
        return [{ path: issue.path, line: lineOf(doc, lc, issue.path), code: 'notAMapping', params: {} }];
      return [{ path: issue.path, line: lineOf(doc, lc, issue.path), ...decode(issue.message) }];
    });
    return { ok: false, problems };
  }
  const sets: QuestionSets = { ...DEFAULT_QUESTION_SETS };
  const themesInFile: string[] = [];
  for (const theme of QUESTION_THEMES) {
    const qs = parsed.data.themes[theme];
    if (!qs) continue;
    themesInFile.push(theme);
    sets[theme] = qs.map((q): QuestionSpec => ({ key: q.key, da: q.da, en: q.en, ...(q.with_focus ? { withFocus: q.with_focus } : {}) }));
  }
  return { ok: true, sets, themesInFile };
}

export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? p : `.${p}`;
  return out;
}

/** One line per problem: "file, linje 7 (themes.klasseledelse[1].da): …". */
export function formatQuestionProblems(problems: QuestionFileProblem[], fileName: string, locale: Locale): string[] {
  return problems.map((p) => {
    const message = T.plain(locale, p.code, p.params);
    const params = { file: fileName, path: formatPath(p.path) || '-', message };
    return p.line !== undefined ? T.plain(locale, 'problem', { ...params, line: p.line }) : T.plain(locale, 'problemNoLine', params);
  });
}
