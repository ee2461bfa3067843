import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { roster } from '../../src/cli/roster.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext, rowCounts, snapshot, terminalInput } from './helpers.js';

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

async function run(args: string[], opts: { tty?: boolean; municipality?: string; locale?: 'da' | 'en'; stdin?: ReturnType<typeof terminalInput> } = {}) {
  const { ctx, stdout, stderr } = makeContext(t.target, args, opts);
  if (opts.locale) ctx.config.locale = opts.locale; // as SPARRING_LOCALE sets it
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
    expect(r.out).toMatch(/^Medarbejderliste: 46 personer \(46 nye, 0 ændrede, 0 deaktiverede\), 3 skoler \(3 nye\), roller \+\d+ −0, 3 chat-id'er ændret\.$/m);

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
    expect(r.out).toBe('Medarbejderliste: 46 personer (0 nye, 0 ændrede, 0 deaktiverede), 3 skoler, roller +0 −0. 0 ændringer.\n');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('the example with errors exits non-zero, lists every bad line and writes nothing', async () => {
    expect((await run(['import', EXAMPLE])).code).toBe(0);
    const before = await snapshot(t.db);
    const counts = await rowCounts(t.db);
    const r = await run(['import', EXAMPLE_ERRORS]);
    expect(r.code).not.toBe(0);
    expect(r.out).toBe('');
    expect(r.code).toBe(65);
    expect(r.err).toBe(
      [
        `${EXAMPLE_ERRORS}: 3 fejl – intet er importeret.`,
        '  linje 4: rollen "Rektor" findes ikke (brug lærer/teacher, pædagog/pedagogue, læringsagent/learning_agent, konsulent/consultant, leder/leader, koordinator/coordinator)',
        '  linje 6: e-mailadressen "maja.kjaersgaard(at)naestved.example" er ikke gyldig',
        '  linje 8: skole mangler',
        '',
      ].join('\n'),
    );
    expect(await rowCounts(t.db)).toEqual(counts);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('speaks English with SPARRING_LOCALE=en: problems, warnings, changes and summary', async () => {
    const bad = await run(['import', EXAMPLE_ERRORS], { locale: 'en' });
    expect(bad.code).toBe(65);
    expect(bad.err).toContain('3 problems; nothing was imported.');
    expect(bad.err).toContain('  line 4: role "Rektor" is not a role (use teacher/lærer, pedagogue/pædagog, learning_agent/læringsagent,');
    expect(bad.err).toContain('  line 6: email "maja.kjaersgaard(at)naestved.example" is not a valid email address');
    expect(bad.err).toContain('  line 8: school is empty');
    expect(await t.db.person.count()).toBe(0);

    const file = await writeCsv('en.csv', ['email,name,school,role,colour', 'a@k.dk,Anne,Skole A,lærer,blue']);
    const ok = await run(['import', file, '--dry-run'], { locale: 'en' });
    expect(ok.code).toBe(0);
    expect(ok.err).toBe(
      'warning: line 1: column "colour" is not used (known columns: email, name, school, role, municipality, locale, slack_user_id, teams_aad_id)\n',
    );
    expect(ok.out.split('\n')).toEqual([
      '+ municipality naestved (naestved)',
      '+ school Skole A',
      '+ a@k.dk (Anne): teacher at Skole A',
      'Roster (dry run): 1 person (1 added, 0 updated, 0 deactivated), 1 school (1 new), roles +1 −0. Dry run: 4 changes not written.',
      '',
    ]);
    const usage = await run(['--help'], { locale: 'en' });
    expect(usage.out).toContain('Usage: sparring roster import FILE.csv [--dry-run] [--prune [--yes]]');
    expect(usage.out).toMatch(/^ {2}email, name, school, role +required\n {2}municipality, locale, slack_user_id, teams_aad_id optional\n/m);
    expect((await run(['import', 'x.csv', '--force'], { locale: 'en' })).err).toContain("Unknown option '--force'.");
    expect((await run(['import', join(dir, 'nope.csv')], { locale: 'en' })).err).toBe(`Cannot read ${join(dir, 'nope.csv')}: no such file\n`);
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
    expect(dry.out).toContain('Medarbejderliste (prøvekørsel): 4 personer (1 ny, 1 ændret, 0 deaktiverede), 2 skoler, roller +3 −1.');
    expect(dry.out).toContain('1 person er ikke i filen (brug --prune for at deaktivere).');
    expect(dry.out).toContain('Prøvekørsel: 6 ændringer er ikke gemt.');
    expect(await snapshot(t.db)).toEqual(before);

    const r = await run(['import', v2]);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual([
      '+ e@k.dk (Eva): lærer på Skole B',
      '~ a@k.dk: navn "Anne Ø" → "Anne Østergaard", sprog (kommunens standard) → en',
      '+ b@k.dk: lærer på Skole B',
      '+ b@k.dk: læringsagent på Skole B',
      '− b@k.dk: lærer på Skole A',
      '? c@k.dk (Carl): er ikke i filen',
      'Medarbejderliste: 4 personer (1 ny, 1 ændret, 0 deaktiverede), 2 skoler, roller +3 −1. 1 person er ikke i filen (brug --prune for at deaktivere).',
      '',
    ]);
    expect(await t.db.person.findFirstOrThrow({ where: { email: 'c@k.dk' } })).toMatchObject({ active: true });

    const pruned = await run(['import', v2, '--prune', '--yes']); // 1 of 4 is a large share: --yes (see below)
    expect(pruned.out).toContain('− c@k.dk (Carl): deaktiveret');
    expect(pruned.out).toContain('Medarbejderliste: 4 personer (0 nye, 0 ændrede, 1 deaktiveret), 2 skoler, roller +0 −0.');
    expect(await t.db.person.findFirstOrThrow({ where: { email: 'c@k.dk' } })).toMatchObject({ active: false });
    // Deactivated people are no longer "missing".
    expect((await run(['import', v2])).out).toContain('0 ændringer.');

    // Coming back reactivates.
    const back = await run(['import', v1]);
    expect(back.out).toContain('~ c@k.dk: genaktiveret');
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
    expect((await run(['import', v2])).out).toContain('0 ændringer.');

    // An id stored for someone the file does not mention cannot silently move.
    const v3 = await writeCsv('v3.csv', ['email,name,school,role,slack_user_id', 'c@k.dk,C,S,teacher,UAAA1']);
    const before = await snapshot(t.db);
    const r = await run(['import', v3]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('linje 2: slack_user_id UAAA1 er allerede gemt for b@k.dk; giv b@k.dk sit eget id i filen, eller ret dette');
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
    expect(broken.code).toBe(65);
    expect(broken.err).toContain('linje 5: filen er ikke gyldig CSV: et anførselstegn bliver ikke lukket');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/cy@k\.dk.*\r\n$/, ''));
    const r = await run(['import', file]);
    expect(r.err).toBe('');
    expect(r.out).toContain('Medarbejderliste: 2 personer (2 nye, 0 ændrede, 0 deaktiverede), 1 skole (1 ny), roller +3 −0.');
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
    expect(r.out).toContain('Importerer [');
    expect(r.out).toContain('Medarbejderliste: 250 personer (250 nye');
    expect(await t.db.membership.count()).toBe(250);
    const quiet = await run(['import', file]);
    expect(quiet.out).not.toContain('Importerer [');
  });

  it('explains usage mistakes and missing files', async () => {
    const none = await run([]);
    expect(none.code).toBe(64);
    expect(none.err).toMatch(/^Der mangler en kommando efter "sparring roster"\.\n\nBrug: sparring roster import FIL\.csv \[--dry-run\] \[--prune \[--yes\]\]\n/);
    expect(none.err).toMatch(/^ {2}email, name, school, role +påkrævet\n {2}municipality, locale, slack_user_id, teams_aad_id valgfri\n/m);
    expect(none.err).toContain('role: lærer/teacher, pædagog/pedagogue, læringsagent/learning_agent,');
    expect((await run(['export', 'x.csv'])).err).toContain('Ukendt kommando "sparring roster export".');
    expect((await run(['import'])).err).toContain('Angiv den CSV-fil, der skal importeres.');
    expect((await run(['import', 'a.csv', 'b.csv'])).err).toContain('Uventet argument "b.csv".');
    const force = await run(['import', 'x.csv', '--force']);
    expect(force.code).toBe(64);
    expect(force.err).toContain('Ukendt tilvalg "--force".');
    expect((await run(['import', 'x.csv', '--prune=yes'])).err).toContain('Tilvalget --prune skal ikke have en værdi.');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--prune     deaktivér kommunens medarbejdere, som ikke er med i filen');
    const missing = await run(['import', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(66);
    expect(missing.err).toBe(`Kan ikke læse ${join(dir, 'nope.csv')}: filen findes ikke\n`);
    expect((await run(['import', dir])).err).toBe(`Kan ikke læse ${dir}: det er en mappe, ikke en fil\n`);
  });

  it('runs as a real process: node bin/sparring.js roster import', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const copy = join(dir, 'roster.csv');
    await copyFile(EXAMPLE, copy);
    const exec = promisify(execFile);
    // No SPARRING_LOCALE: Danish unless told otherwise.
    const { SPARRING_LOCALE: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DATABASE_URL: t.target.url, SPARRING_MUNICIPALITY: 'naestved', NODE_ENV: 'test' };
    const ok = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', copy], { cwd: root, env });
    expect(ok.stdout).toContain('Medarbejderliste: 46 personer (46 nye');
    const bad = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', EXAMPLE_ERRORS], { cwd: root, env }).catch((e) => e);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain('linje 4: rollen "Rektor" findes ikke');
    const en = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', EXAMPLE_ERRORS], {
      cwd: root,
      env: { ...env, SPARRING_LOCALE: 'en' },
    }).catch((e) => e);
    expect(en.code).toBe(65);
    expect(en.stderr).toContain('line 4: role "Rektor" is not a role');
    expect(await t.db.person.count()).toBe(46);
    expect(await readFile(copy, 'utf8')).toContain('Næstved');
    // A one-line file with --prune from a script (no terminal): refused, nothing deactivated.
    const one = await writeCsv('one.csv', ['email;name;school;role;municipality', 'soeren.moeller@naestved.example;Søren Møller;Holsted Skole;Leder;Næstved']);
    const prune = await exec(process.execPath, ['bin/sparring.js', 'roster', 'import', one, '--prune'], { cwd: root, env }).catch((e) => e);
    expect(prune.code).toBe(1);
    expect(prune.stderr).toContain('--prune vil deaktivere 45 af 46 aktive medarbejdere i Næstved:');
    expect(prune.stderr).toContain('Tilføj --yes for at deaktivere dem alligevel.');
    expect(await t.db.person.count({ where: { active: true } })).toBe(46);
  }, 90_000); // four processes, each starting tsx
});

describe('sparring roster import: a large broken file', () => {
  it('lists the first 100 problems and how many more, with the right count, and quotes long values shortened', async () => {
    const rows = ['email;name;school;role', `huge@k.dk;Huge;Skole A;${'x'.repeat(1_000_000)}`];
    for (let i = 0; i < 5_000; i++) rows.push(`bad-email-${i};Name ${i};Skole A;lærer`);
    const file = await writeCsv('big.csv', rows); // ≈ 1.2 MB, 5 001 bad lines
    for (const locale of ['da', 'en'] as const) {
      const r = await run(['import', file], { locale });
      expect(r.code).toBe(65);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toBe(locale === 'da' ? `${file}: 5001 fejl – intet er importeret.` : `${file}: 5001 problems; nothing was imported.`);
      expect(lines).toHaveLength(1 + 100 + 1);
      expect(lines[1]).toMatch(locale === 'da' ? /^  linje 2: rollen "x{200}…" findes ikke/ : /^  line 2: role "x{200}…" is not a role/);
      expect(lines[100]).toMatch(/^  (linje|line) 101: /);
      expect(lines[101]).toBe(locale === 'da' ? '  … og 4901 fejl mere' : '  … and 4901 more problems');
      expect(r.err.length).toBeLessThan(20_000);
    }
    expect(await t.db.person.count()).toBe(0);
  });
});

describe('sparring roster import --prune: deactivating many is confirmed first', () => {
  /** `count` active people at one school, and a file listing only the first `keep` of them. */
  async function staffAndFile(count: number, keep: number): Promise<string> {
    const rows = Array.from({ length: count }, (_, i) => `p${String(i + 1).padStart(2, '0')}@k.dk;Person ${i + 1};Skole A;lærer`);
    expect((await run(['import', await writeCsv('all.csv', ['email;name;school;role', ...rows])])).code).toBe(0);
    return writeCsv('few.csv', ['email;name;school;role', ...rows.slice(0, keep)]);
  }
  const active = () => t.db.person.count({ where: { active: true } });

  it('without a terminal: lists who would go, says to add --yes, exits non-zero and changes nothing', async () => {
    const few = await staffAndFile(11, 1);
    const before = await snapshot(t.db);
    const r = await run(['import', few, '--prune']);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toEqual([
      '--prune vil deaktivere 10 af 11 aktive medarbejdere i naestved:',
      ...Array.from({ length: 10 }, (_, i) => `  Person ${i + 2} (p${String(i + 2).padStart(2, '0')}@k.dk)`),
      'Intet er ændret. Tilføj --yes for at deaktivere dem alligevel.',
      '',
    ]);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('on a terminal: asks, and only "j"/"y" deactivates', async () => {
    const few = await staffAndFile(11, 1);
    const before = await snapshot(t.db);
    for (const answer of ['', 'n', 'nej', null]) {
      const no = await run(['import', few, '--prune'], { stdin: terminalInput(answer) });
      expect(no.code, String(answer)).toBe(1);
      expect(no.out).toContain('--prune vil deaktivere 10 af 11 aktive medarbejdere i naestved:\n  Person 2 (p02@k.dk)\n');
      expect(no.out).toContain('Skal de deaktiveres? [j/N] ');
      expect(no.out).toMatch(/Intet er ændret\.\n$/);
      expect(await snapshot(t.db)).toEqual(before);
    }
    const yes = await run(['import', few, '--prune'], { stdin: terminalInput('j') });
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('− p11@k.dk (Person 11): deaktiveret');
    expect(yes.out).toContain('Medarbejderliste: 1 person (0 nye, 0 ændrede, 10 deaktiverede)');
    expect(await active()).toBe(1);
  });

  it('--yes deactivates without asking; a small prune needs no question', async () => {
    const few = await staffAndFile(11, 1);
    const yes = await run(['import', few, '--prune', '--yes']);
    expect(yes.code).toBe(0);
    expect(yes.err).toBe('');
    expect(await active()).toBe(1);

    // 1 of 11 (more than 0, at most 3 people and at most 20 %): no question, even without a terminal.
    const all = await writeCsv('all2.csv', ['email;name;school;role', ...Array.from({ length: 10 }, (_, i) => `p${String(i + 1).padStart(2, '0')}@k.dk;Person ${i + 1};Skole A;lærer`), 'p11@k.dk;Person 11;Skole A;lærer']);
    expect((await run(['import', all])).code).toBe(0); // all 11 active again
    const ten = await writeCsv('ten.csv', ['email;name;school;role', ...Array.from({ length: 10 }, (_, i) => `p${String(i + 1).padStart(2, '0')}@k.dk;Person ${i + 1};Skole A;lærer`)]);
    const small = await run(['import', ten, '--prune']);
    expect(small.code).toBe(0);
    expect(small.out).toContain('− p11@k.dk (Person 11): deaktiveret');
    expect(await active()).toBe(10);
  });

  it('lists at most 20 names, then how many more; in English with SPARRING_LOCALE=en', async () => {
    const few = await staffAndFile(40, 5);
    const r = await run(['import', few, '--prune'], { locale: 'en' });
    expect(r.code).toBe(1);
    const lines = r.err.trimEnd().split('\n');
    expect(lines[0]).toBe('--prune would deactivate 35 of the 40 active people in naestved:');
    expect(lines.slice(1, 21).every((l) => /^  Person \d+ \(p\d+@k\.dk\)$/.test(l))).toBe(true);
    expect(lines.slice(21)).toEqual(['  … and 15 more', 'Nothing was changed. Add --yes to deactivate them anyway.']);
    expect(await active()).toBe(40);
    const ask = await run(['import', few, '--prune'], { locale: 'en', stdin: terminalInput('yes') });
    expect(ask.out).toContain('Deactivate them? [y/N] ');
    expect(ask.code).toBe(0);
    expect(await active()).toBe(5);
  });

  it('--dry-run --prune shows the deactivations without asking', async () => {
    const few = await staffAndFile(11, 1);
    const before = await snapshot(t.db);
    const dry = await run(['import', few, '--prune', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('− p02@k.dk (Person 2): deaktiveret');
    expect(dry.out).toContain('10 deaktiverede');
    expect(await snapshot(t.db)).toEqual(before);
  });
});
