// Rows for the weekly digest. Every query is bounded by one school and served by an index
// (CourseSchool.schoolId, Slot(schoolId, status, startsAt), Membership(schoolId, role)), so a
// school's digest costs the same however large the programme grows. Reflection text is never read.
import { randomUUID } from 'node:crypto';
import type { CourseRow, DigestStore, HeldVisitRow, LessonRow, StaffRow } from '../flows/digest/ports.js';
import type { DbClient } from './client.js';

const SCHOOL = { id: true, name: true, municipalityId: true } as const;

export class DigestRepository implements DigestStore {
  constructor(private readonly db: DbClient) {}

  schools(municipalityId?: string) {
    return this.db.school.findMany({ where: municipalityId ? { municipalityId } : {}, select: SCHOOL, orderBy: { name: 'asc' } });
  }

  school(schoolId: string) {
    return this.db.school.findUnique({ where: { id: schoolId }, select: SCHOOL });
  }

  async municipalityName(municipalityId: string) {
    return (await this.db.municipality.findUnique({ where: { id: municipalityId }, select: { name: true } }))?.name ?? null;
  }

  findMunicipality(idOrSlug: string) {
    return this.db.municipality.findFirst({ where: { OR: [{ id: idOrSlug }, { slug: idOrSlug }] }, select: { id: true, name: true } });
  }

  async findSchool(idOrName: string) {
    return (await this.school(idOrName)) ?? (await this.db.school.findFirst({ where: { name: idOrName }, select: SCHOOL }));
  }

  async staff(schoolId: string, platforms: string[]): Promise<StaffRow[]> {
    const rows = await this.db.membership.findMany({
      where: { schoolId, person: { active: true } },
      select: {
        role: true,
        personId: true,
        // Reachable = an identity on an enabled platform that is not marked unreachable.
        person: { select: { identities: { where: { platform: { in: platforms }, unreachableAt: null }, select: { id: true }, take: 1 } } },
      },
    });
    return rows.map((r) => ({ personId: r.personId, role: r.role, reachable: r.person.identities.length > 0 }));
  }

  async courses(schoolId: string): Promise<CourseRow[]> {
    const rows = await this.db.course.findMany({
      where: { schools: { some: { schoolId } } },
      select: {
        id: true,
        name: true,
        feedbackTarget: true,
        feedbackSpread: true,
        sessions: { select: { number: true, startsAt: true, endsAt: true }, orderBy: { number: 'asc' } },
        // Only this school's staff (a course spans a whole municipality). An erased person (anonymous,
        // inactive) still counts where she took part, so totals stay right.
        participants: { where: { person: { OR: [{ active: true }, { erasedAt: { not: null } }], memberships: { some: { schoolId } } } }, select: { personId: true } },
      },
      orderBy: { name: 'asc' },
    });
    return rows.map((c) => ({ id: c.id, name: c.name, target: c.feedbackTarget, feedbackSpread: c.feedbackSpread, sessions: c.sessions, participantIds: c.participants.map((p) => p.personId) }));
  }

  async heldVisits(schoolId: string, courseIds: string[]): Promise<HeldVisitRow[]> {
    if (courseIds.length === 0) return [];
    const rows = await this.db.slot.findMany({
      where: { schoolId, status: 'held', courseId: { in: courseIds } },
      select: { teacherId: true, courseId: true, startsAt: true, reflection: { select: { status: true, answeredAt: true } } },
    });
    return rows.map((r) => ({
      teacherId: r.teacherId,
      courseId: r.courseId!,
      startsAt: r.startsAt,
      reflectedAt: r.reflection?.status === 'answered' ? (r.reflection.answeredAt ?? r.startsAt) : null,
    }));
  }

  lessons(schoolId: string, statuses: string[], from: Date, to: Date): Promise<LessonRow[]> {
    return this.db.slot.findMany({ where: { schoolId, status: { in: statuses }, startsAt: { gte: from, lt: to } }, select: { teacherId: true, status: true, startsAt: true } });
  }

  async leaders(schoolId: string) {
    const rows = await this.db.membership.findMany({ where: { schoolId, role: 'leader', person: { active: true } }, select: { personId: true } });
    return rows.map((r) => r.personId);
  }

  async record(schoolId: string, isoYear: number, isoWeek: number, summary: string, at: Date) {
    // One statement (no caught unique violation), so it can run inside a transaction on PostgreSQL.
    const inserted = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Digest" ("id", "schoolId", "isoYear", "isoWeek", "sentAt", "summary")
      VALUES (${randomUUID()}, ${schoolId}, ${isoYear}, ${isoWeek}, ${at}, ${summary})
      ON CONFLICT ("schoolId", "isoYear", "isoWeek") DO NOTHING
      RETURNING "id"`;
    return inserted.length === 1;
  }

  async recorded(schoolId: string, isoYear: number, isoWeek: number) {
    const row = await this.db.digest.findUnique({ where: { schoolId_isoYear_isoWeek: { schoolId, isoYear, isoWeek } }, select: { summary: true } });
    return row?.summary ?? null;
  }
}
