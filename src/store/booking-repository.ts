// The booking flow's persistence (src/flows/booking/port.ts). State changes are single conditional
// UPDATEs (updateMany with the expected state in the WHERE clause): atomic on SQLite and PostgreSQL,
// so under any number of simultaneous clicks exactly one claim succeeds — no read-then-write race.
import type { Role } from '../core/directory.js';
import type { BookingStore, CourseWithSessions, NewSlot, PersonRef, SlotStatus, SlotView } from '../flows/booking/port.js';
import { providerOf, type DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';
import type { Prisma } from './generated/sqlite/client.js';
import { parseLessonTimes } from './lesson-times.js';
import { isUniqueViolation } from './errors.js';
import type { VisitFact } from '../domain/feedback-windows.js';

const slotInclude = {
  school: { select: { name: true, municipalityId: true } },
  teacher: { select: { name: true, email: true } },
  agent: { select: { name: true, email: true } },
  course: { select: { name: true } },
} as const;

/** A slot row as `slotInclude` loads it; derived from the schema, so a new column cannot drift. */
type SlotRow = Prisma.SlotGetPayload<{ include: typeof slotInclude }>;

function toView(r: SlotRow): SlotView {
  return {
    id: r.id,
    schoolId: r.schoolId,
    schoolName: r.school.name,
    municipalityId: r.school.municipalityId,
    teacherId: r.teacherId,
    teacherName: r.teacher.name,
    teacherEmail: r.teacher.email,
    createdById: r.createdById,
    courseId: r.courseId,
    courseName: r.course?.name ?? null,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    classGroup: r.classGroup,
    subject: r.subject,
    room: r.room,
    focus: r.focus,
    status: r.status as SlotStatus,
    agentId: r.agentId,
    agentName: r.agent?.name ?? null,
    agentEmail: r.agent?.email ?? null,
    claimedAt: r.claimedAt,
    announcedAt: r.announcedAt,
    escalatedAt: r.escalatedAt,
    sequence: r.sequence,
  };
}

const ACTIVE: SlotStatus[] = ['open', 'claimed'];

export class BookingRepository implements BookingStore {
  constructor(private readonly db: DbClient) {}

  async createSlot(slot: NewSlot): Promise<SlotView> {
    const row = await this.db.slot.create({ data: { ...slot, status: 'open' }, include: slotInclude });
    return toView(row);
  }

  async slot(id: string): Promise<SlotView | null> {
    if (typeof id !== 'string' || id === '' || id.length > 64) return null;
    const row = await this.db.slot.findUnique({ where: { id }, include: slotInclude });
    return row ? toView(row) : null;
  }

  async teacherOverlaps(teacherId: string, start: Date, end: Date, excludeId?: string): Promise<SlotView[]> {
    const rows = await this.db.slot.findMany({
      where: { teacherId, status: { in: ACTIVE }, startsAt: { lt: end }, endsAt: { gt: start }, ...(excludeId ? { id: { not: excludeId } } : {}) },
      include: slotInclude,
      orderBy: { startsAt: 'asc' },
    });
    return rows.map(toView);
  }

  async agentOverlaps(agentId: string, start: Date, end: Date, excludeId?: string): Promise<SlotView[]> {
    const rows = await this.db.slot.findMany({
      where: { agentId, status: 'claimed', startsAt: { lt: end }, endsAt: { gt: start }, ...(excludeId ? { id: { not: excludeId } } : {}) },
      include: slotInclude,
      orderBy: { startsAt: 'asc' },
    });
    return rows.map(toView);
  }

  async claim(id: string, agentId: string, at: Date, expectedSequence?: number): Promise<boolean> {
    // First claim wins, and an agent's visits never overlap — also when the same agent claims two
    // lessons at one time of day in the same instant (two announcements, Slack and Teams at once).
    if (providerOf(this.db) === 'sqlite') {
      // SQLite runs one write at a time: the check inside this single statement cannot go stale.
      const count = await this.db.$executeRaw`
        UPDATE "Slot" SET "status" = 'claimed', "agentId" = ${agentId}, "claimedAt" = ${at}, "sequence" = "sequence" + 1, "updatedAt" = ${new Date()}
        WHERE "id" = ${id} AND "status" = 'open' AND (${expectedSequence ?? null} IS NULL OR "sequence" = ${expectedSequence ?? null})
          AND NOT EXISTS (
            SELECT 1 FROM "Slot" AS "other"
            WHERE "other"."agentId" = ${agentId} AND "other"."status" = 'claimed' AND "other"."id" <> "Slot"."id"
              AND "other"."startsAt" < "Slot"."endsAt" AND "other"."endsAt" > "Slot"."startsAt")`;
      return count === 1;
    }
    return inTransaction(this.db, async (tx) => {
      // PostgreSQL: one agent's claims take turns on a lock of the agent's row, so two at once cannot
      // both miss each other; holding it, the clash check below cannot go stale before the update.
      await tx.$queryRaw`SELECT "id" FROM "Person" WHERE "id" = ${agentId} FOR UPDATE`;
      const target = await tx.slot.findUnique({ where: { id }, select: { startsAt: true, endsAt: true } });
      if (!target) return false;
      const clashes = await tx.slot.count({ where: { agentId, status: 'claimed', id: { not: id }, startsAt: { lt: target.endsAt }, endsAt: { gt: target.startsAt } } });
      if (clashes > 0) return false;
      const { count } = await tx.slot.updateMany({
        where: { id, status: 'open', ...(expectedSequence !== undefined ? { sequence: expectedSequence } : {}) },
        data: { status: 'claimed', agentId, claimedAt: at, sequence: { increment: 1 } },
      });
      return count === 1;
    });
  }

  async release(id: string, agentId: string, expectedSequence?: number): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({
      where: { id, status: 'claimed', agentId, ...(expectedSequence !== undefined ? { sequence: expectedSequence } : {}) },
      data: { status: 'open', agentId: null, claimedAt: null, sequence: { increment: 1 } },
    });
    return count === 1;
  }

  async cancel(id: string, expectedSequence?: number): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({
      where: { id, status: { in: ACTIVE }, ...(expectedSequence !== undefined ? { sequence: expectedSequence } : {}) },
      data: { status: 'cancelled', sequence: { increment: 1 } },
    });
    return count === 1;
  }

  async move(id: string, startsAt: Date, endsAt: Date, expectedSequence: number): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({
      where: { id, status: { in: ACTIVE }, sequence: expectedSequence },
      data: { startsAt, endsAt, sequence: { increment: 1 } },
    });
    return count === 1;
  }

  async markHeld(id: string): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({ where: { id, status: 'claimed' }, data: { status: 'held' } });
    return count === 1;
  }

  async markNotHeld(id: string): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({ where: { id, status: { in: ['claimed', 'held'] } }, data: { status: 'not_held' } });
    return count === 1;
  }

  async markUnclaimed(id: string, expectedSequence?: number): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({ where: { id, status: 'open', ...(expectedSequence !== undefined ? { sequence: expectedSequence } : {}) }, data: { status: 'unclaimed' } });
    return count === 1;
  }

  async markAnnounced(id: string, at: Date): Promise<void> {
    await this.db.slot.updateMany({ where: { id }, data: { announcedAt: at } });
  }

  async markEscalated(id: string, at: Date): Promise<boolean> {
    const { count } = await this.db.slot.updateMany({ where: { id, escalatedAt: null }, data: { escalatedAt: at } });
    return count === 1;
  }

  async previousAgent(teacherId: string, excludeSlotId?: string): Promise<string | null> {
    const row = await this.db.slot.findFirst({
      where: { teacherId, status: 'held', agentId: { not: null }, ...(excludeSlotId ? { id: { not: excludeSlotId } } : {}) },
      orderBy: { startsAt: 'desc' },
      select: { agentId: true },
    });
    return row?.agentId ?? null;
  }

  async schoolPeople(schoolId: string, roles: Role[]): Promise<PersonRef[]> {
    return this.db.person.findMany({
      where: { active: true, memberships: { some: { schoolId, role: { in: roles } } } },
      select: { id: true, name: true, email: true },
      orderBy: { name: 'asc' },
    });
  }

  async hasRole(personId: string, schoolId: string, roles: Role[]): Promise<boolean> {
    const n = await this.db.membership.count({ where: { personId, schoolId, role: { in: roles }, person: { active: true } } });
    return n > 0;
  }

  async openSlots(schoolIds: string[], now: Date, limit: number): Promise<SlotView[]> {
    if (schoolIds.length === 0) return [];
    const rows = await this.db.slot.findMany({
      where: { schoolId: { in: schoolIds }, status: 'open', startsAt: { gt: now } },
      include: slotInclude,
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map(toView);
  }

  async upcomingAsTeacher(personId: string, now: Date, limit: number): Promise<SlotView[]> {
    const rows = await this.db.slot.findMany({
      where: { teacherId: personId, status: { in: ACTIVE }, endsAt: { gt: now } },
      include: slotInclude,
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map(toView);
  }

  async visitsAsAgent(agentId: string, from: Date, to: Date, limit: number): Promise<SlotView[]> {
    const rows = await this.db.slot.findMany({
      where: { agentId, status: { in: ['claimed', 'held'] }, startsAt: { gte: from, lt: to } },
      include: slotInclude,
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map(toView);
  }

  async lessonTimes(schoolId: string): Promise<string[]> {
    const school = await this.db.school.findUnique({ where: { id: schoolId }, select: { lessonTimes: true } });
    return parseLessonTimes(school?.lessonTimes ?? null);
  }

  async coursesOf(personId: string): Promise<CourseWithSessions[]> {
    const rows = await this.db.course.findMany({
      where: { participants: { some: { personId } } },
      select: { id: true, name: true, theme: true, feedbackTarget: true, feedbackSpread: true, sessions: { select: { number: true, startsAt: true, endsAt: true }, orderBy: { number: 'asc' } } },
      orderBy: [{ year: 'desc' }, { name: 'asc' }],
    });
    return rows;
  }

  async courseLessons(personId: string): Promise<VisitFact[]> {
    return this.db.slot.findMany({ where: { teacherId: personId, courseId: { not: null } }, select: { courseId: true, teacherId: true, startsAt: true, status: true } });
  }

  async capacities(personIds: string[]): Promise<Map<string, number>> {
    const rows = await this.db.person.findMany({ where: { id: { in: personIds }, visitsPerWeek: { not: null } }, select: { id: true, visitsPerWeek: true } });
    return new Map(rows.map((r) => [r.id, r.visitsPerWeek!]));
  }

  async visitCounts(agentIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
    // Served by the (agentId, startsAt) index.
    const groups = await this.db.slot.groupBy({
      by: ['agentId'],
      where: { agentId: { in: agentIds }, status: { in: ['claimed', 'held'] }, startsAt: { gte: from, lt: to } },
      _count: { _all: true },
    });
    return new Map(groups.filter((g) => g.agentId !== null).map((g) => [g.agentId as string, g._count._all]));
  }

  async waitlistAdd(slotId: string, agentId: string): Promise<number> {
    try {
      await this.db.slotWaitlist.create({ data: { slotId, agentId } });
    } catch (err) {
      if (!isUniqueViolation(err)) throw err; // already on the list: report the position
    }
    const list = await this.waitlist(slotId);
    return list.indexOf(agentId) + 1;
  }

  async waitlist(slotId: string): Promise<string[]> {
    const rows = await this.db.slotWaitlist.findMany({ where: { slotId }, orderBy: { createdAt: 'asc' }, select: { agentId: true } });
    return rows.map((r) => r.agentId);
  }

  async waitlistRemove(slotId: string, agentId: string): Promise<void> {
    await this.db.slotWaitlist.deleteMany({ where: { slotId, agentId } });
  }
}
