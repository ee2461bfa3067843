import { rm, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courses } from '../../src/cli/courses.js';
import { roster } from '../../src/cli/roster.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext, snapshot } from './helpers.js';

const ROSTER = new URL('../../examples/roster.csv', import.meta.url).pathname;
const COURSES = new URL('../../examples/courses.yaml', import.meta.url).pathname;

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sparring-courses-'));
  const { ctx } = makeContext(t.target, ['import', ROSTER]);
  expect(await roster(ctx)).toBe(0);
});
afterEach(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const { ctx, stdout, stderr } = makeContext(t.target, args);
  const code = await courses(ctx);
  return { code, out: stdout.text, err: stderr.text };
}

async function yamlFile(text: string): Promise<string> {
  const file = join(dir, 'c.yaml');
  await writeFile(file, text);
  return file;
}

describe('sparring courses import', () => {
  it('imports the example courses with DST-correct UTC sessions', async () => {
    const r = await run(['import', COURSES]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Courses: 3 in the file (3 added, 0 updated), sessions 9 changed');
    const kl = await t.db.course.findFirstOrThrow({
      where: { key: '2026-klasseledelse-holsted' },
      include: { sessions: { orderBy: { number: 'asc' } }, schools: { include: { school: true } }, _count: { select: { participants: true } } },
    });
    expect(kl).toMatchObject({ theme: 'klasseledelse', year: 2026, feedbackTarget: 2 });
    expect(kl.schools.map((s) => s.school.name)).toEqual(['Holsted Skole']);
    // 13:00 in September is CEST (UTC+2); 13:00 after 25 October is CET (UTC+1).
    expect(kl.sessions.map((s) => [s.number, s.startsAt.toISOString(), s.endsAt.toISOString()])).toEqual([
      [1, '2026-09-08T11:00:00.000Z', '2026-09-08T14:00:00.000Z'],
      [2, '2026-10-27T12:00:00.000Z', '2026-10-27T15:00:00.000Z'],
      [3, '2026-12-01T12:00:00.000Z', '2026-12-01T15:00:00.000Z'],
    ]);
    // 11 teachers (two of them also agents) + 3 pedagogues at Holsted Skole.
    expect(kl._count.participants).toBe(14);
    const ink = await t.db.course.findFirstOrThrow({ where: { key: '2026-inkluderende-fensmark' }, include: { sessions: true, participants: { include: { person: true } } } });
    expect(ink.theme).toBe('inkluderende');
    expect(ink.participants.map((p) => p.person.email)).toContain('tove.baekgaard@naestved.example');
    expect(ink.sessions.find((s) => s.number === 3)!.startsAt.toISOString()).toBe('2027-04-13T11:00:00.000Z');
    expect((await t.db.course.findFirstOrThrow({ where: { key: '2026-maalorienteret-kobberbakken' } })).theme).toBe('maalorienteret');
  });

  it('re-import is idempotent', async () => {
    expect((await run(['import', COURSES])).code).toBe(0);
    const before = await snapshot(t.db);
    const r = await run(['import', COURSES]);
    expect(r.out).toBe('Courses: 3 in the file (0 added, 0 updated), sessions 0 changed, participants +0 −0. 0 changes.\n');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('--dry-run writes nothing', async () => {
    const before = await snapshot(t.db);
    const r = await run(['import', COURSES, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Courses (dry run): 3 in the file (3 added, 0 updated)');
    expect(r.out).toContain('Dry run:');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('reports updates: fields, sessions, schools and participants', async () => {
    const base = `municipality: Næstved
courses:
  - key: k1
    theme: klasseledelse
    year: 2026
    name: Hold 1
    schools: [Holsted Skole]
    sessions:
      - { date: 2026-09-08, start: "13:00", end: "16:00" }
      - { date: 2026-10-27, start: "13:00", end: "16:00" }
    participants:
      - anne.soerensen@naestved.example
      - mads.joergensen@naestved.example
`;
    expect((await run(['import', await yamlFile(base)])).code).toBe(0);
    const changed = base
      .replace('name: Hold 1', 'name: Hold 1 (ny)\n    feedback_target: 3')
      .replace('2026-10-27, start: "13:00"', '2026-10-28, start: "13:00"')
      .replace('      - mads.joergensen@naestved.example\n', '      - Line.Baek@naestved.example\n')
      .replace('schools: [Holsted Skole]', 'schools: [Holsted Skole, Fensmark Skole]')
      .replace('    participants:', '      - { date: 2026-12-01, start: "09:00", end: "12:00" }\n    participants:');
    const r = await run(['import', await yamlFile(changed)]);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toBe(
      '~ course k1: name "Hold 1" → "Hold 1 (ny)"; feedback_target 2 → 3; + school Fensmark Skole; ' +
        '+ session 3 2026-12-01 09:00–12:00; session 2 2026-10-27 13:00–16:00 → 2026-10-28 13:00–16:00; ' +
        '+ participants line.baek@naestved.example; − participants mads.joergensen@naestved.example',
    );
    expect(r.out).toContain('Courses: 1 in the file (0 added, 1 updated), sessions 2 changed, participants +1 −1.');
    const c = await t.db.course.findFirstOrThrow({ where: { key: 'k1' }, include: { sessions: true, participants: true } });
    expect(c.sessions).toHaveLength(3);
    expect(c.participants).toHaveLength(2);

    // Dropping a session and the course from the file: session deleted, course kept and reported.
    const fewer = base.replace('      - { date: 2026-10-27, start: "13:00", end: "16:00" }\n', '').replace('key: k1', 'key: k2');
    const r2 = await run(['import', await yamlFile(fewer)]);
    expect(r2.out).toContain('? course k1 "Hold 1 (ny)": not in the file (kept)');
    expect(await t.db.course.count()).toBe(2);
  });

  it('reports every validation problem with its line and path, and writes nothing', async () => {
    const file = await yamlFile(`courses:
  - key: k1
    theme: matematik
    year: 2026
    name: ""
    colour: blue
    schools: [Holsted Skole, Holstad Skole]
    sessions:
      - { date: 2026-10-27, start: "13:00", end: "16:00" }
      - { date: 2026-09-08, start: "13:00", end: "12:00" }
      - { date: 2026-02-30, start: "1300", end: "16:00" }
    participants:
      - nobody@naestved.example
      - { school: Fensmark Skole, role: teacher }
      - { school: Holsted Skole, role: rektor }
      - not an email
  - key: k1
    theme: klasseledelse
    year: 2026
    name: Dup
    schools: [Holsted Skole]
    sessions:
      - { date: 2026-09-08, start: "13:00", end: "16:00" }
      - { date: 2026-09-01, start: "13:00", end: "16:00" }
      - { date: 2027-09-01, start: "13:00" }
    participants:
      - { school: Holsted Skole, role: consultant }
`);
    const before = await snapshot(t.db);
    const r = await run(['import', file]);
    expect(r.code).toBe(65);
    expect(r.out).toBe('');
    // Structural problems are found first (the file is not resolved against the roster yet).
    expect(r.err.split('\n').slice(1, -1)).toEqual([
      expect.stringMatching(/^ {2}line 3 \(courses\[0\]\.theme\): theme "matematik" is not a theme \(use klasseledelse/),
      '  line 5 (courses[0].name): name is empty',
      '  line 6 (courses[0].colour): unknown key "colour" (expected key, theme, year, name, feedback_target, schools, sessions, participants)',
      '  line 11 (courses[0].sessions[2].start): start must be HH:MM (24-hour), e.g. "13:00"',
      expect.stringMatching(/^ {2}line 15 \(courses\[0\]\.participants\[2\]\.role\): role "rektor" is not a role/),
      '  line 16 (courses[0].participants[3]): participant "not an email" is not an email address',
      '  line 25 (courses[1].sessions[2].end): end is missing',
    ]);
    expect(await snapshot(t.db)).toEqual(before);

    // Fix the structure: now the roster and calendar checks speak.
    const fixed = (await import('node:fs/promises')).readFile(file, 'utf8').then((s) =>
      s
        .replace('theme: matematik', 'theme: inkluderende')
        .replace('name: ""', 'name: X')
        .replace('    colour: blue\n', '')
        .replace('"1300"', '"13:00"')
        .replace('      - { school: Holsted Skole, role: rektor }\n', '')
        .replace('      - not an email\n', '')
        .replace('{ date: 2027-09-01, start: "13:00" }', '{ date: 2027-09-01, start: "13:00", end: "16:00" }'),
    );
    await writeFile(file, await fixed);
    const r2 = await run(['import', file]);
    expect(r2.code).toBe(65);
    expect(r2.err.split('\n').slice(1, -1)).toEqual([
      '  line 6 (courses[0].schools[1]): school "Holstad Skole" is not in the roster of naestved (did you mean "Holsted Skole"?)',
      '  line 9 (courses[0].sessions[1].end): end 12:00 is not after start 13:00',
      '  line 10 (courses[0].sessions[2].date): date 2026-02-30 does not exist',
      '  line 12 (courses[0].participants[0]): nobody@naestved.example is not in the roster of naestved',
      '  line 13 (courses[0].participants[1].school): school "Fensmark Skole" is not one of this course\'s schools (Holsted Skole)',
      '  line 14 (courses[1].key): key "k1" is already used by courses[0]',
      '  line 21 (courses[1].sessions[1].date): session 2 (2026-09-01 13:00) starts before session 1 ends; list sessions in order',
      '  line 22 (courses[1].sessions[2].date): 2027-09-01 is outside the school year 2026/27 (1 August 2026 – 31 July 2027)',
      '  line 24 (courses[1].participants[0]): nobody is consultant at Holsted Skole in the roster',
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses YAML syntax errors, unknown municipalities and deactivated participants', async () => {
    const bad = await run(['import', await yamlFile('courses:\n  - key: a\n   theme: x\n')]);
    expect(bad.code).toBe(65);
    expect(bad.err).toMatch(/line \d+: YAML: /);

    const other = await run(['import', await yamlFile('municipality: Ringsted\ncourses: []\n')]);
    expect(other.err).toContain('line 1 (municipality): municipality "ringsted" does not exist; import its roster first');

    await t.db.person.updateMany({ where: { email: 'line.baek@naestved.example' }, data: { active: false } });
    const inactive = await run([
      'import',
      await yamlFile(`courses:
  - key: a
    theme: kl
    year: 2026
    name: A
    schools: [Holsted Skole]
    sessions: [{ date: 2026-09-12, start: "13:00", end: "16:00" }]
    participants: [line.baek@naestved.example]
`),
    ]);
    expect(inactive.err).toContain('line 3 (courses[0].theme): theme "kl" is not a theme');
    const inactive2 = await run([
      'import',
      await yamlFile(`courses:
  - key: a
    theme: klasseledelse
    year: 2026
    name: A
    schools: [Holsted Skole]
    sessions: [{ date: 2026-09-12, start: "13:00", end: "16:00" }]
    participants: [line.baek@naestved.example]
`),
    ]);
    expect(inactive2.err).toContain('warning: line 7 (courses[0].sessions[0].date): 2026-09-12 is a Saturday');
    expect(inactive2.err).toContain('line 8 (courses[0].participants[0]): line.baek@naestved.example (Line Bæk) is deactivated in the roster');
  });

  it('explains usage mistakes', async () => {
    expect((await run(['import'])).code).toBe(64);
    expect((await run(['import', join(dir, 'missing.yaml')])).code).toBe(66);
  });
});
