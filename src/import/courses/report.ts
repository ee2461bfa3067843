// Human-readable report of a courses import, for the coordinator's terminal: Danish by default,
// English with SPARRING_LOCALE=en. The flows hand over structured problems; only this file words them.
import { DateTime } from 'luxon';
import type { Locale, Params } from '../../core/i18n/catalogue.js';
import { cappedList, changesTail, MAX_LISTED_PROBLEMS, problemsHeader, shortParams } from '../roster/report.js';
import { roleName } from '../../core/texts.js';
import { roleHelp } from '../roster/roles.js';
import { importTexts } from '../roster/texts.js';
import type { LocatedProblem } from './import.js';
import type { CourseParams } from './parse.js';
import type { CoursesPlan } from './plan.js';
import { courseTexts, type CourseTextKey } from './texts.js';

/** The text of one problem or warning, without where it is. */
export function describeCourseProblem(p: { code: CourseTextKey; params: CourseParams }, locale: Locale): string {
  const params: Params = { roles: roleHelp(locale) };
  const or = ` ${importTexts.plain(locale, 'or')} `;
  for (const [k, v] of Object.entries(shortParams(p.params))) {
    // A list of roles is shown with the roles' names in the reader's language.
    params[k] = Array.isArray(v) ? (k === 'roles' ? v.map((r) => roleName(String(r), locale)) : v).join(or) : (v as string | number);
  }
  return courseTexts.plain(locale, p.code, params);
}

/** "linje 3 (courses[0].theme): temaet …" */
export function formatLocated(located: LocatedProblem, locale: Locale): string {
  const p = { ...located, ...(located.path ? shortParams({ path: located.path }) : {}) }; // unknown keys are quoted in the path
  const message = describeCourseProblem(p, locale);
  if (p.line !== undefined && p.path) return courseTexts.plain(locale, 'atLinePath', { line: p.line, path: p.path, message });
  if (p.line !== undefined) return courseTexts.plain(locale, 'atLine', { line: p.line, message });
  if (p.path) return courseTexts.plain(locale, 'atPath', { path: p.path, message });
  return message;
}

export function formatCourseProblems(problems: LocatedProblem[], file: string, locale: Locale): string[] {
  return [
    problemsHeader(file, problems.length, locale),
    ...cappedList(
      problems.slice(0, MAX_LISTED_PROBLEMS + 1).map((p) => `  ${formatLocated(p, locale)}`),
      () => importTexts.plain(locale, 'moreProblems', { count: problems.length - MAX_LISTED_PROBLEMS }),
    ),
  ];
}

export function formatCourseWarnings(warnings: LocatedProblem[], locale: Locale): string[] {
  return cappedList(
    warnings.slice(0, MAX_LISTED_PROBLEMS + 1).map((w) => importTexts.plain(locale, 'warning', { message: formatLocated(w, locale) })),
    () => importTexts.plain(locale, 'moreWarnings', { count: warnings.length - MAX_LISTED_PROBLEMS }),
  );
}

function when(startsAt: Date, endsAt: Date, zone: string): string {
  const s = DateTime.fromJSDate(startsAt, { zone });
  const e = DateTime.fromJSDate(endsAt, { zone });
  return `${s.toFormat('yyyy-MM-dd HH:mm')}–${e.toFormat('HH:mm')}`;
}

export function formatCourseChanges(plan: CoursesPlan, locale: Locale): string[] {
  const t = (key: CourseTextKey, params?: Params) => courseTexts.plain(locale, key, params);
  const out: string[] = [];
  const zone = plan.timeZone;
  for (const c of plan.courses) {
    if (c.id === null) {
      out.push(
        t('addCourse', {
          key: c.key,
          name: c.data.name,
          theme: c.data.theme,
          year: c.data.year,
          schools: c.schoolsToAdd.length,
          sessions: c.sessionCount,
          participants: c.participantCount,
        }),
      );
      continue;
    }
    const parts: string[] = [];
    for (const f of c.fieldChanges) parts.push(t('fieldChange', { field: f.field, from: JSON.stringify(f.from), to: JSON.stringify(f.to) }));
    for (const s of c.schoolsToAdd) parts.push(t('addSchool', { school: s.name }));
    for (const s of c.schoolsToRemove) parts.push(t('removeSchool', { school: s.name }));
    for (const s of c.sessionsToCreate) parts.push(t('addSession', { number: s.number, when: when(s.startsAt, s.endsAt, zone) }));
    for (const s of c.sessionsToUpdate)
      parts.push(t('moveSession', { number: s.number, from: when(s.from.startsAt, s.from.endsAt, zone), to: when(s.to.startsAt, s.to.endsAt, zone) }));
    for (const s of c.sessionsToDelete) parts.push(t('removeSession', { number: s.number, when: when(s.startsAt, s.endsAt, zone) }));
    if (c.participantsToAdd.length > 0) parts.push(t('addParticipants', { emails: c.participantsToAdd.map((p) => p.email).join(', ') }));
    if (c.participantsToRemove.length > 0) parts.push(t('removeParticipants', { emails: c.participantsToRemove.map((p) => p.email).join(', ') }));
    if (parts.length > 0) out.push(t('changeCourse', { key: c.key, changes: parts.join('; ') }));
  }
  for (const c of plan.notInFile) out.push(t('courseNotInFile', { key: c.key, name: c.name }));
  return out;
}

export function countCourseChanges(plan: CoursesPlan) {
  const n = { courses: plan.courses.length, added: 0, updated: 0, sessions: 0, participantsAdded: 0, participantsRemoved: 0, changes: 0 };
  for (const c of plan.courses) {
    const sessionChanges = c.sessionsToCreate.length + c.sessionsToUpdate.length + c.sessionsToDelete.length;
    const other = c.fieldChanges.length + c.schoolsToAdd.length + c.schoolsToRemove.length;
    const participants = c.participantsToAdd.length + c.participantsToRemove.length;
    if (c.id === null) n.added++;
    else if (sessionChanges + other + participants > 0) n.updated++;
    n.sessions += sessionChanges;
    n.participantsAdded += c.participantsToAdd.length;
    n.participantsRemoved += c.participantsToRemove.length;
    n.changes += (c.id === null ? 1 : 0) + sessionChanges + other + participants;
  }
  return n;
}

/** Stems of the key pairs addedOne / addedMany, … */
type CountedStem = { [K in CourseTextKey]: K extends `${infer S}One` ? (`${S}Many` extends CourseTextKey ? S : never) : never }[CourseTextKey];

function counted(locale: Locale, stem: CountedStem, count: number): string {
  return courseTexts.plain(locale, count === 1 ? `${stem}One` : `${stem}Many`, { count });
}

export function formatCoursesSummary(plan: CoursesPlan, opts: { dryRun: boolean; locale: Locale }): string {
  const { locale } = opts;
  const n = countCourseChanges(plan);
  const details = [
    `${courseTexts.plain(locale, 'inFile', { count: n.courses })} (${counted(locale, 'added', n.added)}, ${counted(locale, 'updated', n.updated)})`,
    counted(locale, 'sessionsChanged', n.sessions),
    courseTexts.plain(locale, 'participants', { added: n.participantsAdded, removed: n.participantsRemoved }),
  ];
  let line = `${courseTexts.plain(locale, opts.dryRun ? 'summaryDryRun' : 'summary', { details: details.join(', ') })}.`;
  if (plan.notInFile.length > 0) line += ` ${counted(locale, 'notInFile', plan.notInFile.length)}`;
  const tail = changesTail(n.changes, opts.dryRun, locale);
  if (tail) line += ` ${tail}`;
  return line;
}
