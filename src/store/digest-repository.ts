// Counts for the weekly digest. Reflection text is never selected here.
import { randomUUID } from 'node:crypto';
import type { CourseProgress, DigestStore } from '../flows/digest/ports.js';
import type { DbClient } from './client.js';


export class DigestRepository implements DigestStore {
  constructor(private readonly db: DbClient) {}

  schools() {
    return this.db.school.findMany({ select: { id: true, name: true, municipalityId: true }, orderBy: { name: 'asc' } });
  }

  school(schoolId: string) {
    return this.db.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, municipalityId: true } });
  }

  async weekCounts(schoolId: string, from: Date, to: Date, now: Date) {
    const inWeek = { schoolId, startsAt: { gte: from, lt: to } };
    const [held, unclaimed, upcoming, open] = await Promise.all([
      this.db.slot.count({ where: { ...inWeek, status: 'held' } }),
      this.db.slot.count({ where: { ...inWeek, status: 'unclaimed' } }),
      this.db.slot.count({ where: { schoolId, status: 'claimed', startsAt: { gte: now, lt: new Date(now.getTime() + 7 * 86_400_000) } } }),
      this.db.slot.count({ where: { schoolId, status: 'open', startsAt: { gte: now } } }),
    ]);
    return { held, unclaimed, upcoming, open };
  }

  async courseProgress(schoolId: string, now: Date): Promise<CourseProgress[]> {
    // Courses of this school that have started (first session in the past) and this year's.
    const courses = await this.db.course.findMany({
      where: { schools: { some: { schoolId } }, sessions: { some: { startsAt: { lte: now } } } },
      select: {
        id: true,
        name: true,
        feedbackTarget: true,
        // An erased person (anonymous, inactive) still counts where she took part, so totals stay right.
        participants: { where: { person: { OR: [{ active: true }, { erasedAt: { not: null } }], memberships: { some: { schoolId } } } }, select: { personId: true } },
      },
      orderBy: { name: 'asc' },
    });
    const out: CourseProgress[] = [];
    for (const c of courses) {
      const ids = c.participants.map((p) => p.personId);
      const held = await this.db.slot.groupBy({
        by: ['teacherId'],
        where: { courseId: c.id, schoolId, status: 'held', teacherId: { in: ids } },
        _count: { _all: true },
      });
      const reflected = await this.db.reflection.count({ where: { status: 'answered', slot: { courseId: c.id, schoolId, teacherId: { in: ids } } } });
      out.push({
        courseName: c.name,
        target: c.feedbackTarget,
        participants: ids.length,
        completed: held.filter((h) => h._count._all >= c.feedbackTarget).length,
        held: held.reduce((n, h) => n + h._count._all, 0),
        reflected,
      });
    }
    return out;
  }

  async unreachableStaff(schoolId: string, platforms: string[]) {
    return this.db.person.count({
      where: {
        active: true,
        memberships: { some: { schoolId } },
        // Reachable = an identity on an enabled platform that is not marked unreachable.
        NOT: { identities: { some: { platform: { in: platforms }, unreachableAt: null } } },
      },
    });
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
