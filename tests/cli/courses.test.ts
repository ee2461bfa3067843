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

async function run(args: string[], opts: { locale?: 'da' | 'en' } = {}) {
  const { ctx, stdout, stderr } = makeContext(t.target, args);
  if (opts.locale) ctx.config.locale = opts.locale; // as SPARRING_LOCALE sets it
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
    expect(r.out).toContain('+ kursus 2026-klasseledelse-holsted "Klasseledelse – Holsted Skole" (klasseledelse 2026): 1 skole, 3 kursusgange, 14 deltagere');
    expect(r.out).toMatch(/^Kurser: 3 i filen \(3 nye, 0 ændrede\), 9 kursusgange ændret, deltagere \+\d+ −0\.$/m);
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
    expect(r.out).toBe('Kurser: 3 i filen (0 nye, 0 ændrede), 0 kursusgange ændret, deltagere +0 −0. 0 ændringer.\n');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('--dry-run writes nothing', async () => {
    const before = await snapshot(t.db);
    const r = await run(['import', COURSES, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Kurser (prøvekørsel): 3 i filen (3 nye, 0 ændrede)');
    expect(r.out).toMatch(/ Prøvekørsel: \d+ ændringer er ikke gemt\.\n$/);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('speaks English with SPARRING_LOCALE=en: changes, summary, problems and warnings', async () => {
    const dry = await run(['import', COURSES, '--dry-run'], { locale: 'en' });
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('+ course 2026-klasseledelse-holsted "Klasseledelse – Holsted Skole" (klasseledelse 2026): 1 school, 3 sessions, 14 participants');
    expect(dry.out).toMatch(/^Courses \(dry run\): 3 in the file \(3 added, 0 updated\), sessions 9 changed, participants \+\d+ −0\. Dry run: \d+ changes not written\.$/m);
    expect((await run(['import', COURSES], { locale: 'en' })).code).toBe(0);
    expect((await run(['import', COURSES], { locale: 'en' })).out).toBe(
      'Courses: 3 in the file (0 added, 0 updated), sessions 0 changed, participants +0 −0. 0 changes.\n',
    );

    const bad = await run(
      [
        'import',
        await yamlFile(`courses:
  - key: a
    theme: matematik
    year: 2026
    name: A
    feedback_target: 0
    schools: [Holsted Skole]
    sessions: [{ date: 2026-09-12, start: "13:00", end: "16:00" }]
    participants: [{ school: Holsted Skole, role: rektor }]
`),
      ],
      { locale: 'en' },
    );
    expect(bad.code).toBe(65);
    expect(bad.err.split('\n').slice(1, -1)).toEqual([
      '  line 3 (courses[0].theme): theme "matematik" is not a theme (use klasseledelse, målorienteret undervisning or inkluderende differentieret undervisning (or the keys klasseledelse, maalorienteret, inkluderende))',
      '  line 6 (courses[0].feedback_target): feedback_target must be at least 1',
      '  line 9 (courses[0].participants[0].role): role "rektor" is not a role (use teacher/lærer, pedagogue/pædagog, learning_agent/læringsagent, consultant/konsulent, leader/leder, coordinator/koordinator)',
    ]);
    expect(bad.err).toMatch(/: 3 problems; nothing was imported\.\n/);

    // The only coordinator of Holsted Skole leaves: nobody there is consultant or coordinator.
    await t.db.person.updateMany({ where: { email: 'mette.frederiksen@naestved.example' }, data: { active: false } });
    const weekend = await run(
      [
        'import',
        await yamlFile(`courses:
  - key: a
    theme: klasseledelse
    year: 2026
    name: A
    schools: [Holsted Skole]
    sessions: [{ date: 2026-09-13, start: "13:00", end: "16:00" }]
    participants: [{ school: Holsted Skole, role: [consultant, koordinator] }]
`),
      ],
      { locale: 'en' },
    );
    expect(weekend.err).toContain('warning: line 7 (courses[0].sessions[0].date): 2026-09-13 is a Sunday\n');
    expect(weekend.err).toContain('  line 8 (courses[0].participants[0]): nobody is consultant or coordinator at Holsted Skole in the roster');
    expect((await run(['--help'], { locale: 'en' })).out).toContain('Usage: sparring courses import FILE.yaml [--dry-run]');
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
      '~ kursus k1: name "Hold 1" → "Hold 1 (ny)"; feedback_target 2 → 3; + skole Fensmark Skole; ' +
        '+ kursusgang 3 2026-12-01 09:00–12:00; kursusgang 2 2026-10-27 13:00–16:00 → 2026-10-28 13:00–16:00; ' +
        '+ deltagere line.baek@naestved.example; − deltagere mads.joergensen@naestved.example',
    );
    expect(r.out).toContain('Kurser: 1 i filen (0 nye, 1 ændret), 2 kursusgange ændret, deltagere +1 −1.');
    const c = await t.db.course.findFirstOrThrow({ where: { key: 'k1' }, include: { sessions: true, participants: true } });
    expect(c.sessions).toHaveLength(3);
    expect(c.participants).toHaveLength(2);

    // Dropping a session and the course from the file: session deleted, course kept and reported.
    const fewer = base.replace('      - { date: 2026-10-27, start: "13:00", end: "16:00" }\n', '').replace('key: k1', 'key: k2');
    const r2 = await run(['import', await yamlFile(fewer)]);
    expect(r2.out).toContain('? kursus k1 "Hold 1 (ny)": er ikke i filen (bevares)');
    expect(r2.out).toContain('Kurser: 1 i filen (1 nyt, 0 ændrede), 1 kursusgang ændret, deltagere +2 −0. 1 gemt kursus er ikke i filen (bevares).');
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
    expect(r.err.split('\n')[0]).toBe(`${file}: 7 fejl – intet er importeret.`);
    expect(r.err.split('\n').slice(1, -1)).toEqual([
      '  linje 3 (courses[0].theme): temaet "matematik" findes ikke (brug klasseledelse, målorienteret undervisning eller inkluderende differentieret undervisning – eller nøglerne klasseledelse, maalorienteret, inkluderende)',
      '  linje 5 (courses[0].name): name må ikke være tom',
      '  linje 6 (courses[0].colour): ukendt nøgle "colour" (gyldige nøgler: key, theme, year, name, feedback_target, feedback_spread, schools, sessions, participants)',
      '  linje 11 (courses[0].sessions[2].start): start skal skrives TT:MM (24-timers ur), fx "13:00"',
      '  linje 15 (courses[0].participants[2].role): rollen "rektor" findes ikke (brug lærer/teacher, pædagog/pedagogue, læringsagent/learning_agent, konsulent/consultant, leder/leader, koordinator/coordinator)',
      '  linje 16 (courses[0].participants[3]): deltageren "not an email" er ikke en e-mailadresse',
      '  linje 25 (courses[1].sessions[2].end): end mangler',
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
      '  linje 6 (courses[0].schools[1]): skolen "Holstad Skole" er ikke på medarbejderlisten for naestved (mente du "Holsted Skole"?)',
      '  linje 9 (courses[0].sessions[1].end): end 12:00 ligger ikke efter start 13:00',
      '  linje 10 (courses[0].sessions[2].date): datoen 2026-02-30 findes ikke',
      '  linje 12 (courses[0].participants[0]): nobody@naestved.example er ikke på medarbejderlisten for naestved',
      '  linje 13 (courses[0].participants[1].school): skolen "Fensmark Skole" er ikke en af kursets skoler (Holsted Skole)',
      '  linje 14 (courses[1].key): nøglen "k1" bruges allerede af courses[0]',
      '  linje 21 (courses[1].sessions[1].date): kursusgang 2 (2026-09-01 13:00) begynder, før kursusgang 1 slutter; skriv kursusgangene i rækkefølge',
      '  linje 22 (courses[1].sessions[2].date): 2027-09-01 ligger uden for skoleåret 2026/27 (1. august 2026 – 31. juli 2027)',
      '  linje 24 (courses[1].participants[0]): ingen på medarbejderlisten er konsulent på Holsted Skole',
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('refuses YAML syntax errors, unknown municipalities and deactivated participants', async () => {
    const bad = await run(['import', await yamlFile('courses:\n  - key: a\n   theme: x\n')]);
    expect(bad.code).toBe(65);
    expect(bad.err).toMatch(/linje \d+: YAML-fejl: /);

    const other = await run(['import', await yamlFile('municipality: Ringsted\ncourses: []\n')]);
    expect(other.err).toContain('linje 1 (municipality): kommunen "ringsted" findes ikke; importér først dens medarbejderliste (sparring roster import)');

    await t.db.person.updateMany({ where: { email: 'line.baek@naestved.example' }, data: { active: false } });
    const withTheme = async (theme: string) =>
      run([
        'import',
        await yamlFile(`courses:
  - key: a
    theme: ${theme}
    year: 2026
    name: A
    schools: [Holsted Skole]
    sessions: [{ date: 2026-09-12, start: "13:00", end: "16:00" }]
    participants: [line.baek@naestved.example]
`),
      ]);
    expect((await withTheme('kl')).err).toContain('linje 3 (courses[0].theme): temaet "kl" findes ikke');
    const inactive = await withTheme('klasseledelse');
    expect(inactive.err).toContain('advarsel: linje 7 (courses[0].sessions[0].date): 2026-09-12 er en lørdag');
    expect(inactive.err).toContain('linje 8 (courses[0].participants[0]): line.baek@naestved.example (Line Bæk) er deaktiveret på medarbejderlisten');
  });

  it('explains usage mistakes', async () => {
    const noFile = await run(['import']);
    expect(noFile.code).toBe(64);
    expect(noFile.err).toMatch(/^Angiv den YAML-fil, der skal importeres\.\n\nBrug: sparring courses import FIL\.yaml \[--dry-run\]\n/);
    expect((await run(['list'])).err).toContain('Ukendt kommando "sparring courses list".');
    expect((await run(['import', 'x.yaml', '--prune'])).err).toContain('Ukendt tilvalg "--prune".');
    expect((await run(['--help'])).out).toContain('--dry-run   tjek filen og vis, hvad der ville blive ændret, uden at gemme noget');
    const missing = await run(['import', join(dir, 'missing.yaml')]);
    expect(missing.code).toBe(66);
    expect(missing.err).toBe(`Kan ikke læse ${join(dir, 'missing.yaml')}: filen findes ikke\n`);
  });
});

describe('sparring courses import: a large broken file', () => {
  it('lists the first 100 problems and how many more, with the right count', async () => {
    // 600 courses, each without theme, year, schools, sessions and participants: 3 000 problems.
    const courses = Array.from({ length: 600 }, (_, i) => `  - key: k${i}\n    name: Kursus ${i}\n`).join('');
    const file = await yamlFile(`courses:\n${courses}`);
    const r = await run(['import', file]);
    expect(r.code).toBe(65);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toBe(`${file}: 3000 fejl – intet er importeret.`);
    expect(lines).toHaveLength(1 + 100 + 1);
    expect(lines[1]).toBe('  linje 2 (courses[0].theme): theme mangler');
    expect(lines[101]).toBe('  … og 2900 fejl mere');
    expect(r.err.length).toBeLessThan(20_000);
    const en = await run(['import', file], { locale: 'en' });
    expect(en.err.trimEnd().split('\n').at(-1)).toBe('  … and 2900 more problems');
    expect(await t.db.course.count()).toBe(0);
  });
});
