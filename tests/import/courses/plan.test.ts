import { describe, expect, it } from 'vitest';
import { parseCoursesYaml, parseTheme, planCourses, type CourseDirectory } from '../../../src/import/courses/index.js';

const directory: CourseDirectory = {
  municipality: { id: 'm1', slug: 'naestved', timeZone: 'Europe/Copenhagen' },
  schools: [
    { id: 's1', name: 'Holsted Skole' },
    { id: 's2', name: 'Fensmark Skole' },
  ],
  persons: [
    { id: 'p1', email: 'anne@k.dk', name: 'Anne', active: true, memberships: [{ schoolId: 's1', role: 'teacher' }, { schoolId: 's1', role: 'learning_agent' }] },
    { id: 'p2', email: 'bo@k.dk', name: 'Bo', active: true, memberships: [{ schoolId: 's1', role: 'pedagogue' }] },
    { id: 'p3', email: 'cy@k.dk', name: 'Cy', active: false, memberships: [{ schoolId: 's1', role: 'teacher' }] },
  ],
  courses: [],
};

function yaml(sessions: string, participants = '[{ school: Holsted Skole, role: [lærer, pædagog] }, anne@k.dk]') {
  return `courses:
  - key: k
    theme: Målorienteret Undervisning
    year: "2026/27"
    name: K
    schools: [holsted skole]
    sessions: ${sessions}
    participants: ${participants}
`;
}

describe('courses YAML', () => {
  it('accepts Danish theme names and short keys', () => {
    expect(['Klasseledelse', 'målorienteret undervisning', 'maalorienteret', 'Inkluderende differentieret undervisning', 'inkluderende'].map(parseTheme)).toEqual([
      'klasseledelse', 'maalorienteret', 'maalorienteret', 'inkluderende', 'inkluderende',
    ]);
    expect(parseTheme('matematik')).toBeUndefined();
  });

  it('parses a course, defaulting feedback_target to 2 and reading "2026/27" as 2026', () => {
    const parsed = parseCoursesYaml(yaml('[{ date: 2026-09-08, start: "13:00", end: "16:00" }]'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.courses[0]).toMatchObject({ key: 'k', theme: 'maalorienteret', year: 2026, feedbackTarget: 2, schools: ['holsted skole'] });
  });

  it('reads feedback_spread (one share per session) and refuses one that does not fit, with its line', () => {
    const two = '[{ date: 2026-09-08, start: "13:00", end: "16:00" }, { date: 2026-10-27, start: "13:00", end: "16:00" }]';
    const withSpread = (spread: string) => yaml(two).replace('    schools:', `    feedback_spread: ${spread}\n    schools:`);
    const ok = parseCoursesYaml(withSpread('[0, 2]'));
    expect(ok.problems).toEqual([]);
    expect(ok.courses[0]!.feedbackSpread).toEqual([0, 2]);
    expect(planCourses(ok.courses, directory).plan.courses[0]!.data.feedbackSpread).toBe('0,2');
    expect(parseCoursesYaml(yaml(two)).courses[0]!.feedbackSpread).toBeNull();

    const wrongLength = parseCoursesYaml(withSpread('[2]'));
    expect(wrongLength.problems.map((p) => [p.line, p.code, p.params])).toEqual([[6, 'spreadLength', { key: 'feedback_spread', count: 1, sessions: 2 }]]);
    const wrongSum = parseCoursesYaml(withSpread('[1, 2]'));
    expect(wrongSum.problems.map((p) => [p.line, p.code, p.params])).toEqual([[6, 'spreadSum', { key: 'feedback_spread', targetKey: 'feedback_target', sum: 3, target: 2 }]]);
    expect(parseCoursesYaml(withSpread('[1, -1]')).problems[0]).toMatchObject({ code: 'atLeast', params: { key: 'feedback_spread', min: 0 } });
    expect(parseCoursesYaml(withSpread('two')).problems[0]).toMatchObject({ code: 'spreadNotAList' });
  });

  it('a changed feedback_spread is a field change on re-import', () => {
    const stored = { id: 'c1', key: 'k', theme: 'maalorienteret', year: 2026, name: 'K', feedbackTarget: 2, feedbackSpread: null, schoolIds: ['s1'], sessions: [], participantIds: [] };
    const parsed = parseCoursesYaml(yaml('[{ date: 2026-09-08, start: "13:00", end: "16:00" }]').replace('    schools:', '    feedback_spread: [2]\n    schools:'));
    const { plan } = planCourses(parsed.courses, { ...directory, courses: [stored] });
    expect(plan.courses[0]!.fieldChanges).toContainEqual({ field: 'feedback_spread', from: '', to: '2' });
  });

  it('converts local times across the DST change, resolves selectors once per person, ignores inactive people', () => {
    const parsed = parseCoursesYaml(
      yaml('[{ date: 2026-10-23, start: "08:00", end: "11:00" }, { date: 2026-10-26, start: "08:00", end: "11:00" }]'),
    );
    const { plan, problems } = planCourses(parsed.courses, directory);
    expect(problems).toEqual([]);
    const c = plan.courses[0]!;
    expect(c.sessionsToCreate.map((s) => s.startsAt.toISOString())).toEqual(['2026-10-23T06:00:00.000Z', '2026-10-26T07:00:00.000Z']);
    expect(c.schoolsToAdd).toEqual([{ id: 's1', name: 'Holsted Skole' }]);
    expect(c.participantsToAdd.map((p) => p.email).sort()).toEqual(['anne@k.dk', 'bo@k.dk']);
  });

  it('refuses a time that does not exist when clocks move forward', () => {
    const parsed = parseCoursesYaml(yaml('[{ date: 2027-03-28, start: "02:30", end: "04:00" }]'));
    const { problems } = planCourses(parsed.courses, directory);
    expect(problems).toEqual([
      { path: ['courses', 0, 'sessions', 0, 'start'], code: 'timeInGap', params: { time: '02:30', date: '2027-03-28', zone: 'Europe/Copenhagen' } },
    ]);
    expect(parsed.locate(problems[0]!.path)).toBe(7);
  });

  it('locates problems in block-style YAML by line', () => {
    const parsed = parseCoursesYaml(`courses:
  - key: k
    theme: klasseledelse
    year: 2026
    name: K
    feedback_target: 0
    schools: [Holsted Skole]
    sessions:
      - date: 2026-09-08
        start: 13.00
        end: "16:00"
    participants: []
`);
    expect(parsed.problems.map((p) => [p.line, p.path.join('.'), p.code, p.params])).toEqual([
      [6, 'courses.0.feedback_target', 'atLeast', { key: 'feedback_target', min: 1 }],
      [10, 'courses.0.sessions.0.start', 'timeQuoted', { key: 'start', example: '13:00' }],
      [12, 'courses.0.participants', 'participantsEmpty', {}],
    ]);
  });

  it('needs a courses list', () => {
    expect(parseCoursesYaml('').problems).toEqual([{ path: ['courses'], line: undefined, code: 'missing', params: { key: 'courses' } }]);
    expect(parseCoursesYaml('- a\n').problems[0]!.code).toBe('notAMapping');
    expect(parseCoursesYaml('courses: []\ncourses: []\n').problems[0]).toMatchObject({ line: 2, code: 'yamlDuplicateKey' });
    expect(parseCoursesYaml('courses:\n\t- a\n').problems[0]).toMatchObject({ line: 2, code: 'yamlTabIndent' });
    expect(parseCoursesYaml('courses: [1, 2\n').problems[0]).toMatchObject({ code: 'yamlBadIndent', params: { error: expect.stringContaining('end with a ]') } });
  });
});
