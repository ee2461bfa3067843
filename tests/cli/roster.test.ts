import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roster } from '../../src/cli/roster.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext, rowCounts, snapshot } from './helpers.js';

const EXAMPLE = new URL('../../examples/roster.csv', import.meta.url).pathname;
const EXAMPLE_ERRORS = new URL('../../examples/roster-with-errors.csv', import.meta.url).pathname;

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sparring-roster-'));
});
afterEach(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], opts: { tty?: boolean; municipality?: string } = {}) {
  const { ctx, stdout, stderr } = makeContext(t.target, args, opts);
  const code = await roster(ctx);
  return { code, out: stdout.text, err: stderr.text };
}

async function writeCsv(name: string, lines: string[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

describe('sparring roster import', () => {
  it('imports the example roster', async () => {
    const r = await run(['import', EXAMPLE]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Roster: 46 people \(46 added, 0 updated, 0 deactivated\), 3 schools \(3 new\), roles \+\d+ −0, chat ids 3 changed\.$/m);

    const m = await t.db.municipality.findUniqueOrThrow({ where: { slug: 'naestved' } });
    expect(m).toMatchObject({ name: 'Næstved', timeZone: 'Europe/Copenhagen', locale: 'da' });
    expect(await t.db.school.count()).toBe(3);
    expect(await t.db.person.count()).toBe(46);

    const ida = await t.db.person.findFirstOrThrow({
      where: { email: 'ida.nygaard@naestved.example' },
      include: { memberships: { include: { school: true } } },
    });
    expect(ida.memberships.map((ms) => `${ms.role}@${ms.school.name}`).sort()).toEqual(['consultant@Fensmark Skole', 'consultant@Kobberbakkeskolen']);
    const anne = await t.db.person.findFirstOrThrow({ where: { email: 'anne.soerensen@naestved.example' }, include: { memberships: true } });
    expect(anne.memberships.map((ms) => ms.role).sort()).toEqual(['learning_agent', 'teacher']);
    expect(anne.locale).toBe('da');
    const roles = await t.db.membership.groupBy({ by: ['role'], _count: true });
    expect(roles.map((r) => r.role).sort()).toEqual(['consultant', 'coordinator', 'leader', 'learning_agent', 'pedagogue', 'teacher']);
    const soeren = await t.db.platformIdentity.findFirstOrThrow({ where: { externalId: 'U07HSM0001' }, include: { person: true } });
    expect(soeren).toMatchObject({ platform: 'slack', tenantId: '', person: { name: 'Søren Møller' } });
  });

  it('re-importing the same file changes nothing and says so', async () => {
    expect((await run(['import', EXAMPLE])).code).toBe(0);
    const before = await snapshot(t.db);
    const r = await run(['import', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('Roster: 46 people (0 added, 0 updated, 0 deactivated), 3 schools, roles +0 −0. 0 changes.\n');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the example with errors exits non-zero, lists every bad line and writes nothing', async () => {
    expect((await run(['import', EXAMPLE])).code).toBe(0);
    const before = await snapshot(t.db);
    const counts = await rowCounts(t.db);
    const r = await run(['import', EXAMPLE_ERRORS]);
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toContain('3 problems; nothing was imported.');
    expect(r.err).toContain('line 4: role "Rektor" is not a role (use teacher/lærer, pedagogue/pædagog');
    expect(r.err).toContain('line 6: email "maja.kjaersgaard(at)naestved.example" is not a valid email address');
    expect(r.err).toContain('line 8: school is empty');
    expect(await rowCounts(t.db)).toEqual(counts);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('reports what an updated file changes, and --prune deactivates people not in the file', async () => {
    const v1 = await writeCsv('v1.csv', [
      'email;name;school;role;locale',
      'a@k.dk;Anne Ø;Skole A;Lærer;',
      'b@k.dk;Bo;Skole A;Lærer;',
      'c@k.dk;Carl;Skole A;Pædagog;',
      'd@k.dk;Dorte;Skole B;Leder;',
    ]);
    expect((await run(['import', v1])).code).toBe(0);

    const v2 = await writeCsv('v2.csv', [
      'email;name;school;role;locale',
      'A@K.DK;Anne Østergaard;Skole A;Lærer;en', // renamed, locale
      'b@k.dk;Bo;Skole B;"lærer;læringsagent";', // moved school + extra role
      'd@k.dk;Dorte;Skole B;Leder;',
      'e@k.dk;Eva;Skole B;Lærer;', // new
    ]);
    const dry = await run(['import', v2, '--dry-run']);
    const before = await snapshot(t.db);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Roster (dry run): 4 people (1 added, 1 updated, 0 deactivated), 2 schools, roles +3 −1.');
    expect(dry.out).toContain('1 person not in the file (use --prune to deactivate).');
    expect(dry.out).toContain('Dry run: 6 changes not written.');
    expect(await snapshot(t.db)).toEqual(before);

    const r = await run(['import', v2]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '+ e@k.dk (Eva): teacher at Skole B',
      '~ a@k.dk: name "Anne Ø" → "Anne Østergaard", locale (municipality default) → en',
      '+ b@k.dk: teacher at Skole B',
      '+ b@k.dk: learning_agent at Skole B',
      '− b@k.dk: teacher at Skole A',
      '? c@k.dk (Carl): not in the file',
      'Roster: 4 people (1 added, 1 updated, 0 deactivated), 2 schools, roles +3 −1. 1 person not in the file (use --prune to deactivate).',
      '',
    ]);
    expect(await t.db.person.findFirstOrThrow({ where: { email: 'c@k.dk' } })).toMatchObject({ active: true });

    const pruned = await run(['import', v2, '--prune']);
    expect(pruned.out).toContain('− c@k.dk (Carl): deactivated');
    expect(pruned.out).toContain('Roster: 4 people (0 added, 0 updated, 1 deactivated), 2 schools, roles +0 −0.');
    expect(await t.db.person.findFirstOrThrow({ where: { email: 'c@k.dk' } })).toMatchObject({ active: false });
    // Deactivated people are no longer "missing".
    expect((await run(['import', v2])).out).toContain('0 changes.');

    // Coming back reactivates.
    const back = await run(['import', v1]);
    expect(back.out).toContain('~ c@k.dk: reactivated');
    expect(await t.db.person.findFirstOrThrow({ where: { email: 'c@k.dk' } })).toMatchObject({ active: true });
  });

  it('links Slack and Teams ids, corrects them and hands them over', async () => {
    const v1 = await writeCsv('v1.csv', [
      'email,name,school,role,slack_user_id,teams_aad_id',
      'a@k.dk,A,S,teacher,UAAA1,1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      'b@k.dk,B,S,teacher,UBBB1,',
    ]);
    expect((await run(['import', v1])).code).toBe(0);
    expect(await t.db.platformIdentity.count()).toBe(3);

    const v2 = await writeCsv('v2.csv', [
      'email,name,school,role,slack_user_id,teams_aad_id',
      'a@k.dk,A,S,teacher,UBBB1,1b4e28ba-2fa1-11d2-883f-0016d3cca427',
      'b@k.dk,B,S,teacher,UAAA1,',
    ]);
    const swap = await run(['import', v2]);
    expect(swap.err).toBe('');
    expect(swap.code).toBe(0);
    const ids = await t.db.platformIdentity.findMany({ where: { platform: 'slack' }, include: { person: true } });
    expect(Object.fromEntries(ids.map((i) => [i.person.email, i.externalId]))).toEqual({ 'a@k.dk': 'UBBB1', 'b@k.dk': 'UAAA1' });
    expect((await run(['import', v2])).out).toContain('0 changes.');

    // An id stored for someone the file does not mention cannot silently move.
    const v3 = await writeCsv('v3.csv', ['email,name,school,role,slack_user_id', 'c@k.dk,C,S,teacher,UAAA1']);
    const before = await snapshot(t.db);
    const r = await run(['import', v3]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('line 2: slack_user_id UAAA1 is already stored for b@k.dk');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('CSV edge cases end to end: BOM, CRLF, quoted separators, case-different duplicates', async () => {
    const file = join(dir, 'excel.csv');
    await writeFile(
      file,
      '\ufeffEmail;Name;School;Role\r\n' +
        '"anne@k.dk";"Hansen; Anne";"Skole ""Øst""";"Lærer;Læringsagent"\r\n' +
        'ANNE@K.DK;"Hansen; Anne";"skole ""Øst""";lærer\r\n' +
        'bo@k.dk;"Bo, Bæk";"Skole ""Øst""";KONSULENT\r\n' +
        'cy@k.dk;Cy;S;"lærer\r\n',
    );
    // An unclosed quote is reported with the line it opens on.
    const broken = await run(['import', file]);
    expect(broken.err).toContain('line 5: the file is not valid CSV: Quote Not Closed');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/cy@k\.dk.*\r\n$/, ''));
    const r = await run(['import', file]);
    expect(r.err).toBe('');
    expect(r.out).toContain('Roster: 2 people (2 added, 0 updated, 0 deactivated), 1 school (1 new), roles +3 −0.');
    const people = await t.db.person.findMany({ orderBy: { email: 'asc' }, include: { memberships: true } });
    expect(people.map((p) => [p.email, p.name, p.memberships.length])).toEqual([
      ['anne@k.dk', 'Hansen; Anne', 2],
      ['bo@k.dk', 'Bo, Bæk', 1],
    ]);
  });

  it('uses the municipality column or the configured default', async () => {
    const file = await writeCsv('m.csv', ['email,name,school,role,municipality', 'a@k.dk,A,S,teacher,Ringsted', 'b@k.dk,B,S,teacher,']);
    expect((await run(['import', file], { municipality: 'vordingborg' })).code).toBe(0);
    const ms = await t.db.municipality.findMany({ orderBy: { slug: 'asc' }, include: { _count: { select: { persons: true, schools: true } } } });
    expect(ms.map((m) => [m.slug, m.name, m._count.persons, m._count.schools])).toEqual([
      ['ringsted', 'Ringsted', 1, 1],
      ['vordingborg', 'vordingborg', 1, 1],
    ]);
  });

  it('shows a progress bar for large files on a terminal', async () => {
    const lines = ['email,name,school,role'];
    for (let i = 0; i < 250; i++) lines.push(`p${i}@k.dk,Person ${i},Skole ${i % 5},teacher`);
    const file = await writeCsv('big.csv', lines);
    const r = await run(['import', file], { tty: true });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Importing [');
    expect(r.out).toContain('Roster: 250 people (250 added');
    expect(await t.db.membership.count()).toBe(250);
    const quiet = await run(['import', file]);
    expect(quiet.out).not.toContain('Importing [');
  });

  it('explains usage mistakes and missing files', async () => {
    expect((await run([])).code).toBe(64);
    expect((await run(['export', 'x.csv'])).err).toContain('Unknown roster command "export"');
    expect((await run(['import', 'x.csv', '--force'])).err).toContain("Unknown option '--force'");
    const missing = await run(['import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(66);
    expect(missing.err).toContain('no such file');
  });

  it('runs as a real process: node bin/sparring.js roster import', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const copy = join(dir, 'roster.csv');
    await copyFile(EXAMPLE, copy);
    const exec = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: t.target.url, SPARRING_MUNICIPALITY: 'naestved', NODE_ENV: 'test' };
    const ok = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', copy], { cwd: root, env });
    expect(ok.stdout).toContain('Roster: 46 people (46 added');
    const bad = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', EXAMPLE_ERRORS], { cwd: root, env }).catch((e) => e);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('line 4: role "Rektor"');
    expect(await t.db.person.count()).toBe(46);
    expect(await readFile(copy, 'utf8')).toContain('Næstved');
  });
});
