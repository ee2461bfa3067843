// What the playground's example data needs beyond the importers and the flows: whether the database
// is still empty, people by e-mail, and visits held before "now" (time only moves forward, so past
// visits cannot be made by the flows themselves).
import type { DbClient } from './client.js';

export interface HeldVisit {
  teacherEmail: string;
  agentEmail: string;
  schoolName: string;
  startsAt: Date;
  minutes: number;
  classGroup: string;
  subject: string;
}

export class DemoRepository {
  constructor(private readonly db: DbClient) {}

  /** Nobody on the roster yet: the only state in which example data is offered. */
  async isEmpty(): Promise<boolean> {
    return (await this.db.person.count()) === 0;
  }

  async person(email: string): Promise<{ id: string; municipalityId: string; locale: string | null } | null> {
    return this.db.person.findFirst({ where: { email: email.toLowerCase() }, select: { id: true, municipalityId: true, locale: true } });
  }

  /** The id of the lesson a teacher offered last. */
  async latestSlotOf(teacherId: string): Promise<string | null> {
    return (await this.db.slot.findFirst({ where: { teacherId }, orderBy: { createdAt: 'desc' }, select: { id: true } }))?.id ?? null;
  }

  /** A visit that took place: counted in `mine` and the digest, linked to the teacher's course at that school. */
  async addHeldVisit(v: HeldVisit): Promise<void> {
    const [teacher, agent] = await Promise.all([this.person(v.teacherEmail), this.person(v.agentEmail)]);
    const school = await this.db.school.findFirst({ where: { name: v.schoolName, municipalityId: teacher?.municipalityId } });
    if (!teacher || !agent || !school) throw new Error('example visit names someone or a school not in the example roster');
    const course = await this.db.course.findFirst({ where: { participants: { some: { personId: teacher.id } }, schools: { some: { schoolId: school.id } } }, select: { id: true } });
    await this.db.slot.create({
      data: {
        schoolId: school.id,
        teacherId: teacher.id,
        createdById: teacher.id,
        courseId: course?.id ?? null,
        startsAt: v.startsAt,
        endsAt: new Date(v.startsAt.getTime() + v.minutes * 60_000),
        classGroup: v.classGroup,
        subject: v.subject,
        status: 'held',
        agentId: agent.id,
        claimedAt: v.startsAt,
        announcedAt: v.startsAt,
      },
    });
  }
}
