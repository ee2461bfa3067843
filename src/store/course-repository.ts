// Reads a municipality's roster and courses for the courses import and applies its plan, inside one
// interactive transaction.
import { chunks } from './chunks.js';
import type { DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';
import type { Prisma } from './generated/sqlite/client.js';
import type { CourseDirectory, CoursesPlan } from '../import/courses/plan.js';
import type { CourseStore, CourseTransaction } from '../import/courses/import.js';

type Tx = DbClient;

const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 5 * 60_000 };

export class CourseRepository implements CourseStore {
  constructor(private readonly db: DbClient) {}

  transaction<T>(fn: (tx: CourseTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => fn(new CourseTx(tx)), TRANSACTION_OPTIONS);
  }
}

class CourseTx implements CourseTransaction {
  constructor(private readonly tx: Tx) {}

  async load(slug: string): Promise<CourseDirectory | null> {
    const m = await this.tx.municipality.findUnique({
      where: { slug },
      include: {
        schools: { select: { id: true, name: true } },
        persons: {
          select: { id: true, email: true, name: true, active: true, memberships: { select: { schoolId: true, role: true } } },
        },
        courses: {
          include: {
            schools: { select: { schoolId: true } },
            sessions: { select: { id: true, number: true, startsAt: true, endsAt: true }, orderBy: { number: 'asc' } },
            participants: { select: { personId: true } },
          },
        },
      },
    });
    if (!m) return null;
    return {
      municipality: { id: m.id, slug: m.slug, timeZone: m.timeZone },
      schools: m.schools,
      persons: m.persons,
      courses: m.courses.map((c) => ({
        id: c.id,
        key: c.key,
        theme: c.theme,
        year: c.year,
        name: c.name,
        feedbackTarget: c.feedbackTarget,
        feedbackSpread: c.feedbackSpread,
        schoolIds: c.schools.map((s) => s.schoolId),
        sessions: c.sessions,
        participantIds: c.participants.map((p) => p.personId),
      })),
    };
  }

  async apply(plan: CoursesPlan): Promise<void> {
    const tx = this.tx;
    for (const c of plan.courses) {
      const courseId =
        c.id ??
        (await tx.course.create({ data: { municipalityId: plan.municipalityId, key: c.key, ...c.data }, select: { id: true } })).id;
      if (c.id !== null && c.fieldChanges.length > 0) await tx.course.update({ where: { id: c.id }, data: c.data });

      if (c.schoolsToRemove.length > 0)
        await tx.courseSchool.deleteMany({ where: { courseId, schoolId: { in: c.schoolsToRemove.map((s) => s.id) } } });
      if (c.schoolsToAdd.length > 0) await tx.courseSchool.createMany({ data: c.schoolsToAdd.map((s) => ({ courseId, schoolId: s.id })) });

      if (c.sessionsToDelete.length > 0) await tx.courseSession.deleteMany({ where: { id: { in: c.sessionsToDelete.map((s) => s.id) } } });
      for (const s of c.sessionsToUpdate) await tx.courseSession.update({ where: { id: s.id }, data: { startsAt: s.to.startsAt, endsAt: s.to.endsAt } });
      if (c.sessionsToCreate.length > 0)
        await tx.courseSession.createMany({ data: c.sessionsToCreate.map((s) => ({ courseId, number: s.number, startsAt: s.startsAt, endsAt: s.endsAt })) });

      for (const part of chunks(c.participantsToRemove))
        await tx.courseParticipant.deleteMany({
          where: { courseId, personId: { in: part.map((p) => p.personId) } },
        });
      for (const part of chunks(c.participantsToAdd))
        await tx.courseParticipant.createMany({ data: part.map((p) => ({ courseId, personId: p.personId })) });
    }
  }
}
