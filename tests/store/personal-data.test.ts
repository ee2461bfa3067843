// A person's own data: the export holds every row that references her (each covered table), and
// erasure leaves no reflection text, name or e-mail of hers anywhere — on SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import { PERSONAL_DATA_COVERAGE, delegateName } from '../../src/store/personal-data/coverage.js';
import { MESSAGE_OMITTED } from '../../src/store/personal-data/export.js';
import { PersonalDataRepository } from '../../src/store/personal-data-repository.js';
import { TEST_POSTGRES_URL } from '../support/database.js';
import { bookingWorld, click, submit, type BookingWorld } from '../flows/booking/helpers.js';

let w: BookingWorld | undefined;
afterEach(async () => {
  await w?.s.cleanup();
  w = undefined;
});

const ANSWER = 'Eleverne i 5.b kunne selv sætte ord på overgangene';

/** Tina offers a lesson, agent A claims it, agent B waits, the visit is held and Tina reflects. */
async function visitWithReflection(provider: 'sqlite' | 'postgresql') {
  w = await bookingWorld('2026-10-20T08:00:00Z', {}, provider);
  const { s, teacher, agentA, agentB } = w;
  const db = s.runtime.db;
  const { result } = await submit(s, teacher, 'booking.offer', { date: '2026-10-26', start: '09:00', end: '09:45', classGroup: '5.b', subject: 'dansk', room: 'B12', focus: 'overgange mellem aktiviteter' });
  expect(result.ok).toBe(true);
  const slotId = (await db.slot.findFirstOrThrow()).id;
  await s.runJobs();
  await click(s, agentA, 'booking.claim', slotId);
  await click(s, agentB, 'booking.waitlist', slotId);
  const course = await db.course.create({ data: { municipalityId: s.municipalityId, key: 'kl', theme: 'klasseledelse', year: 2026, name: 'Klasseledelse' } });
  await db.courseParticipant.create({ data: { courseId: course.id, personId: teacher.personId } });
  await s.advanceTo('2026-10-26T13:00:00Z', 3_600_000);
  const reflection = await db.reflection.findFirstOrThrow({ where: { personId: teacher.personId } });
  const answered = await submit(s, teacher, 'reflection.answer', { goal: ANSWER }, reflection.id);
  expect(answered.result.ok).toBe(true);
  // An open chat conversation (answering one question at a time) is hers too.
  await db.conversation.create({ data: { personId: teacher.personId, flow: 'reflection', ref: reflection.id } });
  // What the local playground kept of her chat is hers too.
  await db.playgroundMessage.create({ data: { address: `person:${teacher.personId}`, content: JSON.stringify({ da: { summary: 'Hej' }, en: { summary: 'Hi' } }) } });
  return { slotId, reflectionId: reflection.id };
}

/** Every row of every table, as text: what a database dump would show. */
async function dump(w: BookingWorld): Promise<string> {
  const all: Record<string, unknown> = {};
  for (const model of Object.keys(PERSONAL_DATA_COVERAGE)) all[model] = await (w.s.runtime.db as any)[delegateName(model)].findMany();
  return JSON.stringify(all);
}

describe.each([
  ['SQLite', 'sqlite' as const, false],
  ['PostgreSQL (set SPARRING_TEST_POSTGRES_URL to run)', 'postgresql' as const, !TEST_POSTGRES_URL],
])('personal data on %s', (_name, provider, skip) => {
  it.skipIf(skip)('the export holds a row from every table that references the person, and her reflection text', async () => {
    const { slotId } = await visitWithReflection(provider);
    const repo = new PersonalDataRepository(w!.s.runtime.db);
    const data = await repo.exportPeople((await repo.peopleByEmail('TINA.THOMSEN@skole.dk ')).map((p) => p.id), w!.s.clock.now());
    expect(data.people).toHaveLength(1);
    const tina = data.people[0]!;
    expect(tina.person).toMatchObject({ name: 'Tina Thomsen', email: 'tina.thomsen@skole.dk' });
    // Between them, the three people of the visit have a row in every covered table (the waitlist
    // row is agent B's): an export that skipped a table would show here.
    const three = await repo.exportPeople((await Promise.all(['tina.thomsen', 'anders.andersen', 'bente.berg'].map((n) => repo.peopleByEmail(`${n}@skole.dk`)))).flat().map((p) => p.id), w!.s.clock.now());
    const covered = Object.entries(PERSONAL_DATA_COVERAGE).filter(([m, c]) => m !== 'Person' && c.kind !== 'none').map(([m]) => m);
    const empty = covered.filter((m) => three.people.every((p) => (p.tables[m] ?? []).length === 0));
    expect(empty, 'covered tables with no row in these exports').toEqual([]);
    expect(Object.keys(tina.tables).sort()).toEqual([...covered].sort());
    expect(JSON.stringify(tina)).toContain(ANSWER);
    expect(tina.tables.Slot!.map((r) => r.id)).toEqual([slotId]);
    expect(tina.tables.SentMessage!.every((r) => String(r.topic).includes(slotId))).toBe(true);
    // Messages are listed (to whom, when, about what) without their text.
    const deliveries = tina.tables.Job!.filter((j) => j.kind === 'chat.deliver').map((j) => JSON.parse(String(j.payload)));
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => 'message' in d).every((d) => d.message === MESSAGE_OMITTED)).toBe(true);
    // A colleague's export never carries her reflection: agent A visited, agent B waited.
    for (const email of ['anders.andersen@skole.dk', 'bente.berg@skole.dk']) {
      const other = await repo.exportPeople((await repo.peopleByEmail(email)).map((p) => p.id), w!.s.clock.now());
      expect(other.people).toHaveLength(1);
      expect(JSON.stringify(other)).not.toContain(ANSWER);
    }
  });

  it.skipIf(skip)('erasure leaves no reflection text, name or e-mail of hers, keeps the visit and its counts, and runs once', async () => {
    const { slotId, reflectionId } = await visitWithReflection(provider);
    const { s, teacher } = w!;
    const db = s.runtime.db;
    const before = await dump(w!);
    expect(before).toContain(ANSWER);
    expect(before).toContain('Tina Thomsen');
    const repo = new PersonalDataRepository(db);
    const report = await repo.erase(teacher.personId, s.clock.now());
    expect(report).toMatchObject({ alreadyErased: false, deleted: { ReflectionAnswer: 1, PlatformIdentity: 1, SlotWaitlist: 0, Conversation: 1 }, visitsKept: 1 });
    expect(report!.deleted.Job).toBeGreaterThan(0);

    const after = await dump(w!);
    for (const gone of [ANSWER, 'Tina Thomsen', 'tina.thomsen@skole.dk', 'overgange mellem aktiviteter']) expect(after, gone).not.toContain(gone);
    // The visit and that she reflected are still there (anonymous), so counts stay right.
    expect(await db.slot.findUniqueOrThrow({ where: { id: slotId } })).toMatchObject({ status: 'held', teacherId: teacher.personId, focus: null });
    expect(await db.reflection.findUniqueOrThrow({ where: { id: reflectionId } })).toMatchObject({ status: 'answered' });
    expect(await db.person.findUniqueOrThrow({ where: { id: teacher.personId } })).toMatchObject({ name: '', active: false, locale: null });
    expect(await repo.peopleByEmail('tina.thomsen@skole.dk')).toEqual([]);
    // Agent B's export no longer shows anything of Tina's either.
    expect(JSON.stringify(await repo.exportPeople((await repo.peopleByEmail('bente.berg@skole.dk')).map((p) => p.id), s.clock.now()))).not.toContain('Tina');

    expect(await repo.erase(teacher.personId, s.clock.now())).toMatchObject({ alreadyErased: true, deleted: {} });
    expect(await dump(w!)).toBe(after);
  });
});
