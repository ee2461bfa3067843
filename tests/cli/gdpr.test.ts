// `sparring gdpr export|erase` in-process against a real SQLite file: the operator's view of one
// person's own data. What export and erase cover is tested in tests/store/personal-data*.test.ts.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gdpr } from '../../src/cli/gdpr.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext, snapshot, terminalInput } from './helpers.js';

let t: TestDatabase;
let dir: string;
beforeEach(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sparring-gdpr-'));
  const db = t.db;
  const m = await db.municipality.create({ data: { slug: 'naestved', name: 'Næstved' } });
  const school = await db.school.create({ data: { municipalityId: m.id, name: 'Holsted Skole' } });
  const mette = await db.person.create({ data: { municipalityId: m.id, email: 'mette@skole.dk', name: 'Mette Ærø' } });
  const agent = await db.person.create({ data: { municipalityId: m.id, email: 'soren@skole.dk', name: 'Søren Kjær' } });
  await db.membership.create({ data: { personId: mette.id, schoolId: school.id, role: 'teacher' } });
  await db.platformIdentity.create({ data: { personId: mette.id, platform: 'slack', tenantId: 'T1', externalId: 'U1' } });
  const slot = await db.slot.create({
    data: { schoolId: school.id, teacherId: mette.id, createdById: mette.id, agentId: agent.id, startsAt: new Date('2026-11-24T09:00:00Z'), endsAt: new Date('2026-11-24T09:45:00Z'), classGroup: '5.b', subject: 'Dansk', status: 'held' },
  });
  const r = await db.reflection.create({ data: { slotId: slot.id, personId: mette.id, status: 'answered' } });
  await db.reflectionAnswer.create({ data: { reflectionId: r.id, questionKey: 'learning', text: 'Mine egne tanker om timen' } });
});
afterEach(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[], opts: { tty?: boolean; stdin?: ReturnType<typeof terminalInput>; locale?: 'da' | 'en' } = {}) {
  const { ctx, stdout, stderr } = makeContext(t.target, args, opts);
  if (opts.locale) ctx.config.locale = opts.locale;
  const code = await gdpr(ctx, { db: t.db });
  return { code, out: stdout.text, err: stderr.text };
}

describe('sparring gdpr export', () => {
  it('writes the person’s data as JSON to standard output, or to a file only the operator can read', async () => {
    const r = await run(['export', '--email', 'METTE@skole.dk']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.format).toBe('sparring-personal-data/1');
    expect(data.people[0].person).toMatchObject({ name: 'Mette Ærø', email: 'mette@skole.dk' });
    expect(data.people[0].tables.ReflectionAnswer[0].text).toBe('Mine egne tanker om timen');
    expect(data.people[0].tables.PlatformIdentity[0]).toMatchObject({ platform: 'slack', externalId: 'U1' });

    const file = join(dir, 'mette.json');
    const w = await run(['export', '--email', 'mette@skole.dk', '--out', file]);
    expect(w).toEqual({ code: 0, out: `Skrev data om 1 person til ${file}.\n`, err: '' });
    expect(JSON.parse(await readFile(file, 'utf8')).people[0].person.name).toBe('Mette Ærø');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('answers clearly for an unknown e-mail, a missing --email and a wrong sub-command', async () => {
    expect(await run(['export', '--email', 'nobody@skole.dk'])).toMatchObject({ code: 67, out: '', err: 'Ingen medarbejder i Sparring har e-mailen nobody@skole.dk. Intet er ændret.\n' });
    expect((await run(['export'])).err).toContain('Mangler --email');
    expect((await run(['delete', '--email', 'mette@skole.dk'])).err).toContain('Ukendt underkommando "delete"');
    expect((await run(['export', '--email', 'mette@skole.dk', '--yes'])).code).toBe(64);
    expect((await run(['export', '--email', 'mette@skole.dk', '--out', join(dir, 'no', 'such', 'dir.json')], { locale: 'en' })).err).toMatch(/^Could not write .*ENOENT/);
  });
});

describe('sparring gdpr erase', () => {
  it('refuses without --yes when there is no terminal, and changes nothing', async () => {
    const before = await snapshot(t.db);
    const r = await run(['erase', '--email', 'mette@skole.dk']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Mette Ærø (naestved): 1 lektion som lærer, 0 besøg som læringsagent, 1 refleksion');
    expect(r.err).toContain('Kør igen med --yes');
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('asks on a terminal: no keeps everything, yes erases', async () => {
    const before = await snapshot(t.db);
    const no = await run(['erase', '--email', 'mette@skole.dk'], { tty: true, stdin: terminalInput('n') });
    expect(no.code).toBe(1);
    expect(no.out).toContain('Intet er slettet.');
    expect(await snapshot(t.db)).toEqual(before);

    const yes = await run(['erase', '--email', 'mette@skole.dk'], { tty: true, stdin: terminalInput('ja') });
    expect(yes.code).toBe(0);
    expect(yes.out).toContain('Slettet i naestved: 1 svar, 1 platform-identitet');
    expect(yes.out).toContain('1 besøg er bevaret uden navn');
    const after = JSON.stringify(await snapshot(t.db));
    for (const gone of ['Mine egne tanker', 'Mette', 'mette@skole.dk', '"U1"']) expect(after).not.toContain(gone);
    expect(await t.db.slot.count()).toBe(1);
    // The e-mail is gone, so she is not found again.
    expect((await run(['export', '--email', 'mette@skole.dk'])).code).toBe(67);
  });

  it('--yes erases without asking (English texts)', async () => {
    const r = await run(['erase', '--email', 'mette@skole.dk', '--yes'], { locale: 'en' });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('Erased in naestved: 1 answer,');
    expect(await t.db.reflectionAnswer.count()).toBe(0);
  });
});
