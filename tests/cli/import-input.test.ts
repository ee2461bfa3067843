// Import files with text only one database would refuse: a NUL byte (PostgreSQL rejects it, SQLite
// stores it) or an over-long name. Both databases now answer alike: a line-numbered problem, exit 65,
// nothing written.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { courses } from '../../src/cli/courses.js';
import { roster } from '../../src/cli/roster.js';
import { createTestDatabaseFor, TEST_POSTGRES_URL, type TestDatabase } from '../support/database.js';
import { makeContext } from './helpers.js';

const providers = (['sqlite', 'postgresql'] as const).filter((p) => p === 'sqlite' || TEST_POSTGRES_URL);
const HEADER = 'email;name;school;role';

describe.each(providers)('import files with troublesome text on %s', (provider) => {
  let t: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    t = await createTestDatabaseFor(provider);
    dir = await mkdtemp(join(tmpdir(), 'sparring-input-'));
  });
  afterEach(async () => {
    await t.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  async function file(name: string, text: string): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }
  async function run(command: typeof roster, args: string[]) {
    const { ctx, stdout, stderr } = makeContext(t.target, args);
    const code = await command(ctx);
    return { code, out: stdout.text, err: stderr.text };
  }
  const counts = async () => [await t.db.municipality.count(), await t.db.school.count(), await t.db.person.count(), await t.db.membership.count(), await t.db.course.count()];

  it('roster: a NUL byte in a name is a line-numbered problem and nothing is written', async () => {
    const csv = await file('nul.csv', [HEADER, 'anne@skole.dk;Anne Sørensen;Holsted Skole;lærer', 'bo@skole.dk;Bo\u0000 Berg;Holsted Skole;lærer', ''].join('\n'));
    const r = await run(roster, ['import', csv]);
    expect(r.err).toBe(`${csv}: 1 fejl – intet er importeret.\n  linje 3: name indeholder et kontroltegn (U+0000), som ikke hører hjemme i tekst – gem filen som "CSV UTF-8" og prøv igen\n`);
    expect(r.code).toBe(65);
    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
  });

  it('roster: an over-long name, school or e-mail is a line-numbered problem and nothing is written', async () => {
    const long = 'x'.repeat(201);
    const csv = await file('long.csv', [HEADER, `anne@skole.dk;${long};Holsted Skole;lærer`, `bo@skole.dk;Bo Berg;${long};lærer`, `${'a'.repeat(250)}@skole.dk;Cai;Holsted Skole;lærer`, ''].join('\n'));
    const r = await run(roster, ['import', csv]);
    expect(r.err.split('\n').slice(1, 4)).toEqual([
      '  linje 2: name er for lang: 201 tegn (højst 200)',
      '  linje 3: school er for lang: 201 tegn (højst 200)',
      '  linje 4: email er for lang: 259 tegn (højst 254)',
    ]);
    expect(r.code).toBe(65);
    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
  });

  it('roster: a name of zero-width spaces is a missing name', async () => {
    const csv = await file('zw.csv', [HEADER, 'anne@skole.dk;\u200B\u200B;Holsted Skole;lærer', ''].join('\n'));
    const r = await run(roster, ['import', csv]);
    expect(r.err).toContain('  linje 2: navn mangler');
    expect(r.code).toBe(65);
    expect(await counts()).toEqual([0, 0, 0, 0, 0]);
  });

  it('courses: a NUL byte or an over-long name is a problem with its line and nothing is written', async () => {
    const csv = await file('ok.csv', [HEADER, 'anne@skole.dk;Anne Sørensen;Holsted Skole;lærer', ''].join('\n'));
    expect((await run(roster, ['import', csv])).code).toBe(0);
    const before = await counts();
    const yaml = await file(
      'c.yaml',
      [
        'courses:',
        '  - key: kl-2026',
        '    theme: klasseledelse',
        '    year: 2026',
        '    name: "Klasse\\0ledelse"',
        '    schools: [Holsted Skole]',
        '    sessions: [{ date: 2026-09-08, start: "13:00", end: "16:00" }]',
        '    participants: [anne@skole.dk]',
        '  - key: lang',
        '    theme: klasseledelse',
        '    year: 2026',
        `    name: ${'y'.repeat(201)}`,
        '    schools: [Holsted Skole]',
        '    sessions: [{ date: 2026-09-08, start: "13:00", end: "16:00" }]',
        '    participants: [anne@skole.dk]',
        '',
      ].join('\n'),
    );
    const r = await run(courses, ['import', yaml]);
    expect(r.err).toContain('linje 5 (courses[0].name): name indeholder et kontroltegn (U+0000), som ikke hører hjemme i tekst');
    expect(r.err).toContain('linje 12 (courses[1].name): name er for lang: 201 tegn (højst 200)');
    expect(r.code).toBe(65);
    expect(await counts()).toEqual(before);
  });
});
