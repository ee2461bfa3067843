// PostgreSQL: a write with an include runs in an implicit transaction on one pg client, and Prisma reads
// the included relations side by side. src/store/pg-serial.ts queues them, so pg never sees a query
// issued while the client is still busy (deprecated in pg 8, an error in pg 9).
import { afterEach, describe, expect, it } from 'vitest';
import { BookingRepository } from '../../src/store/booking-repository.js';
import { createPostgresTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/database.js';

let t: TestDatabase | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

describe.skipIf(!TEST_POSTGRES_URL)('PostgreSQL transactions (set SPARRING_TEST_POSTGRES_URL to run)', () => {
  it('a create with an include of four relations runs its reads one at a time on the transaction', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      t = await createPostgresTestDatabase();
      const m = await t.db.municipality.create({ data: { slug: 'naestved', name: 'Næstved Kommune' } });
      const school = await t.db.school.create({ data: { name: 'Holmegårdsskolen', municipalityId: m.id } });
      const teacher = await t.db.person.create({ data: { municipalityId: m.id, name: 'Tina Thomsen', email: 'tina@skole.dk' } });
      const at = new Date('2026-10-20T08:00:00Z');
      const slots = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          new BookingRepository(t!.db).createSlot({
            schoolId: school.id,
            teacherId: teacher.id,
            createdById: teacher.id,
            courseId: null,
            startsAt: new Date(at.getTime() + i * 3_600_000),
            endsAt: new Date(at.getTime() + i * 3_600_000 + 2_700_000),
            classGroup: '7.b',
            subject: 'Dansk',
            room: null,
            focus: null,
          }),
        ),
      );
      expect(slots.map((s) => [s.schoolName, s.teacherEmail, s.agentName, s.courseName])).toEqual(Array(5).fill(['Holmegårdsskolen', 'tina@skole.dk', null, null]));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message).filter((m) => m.includes('already executing a query'))).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
