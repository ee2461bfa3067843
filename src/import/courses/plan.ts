// Course specs + what is stored → a plan. Resolves school names and participants against the roster,
// turns local session times into UTC instants in the municipality's time zone, and diffs.
import { DateTime } from 'luxon';
import type { CourseParams, CourseProblem, CourseSpec, Path, Theme } from './parse.js';
import type { CourseTextKey } from './texts.js';

export interface DirectoryPerson {
  id: string;
  email: string;
  name: string;
  active: boolean;
  memberships: { schoolId: string; role: string }[];
}

export interface StoredCourse {
  id: string;
  key: string;
  theme: string;
  year: number;
  name: string;
  feedbackTarget: number;
  feedbackSpread: string | null;
  schoolIds: string[];
  sessions: { id: string; number: number; startsAt: Date; endsAt: Date }[];
  participantIds: string[];
}

export interface CourseDirectory {
  municipality: { id: string; slug: string; timeZone: string };
  schools: { id: string; name: string }[];
  persons: DirectoryPerson[];
  courses: StoredCourse[];
}

export interface PlannedSession {
  number: number;
  startsAt: Date;
  endsAt: Date;
}

export interface FieldChange {
  field: 'theme' | 'year' | 'name' | 'feedback_target' | 'feedback_spread';
  from: string | number;
  to: string | number;
}

export interface CoursePlan {
  key: string;
  /** null: create. */
  id: string | null;
  data: { theme: Theme; year: number; name: string; feedbackTarget: number; feedbackSpread: string | null };
  fieldChanges: FieldChange[];
  schoolsToAdd: { id: string; name: string }[];
  schoolsToRemove: { id: string; name: string }[];
  sessionsToCreate: PlannedSession[];
  sessionsToUpdate: { id: string; number: number; from: PlannedSession; to: PlannedSession }[];
  sessionsToDelete: { id: string; number: number; startsAt: Date; endsAt: Date }[];
  participantsToAdd: { personId: string; email: string }[];
  participantsToRemove: { personId: string; email: string }[];
  sessionCount: number;
  participantCount: number;
}

export interface CoursesPlan {
  municipalityId: string;
  timeZone: string;
  courses: CoursePlan[];
  /** Stored courses the file does not mention (kept). */
  notInFile: { key: string; name: string }[];
}

export interface CourseWarning {
  path: Path;
  code: CourseTextKey;
  params: CourseParams;
}

export function planCourses(
  specs: CourseSpec[],
  directory: CourseDirectory,
): { plan: CoursesPlan; problems: CourseProblem[]; warnings: CourseWarning[] } {
  const problems: CourseProblem[] = [];
  const warnings: CourseWarning[] = [];
  const zone = directory.municipality.timeZone;
  const slug = directory.municipality.slug;
  const schoolByName = new Map(directory.schools.map((s) => [s.name.toLowerCase(), s]));
  const personByEmail = new Map(directory.persons.map((p) => [p.email.toLowerCase(), p]));
  const storedByKey = new Map(directory.courses.map((c) => [c.key, c]));
  const firstKeyIndex = new Map<string, number>();
  const plans: CoursePlan[] = [];

  specs.forEach((spec, i) => {
    const at = (...rest: Path): Path => ['courses', i, ...rest];
    const before = problems.length;

    const seen = firstKeyIndex.get(spec.key);
    if (seen !== undefined) problems.push({ path: at('key'), code: 'keyTaken', params: { key: spec.key, other: `courses[${seen}]` } });
    else firstKeyIndex.set(spec.key, i);

    // Schools must come from the roster, so a typo cannot create an empty school.
    const schools: { id: string; name: string }[] = [];
    spec.schools.forEach((name, j) => {
      const s = schoolByName.get(name.toLowerCase());
      if (!s) {
        const suggestion = suggest(name, directory.schools.map((x) => x.name));
        problems.push(
          suggestion === undefined
            ? { path: at('schools', j), code: 'schoolNotInRoster', params: { school: name, municipality: slug } }
            : { path: at('schools', j), code: 'schoolNotInRosterSuggest', params: { school: name, municipality: slug, suggestion } },
        );
      }
      else if (!schools.some((x) => x.id === s.id)) schools.push(s);
    });

    const sessions = planSessions(spec, zone, at, problems, warnings);
    const participants = resolveParticipants(spec, directory, schools, personByEmail, schoolByName, at, problems);
    if (problems.length > before) return;

    const stored = storedByKey.get(spec.key);
    const plan: CoursePlan = {
      key: spec.key,
      id: stored?.id ?? null,
      data: { theme: spec.theme, year: spec.year, name: spec.name, feedbackTarget: spec.feedbackTarget, feedbackSpread: spec.feedbackSpread?.join(',') ?? null },
      fieldChanges: [],
      schoolsToAdd: [],
      schoolsToRemove: [],
      sessionsToCreate: [],
      sessionsToUpdate: [],
      sessionsToDelete: [],
      participantsToAdd: [],
      participantsToRemove: [],
      sessionCount: sessions.length,
      participantCount: participants.size,
    };
    plans.push(plan);
    if (!stored) {
      plan.schoolsToAdd = schools;
      plan.sessionsToCreate = sessions;
      plan.participantsToAdd = [...participants.values()].map((p) => ({ personId: p.id, email: p.email }));
      return;
    }
    const fields: [FieldChange['field'], string | number, string | number][] = [
      ['theme', stored.theme, spec.theme],
      ['year', stored.year, spec.year],
      ['name', stored.name, spec.name],
      ['feedback_target', stored.feedbackTarget, spec.feedbackTarget],
      ['feedback_spread', stored.feedbackSpread ?? '', spec.feedbackSpread?.join(',') ?? ''],
    ];
    for (const [field, from, to] of fields) if (from !== to) plan.fieldChanges.push({ field, from, to });

    const storedSchools = new Set(stored.schoolIds);
    plan.schoolsToAdd = schools.filter((s) => !storedSchools.has(s.id));
    const wanted = new Set(schools.map((s) => s.id));
    const nameOf = new Map(directory.schools.map((s) => [s.id, s.name]));
    plan.schoolsToRemove = stored.schoolIds.filter((id) => !wanted.has(id)).map((id) => ({ id, name: nameOf.get(id) ?? id }));

    const storedSessions = new Map(stored.sessions.map((s) => [s.number, s]));
    for (const s of sessions) {
      const old = storedSessions.get(s.number);
      if (!old) plan.sessionsToCreate.push(s);
      else if (old.startsAt.getTime() !== s.startsAt.getTime() || old.endsAt.getTime() !== s.endsAt.getTime())
        plan.sessionsToUpdate.push({ id: old.id, number: s.number, from: { number: old.number, startsAt: old.startsAt, endsAt: old.endsAt }, to: s });
    }
    plan.sessionsToDelete = stored.sessions.filter((s) => s.number > sessions.length);

    const storedParticipants = new Set(stored.participantIds);
    const emailOf = new Map(directory.persons.map((p) => [p.id, p.email]));
    plan.participantsToAdd = [...participants.values()].filter((p) => !storedParticipants.has(p.id)).map((p) => ({ personId: p.id, email: p.email }));
    plan.participantsToRemove = stored.participantIds.filter((id) => !participants.has(id)).map((id) => ({ personId: id, email: emailOf.get(id) ?? id }));
  });

  const inFile = new Set(specs.map((s) => s.key));
  const notInFile = directory.courses.filter((c) => !inFile.has(c.key)).map((c) => ({ key: c.key, name: c.name }));
  return { plan: { municipalityId: directory.municipality.id, timeZone: zone, courses: plans, notInFile }, problems, warnings };
}

/** Wall-clock times in the municipality's zone → UTC instants; luxon applies the right CET/CEST offset. */
function planSessions(spec: CourseSpec, zone: string, at: (...rest: Path) => Path, problems: CourseProblem[], warnings: CourseWarning[]): PlannedSession[] {
  const out: PlannedSession[] = [];
  let previous: { end: DateTime; index: number } | undefined;
  const yearStart = DateTime.fromObject({ year: spec.year, month: 8, day: 1 }, { zone });
  const yearEnd = DateTime.fromObject({ year: spec.year + 1, month: 8, day: 1 }, { zone });
  spec.sessions.forEach((s, j) => {
    const day = DateTime.fromISO(s.date, { zone });
    if (!day.isValid) {
      problems.push({ path: at('sessions', j, 'date'), code: 'dateInvalid', params: { date: s.date } });
      return;
    }
    const start = DateTime.fromISO(`${s.date}T${s.start}`, { zone });
    const end = DateTime.fromISO(`${s.date}T${s.end}`, { zone });
    let ok = true;
    for (const [dt, field, text] of [
      [start, 'start', s.start],
      [end, 'end', s.end],
    ] as const)
      if (dt.toFormat('HH:mm') !== text) {
        // Only in the spring-forward gap; no school session should be there anyway.
        problems.push({ path: at('sessions', j, field), code: 'timeInGap', params: { time: text, date: s.date, zone } });
        ok = false;
      }
    if (!ok) return;
    if (end <= start) {
      problems.push({ path: at('sessions', j, 'end'), code: 'endNotAfterStart', params: { end: s.end, start: s.start } });
      return;
    }
    if (start < yearStart || start >= yearEnd)
      problems.push({
        path: at('sessions', j, 'date'),
        code: 'outsideSchoolYear',
        params: { date: s.date, schoolYear: `${spec.year}/${String((spec.year + 1) % 100).padStart(2, '0')}`, from: spec.year, to: spec.year + 1 },
      });
    if (previous && start < previous.end)
      problems.push({
        path: at('sessions', j, 'date'),
        code: 'sessionOverlap',
        params: { number: j + 1, date: s.date, start: s.start, previous: previous.index + 1 },
      });
    if (start.weekday >= 6) warnings.push({ path: at('sessions', j, 'date'), code: start.weekday === 6 ? 'saturday' : 'sunday', params: { date: s.date } });
    previous = { end, index: j };
    out.push({ number: j + 1, startsAt: start.toUTC().toJSDate(), endsAt: end.toUTC().toJSDate() });
  });
  return out;
}

function resolveParticipants(
  spec: CourseSpec,
  directory: CourseDirectory,
  courseSchools: { id: string; name: string }[],
  personByEmail: Map<string, DirectoryPerson>,
  schoolByName: Map<string, { id: string; name: string }>,
  at: (...rest: Path) => Path,
  problems: CourseProblem[],
): Map<string, DirectoryPerson> {
  const out = new Map<string, DirectoryPerson>();
  spec.participants.forEach((p, j) => {
    if (p.kind === 'email') {
      const person = personByEmail.get(p.email);
      if (!person)
        problems.push({ path: at('participants', j), code: 'participantNotInRoster', params: { email: p.email, municipality: directory.municipality.slug } });
      else if (!person.active)
        problems.push({ path: at('participants', j), code: 'participantDeactivated', params: { email: p.email, name: person.name } });
      else out.set(person.id, person);
      return;
    }
    const school = schoolByName.get(p.school.toLowerCase());
    if (!school) {
      problems.push({ path: at('participants', j, 'school'), code: 'schoolNotInRoster', params: { school: p.school, municipality: directory.municipality.slug } });
      return;
    }
    if (!courseSchools.some((s) => s.id === school.id)) {
      // Only reached when the course names at least one school of the roster (otherwise that is the problem).
      problems.push({
        path: at('participants', j, 'school'),
        code: 'selectorSchoolNotInCourse',
        params: { school: school.name, schools: courseSchools.map((s) => s.name).join(', ') },
      });
      return;
    }
    const roles = new Set<string>(p.roles);
    const matches = directory.persons.filter((x) => x.active && x.memberships.some((m) => m.schoolId === school.id && roles.has(m.role)));
    if (matches.length === 0)
      problems.push({ path: at('participants', j), code: 'selectorNobody', params: { roles: p.roles, school: school.name } });
    for (const m of matches) out.set(m.id, m);
  });
  return out;
}

/** The candidate a near miss in spelling probably meant, if any. */
function suggest(name: string, candidates: string[]): string | undefined {
  const n = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const c of candidates) {
    const d = distance(n, c.toLowerCase());
    if (d <= Math.max(2, Math.floor(c.length / 5)) && (!best || d < best.d)) best = { name: c, d };
  }
  return best?.name;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
