// Operators: `sparring digest preview|send` and `sparring report`, in-process against a real SQLite
// file with a school whose leaders, teachers and visits are in place.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { digest } from '../../src/cli/digest.js';
import { report, reportUsage } from '../../src/cli/report.js';
import { ManualClock } from '../../src/core/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { makeContext } from './helpers.js';

let t: TestDatabase;
let dir: string;
// Monday 30 November 2026, 10:00 in Copenhagen.
const clock = () => new ManualClock('2026-11-30T09:00:00Z');

async function seed(opts: { leader?: boolean; schoolName?: string } = {}) {
  const m = await t.db.municipality.upsert({ where: { slug: 'naestved' }, create: { slug: 'naestved', name: 'Næstved Kommune' }, update: {} });
  const school = await t.db.school.create({ data: { municipalityId: m.id, name: opts.schoolName ?? 'Holsted Skole' } });
  const person = async (name: string, role: string) => {
    const p = await t.db.person.create({ data: { municipalityId: m.id, name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${school.id}@skole.dk` } });
    await t.db.membership.create({ data: { personId: p.id, schoolId: school.id, role } });
    await t.db.platformIdentity.create({ data: { personId: p.id, platform: 'local', externalId: p.id } });
    return p.id;
  };
  if (opts.leader !== false) await person('Søren Leder', 'leader');
  const course = await t.db.course.create({
    data: { municipalityId: m.id, key: `kl-${school.id}`, theme: 'klasseledelse', year: 2026, name: 'Klasseledelse', schools: { create: { schoolId: school.id } }, sessions: { create: [{ number: 1, startsAt: new Date('2026-09-08T11:00:00Z'), endsAt: new Date('2026-09-08T14:00:00Z') }] } },
  });
  for (let i = 0; i < 6; i++) {
    const id = await person(`Lærer ${String.fromCharCode(65 + i)}`, 'teacher');
    await t.db.courseParticipant.create({ data: { courseId: course.id, personId: id } });
    await t.db.slot.create({ data: { schoolId: school.id, courseId: course.id, teacherId: id, createdById: id, startsAt: new Date(`2026-11-2${3 + (i % 5)}T08:00:00Z`), endsAt: new Date(`2026-11-2${3 + (i % 5)}T08:45:00Z`), classGroup: '6.a', subject: 'Dansk', status: 'held' } });
  }
  return { municipality: m, school };
}

beforeEach(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'sparring-report-'));
});
afterEach(async () => {
  await t.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function run(command: typeof digest, args: string[]) {
  const { ctx, stdout, stderr } = makeContext(t.target, args);
  const code = await command(ctx, { db: t.db, clock: clock() });
  return { code, out: stdout.text, err: stderr.text };
}

describe('sparring digest', () => {
  it('preview prints the digest as leaders see it, writes the chart, and sends or records nothing', async () => {
    await seed();
    const chart = join(dir, 'uge48.png');
    const r = await run(digest, ['preview', '--school', 'Holsted Skole', '--week', '48', '--chart', chart]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ugens feedback på Holsted Skole – uge 48');
    expect(r.out).toContain('Gennemførte besøg i uge 48: 6');
    expect(r.out).toContain('Detaljer for uge 48');
    expect(r.out).not.toMatch(/Lærer [A-F]/);
    const png = await readFile(chart);
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await t.db.digest.count()).toBe(0);
    expect(await t.db.job.count()).toBe(0);
  });

  it('send queues the digest once; a second send sends nothing', async () => {
    const { school } = await seed();
    const first = await run(digest, ['send', '--school', school.id, '--week', '2026-W48']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('er lagt i kø');
    expect(await t.db.digest.count()).toBe(1);
    const queued = await t.db.job.count({ where: { kind: 'chat.deliver' } });
    expect(queued).toBe(1); // one leader, no channel: one direct message (the details follow as a reply)
    const again = await run(digest, ['send', '--school', 'Holsted Skole', '--week', '48']);
    expect(again.code).toBe(0);
    expect(again.out).toContain('er allerede sendt');
    expect(await t.db.job.count({ where: { kind: 'chat.deliver' } })).toBe(queued);
  });

  it('send for a school nobody can be told about records nothing and tells the coordinator', async () => {
    const { school, municipality } = await seed({ leader: false });
    const coordinator = await t.db.person.create({ data: { municipalityId: municipality.id, name: 'Karen Koordinator', email: 'karen@kommune.dk' } });
    await t.db.membership.create({ data: { personId: coordinator.id, schoolId: school.id, role: 'coordinator' } });
    const r = await run(digest, ['send', '--school', 'Holsted Skole', '--week', '48']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('kan ikke sendes');
    expect(await t.db.digest.count()).toBe(0);
    const jobs = await t.db.job.findMany({ where: { kind: 'chat.deliver' } });
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]!.payload).to).toEqual({ person: coordinator.id });
  });

  it('answers an unknown school or a wrong week clearly and changes nothing', async () => {
    await seed();
    const unknown = await run(digest, ['preview', '--school', 'Atlantis']);
    expect(unknown.code).toBe(65);
    expect(unknown.err).toContain('Skolen "Atlantis" findes ikke');
    const badWeek = await run(digest, ['send', '--school', 'Holsted Skole', '--week', '54']);
    expect(badWeek.code).toBe(64);
    expect(badWeek.err).toContain('Ugen "54" forstår jeg ikke');
    expect(await t.db.job.count()).toBe(0);
  });
});

describe('sparring report', () => {
  it('writes every school’s figures as CSV, hidden figures as "<5", formulas neutralised', async () => {
    await seed();
    await seed({ schoolName: '=HYPERLINK("http://x","klik")' });
    const out = join(dir, 'r.csv');
    const r = await run(report, ['--municipality', 'naestved', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('Skole,Uge,Forløb,Deltagere,Mål (feedbacks),Har fået målet,Besøg i alt,Med refleksion,Opgjort,Besøg i ugen,Planlagt 7 dage,Ledige,Ikke taget i ugen');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith('Holsted Skole'))).toBe('Holsted Skole,2026-W49,Klasseledelse,6,2,<5,6,<5,2026-11-29,<5,<5,<5,<5');
    expect(lines.find((l) => l.includes('HYPERLINK'))).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""klik""\)"/);
  });

  it('writes xlsx that a spreadsheet reads back, and refuses xlsx without --out', async () => {
    await seed();
    expect((await run(report, ['--municipality', 'naestved', '--format', 'xlsx'])).code).toBe(64);
    const out = join(dir, 'r.xlsx');
    expect((await run(report, ['--municipality', 'naestved', '--format', 'xlsx', '--out', out])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Skole');
    expect(sheet.getRow(2).getCell(1).value).toBe('Holsted Skole');
    expect(sheet.getRow(2).getCell(4).value).toBe(6);
    expect(sheet.getRow(2).getCell(6).value).toBe('<5');
    const unknown = await run(report, ['--municipality', 'atlantis', '--format', 'csv']);
    expect(unknown.code).toBe(65);
  });
});

describe('operator commands: usage mistakes', () => {
  it('name the flag in the operator’s language, with the usage, and exit 64 before touching the database', async () => {
    const unknown = await run(digest, ['preview', '--school', 'Holsted Skole', '--wek', '48']);
    expect(unknown.code).toBe(64);
    expect(unknown.err).toMatch(/^Ukendt tilvalg "--wek"\.\n\nBrug: sparring digest preview\|send/);
    expect((await run(digest, ['send', '--week', '48'])).err).toMatch(/^Mangler --school\.\n\nBrug: sparring digest/);
    expect((await run(digest, ['preview', 'extra', '--school', 'Holsted Skole'])).err).toMatch(/^Uventet argument "extra"\.\n\n/);
    const noValue = await run(report, ['--municipality', 'naestved', '--format']);
    expect(noValue.code).toBe(64);
    expect(noValue.err).toMatch(/^Tilvalget --format skal have en værdi\.\n\nBrug: sparring report/);
    expect((await run(report, ['--format', 'csv'])).err).toMatch(/^Mangler --municipality\.\n\n/);
    expect((await run(report, ['naestved', '--format', 'csv'])).err).toMatch(/^Uventet argument "naestved"\.\n\n/);
    const help = await run(report, ['-h']);
    expect(help).toEqual({ code: 0, out: reportUsage('da'), err: '' });
    expect(await t.db.municipality.count()).toBe(0);
  });
});
