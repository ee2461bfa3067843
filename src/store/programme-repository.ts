// Read models for the programme flow: current courses with their windows' facts, participants, the
// learning agents' Monday overview, and an agent's weekly capacity.
import { parseSpread } from '../domain/feedback-windows.js';
import type { LearningAgent, OverviewLesson, Participant, ProgrammeCourse, ProgrammeStore } from '../flows/programme/ports.js';
import type { VisitFact } from '../domain/feedback-windows.js';
import type { DbClient } from './client.js';

const DAY_MS = 86_400_000;

const courseSelect = {
  id: true,
  municipalityId: true,
  name: true,
  feedbackTarget: true,
  feedbackSpread: true,
  sessions: { select: { number: true, startsAt: true, endsAt: true }, orderBy: { number: 'asc' } },
} as const;

type CourseRow = { id: string; municipalityId: string; name: string; feedbackTarget: number; feedbackSpread: string | null; sessions: { number: number; startsAt: Date; endsAt: Date }[] };

const toCourse = (c: CourseRow): ProgrammeCourse => ({ ...c, feedbackSpread: parseSpread(c.feedbackSpread) });

const lessonSelect = {
  id: true,
  teacherId: true,
  startsAt: true,
  endsAt: true,
  classGroup: true,
  subject: true,
  school: { select: { name: true } },
  teacher: { select: { name: true } },
} as const;

type LessonRow = { id: string; teacherId: string; startsAt: Date; endsAt: Date; classGroup: string; subject: string; school: { name: string }; teacher: { name: string } };

const toLesson = (r: LessonRow): OverviewLesson => ({
  id: r.id,
  teacherId: r.teacherId,
  schoolName: r.school.name,
  teacherName: r.teacher.name,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  classGroup: r.classGroup,
  subject: r.subject,
});

export class ProgrammeRepository implements ProgrammeStore {
  constructor(private readonly db: DbClient) {}

  async currentCourses(at: Date, daysAfterLast: number): Promise<ProgrammeCourse[]> {
    const rows = await this.db.course.findMany({
      where: { sessions: { some: { endsAt: { gt: new Date(at.getTime() - daysAfterLast * DAY_MS) } } } },
      select: courseSelect,
    });
    return rows.map(toCourse);
  }

  async course(courseId: string): Promise<ProgrammeCourse | null> {
    const row = await this.db.course.findUnique({ where: { id: courseId }, select: courseSelect });
    return row ? toCourse(row) : null;
  }

  async participants(courseId: string): Promise<Participant[]> {
    const rows = await this.db.courseParticipant.findMany({
      where: { courseId, person: { active: true } },
      select: { person: { select: { id: true, name: true, promptsOff: true } } },
    });
    return rows.map((r) => r.person);
  }

  async courseLessons(courseId: string): Promise<VisitFact[]> {
    return this.db.slot.findMany({ where: { courseId }, select: { courseId: true, teacherId: true, startsAt: true, status: true } });
  }

  async municipalities(): Promise<{ id: string }[]> {
    return this.db.municipality.findMany({ select: { id: true } });
  }

  async agentsToBrief(municipalityId: string): Promise<LearningAgent[]> {
    const rows = await this.db.person.findMany({
      where: { municipalityId, active: true, promptsOff: false, memberships: { some: { role: 'learning_agent' } } },
      select: { id: true, name: true, visitsPerWeek: true, memberships: { where: { role: 'learning_agent' }, select: { schoolId: true } } },
      orderBy: { name: 'asc' },
    });
    return rows.map((r) => ({ id: r.id, name: r.name, visitsPerWeek: r.visitsPerWeek, schoolIds: r.memberships.map((m) => m.schoolId) }));
  }

  async openLessons(schoolIds: string[], from: Date, to: Date, limit: number): Promise<OverviewLesson[]> {
    const rows = await this.db.slot.findMany({
      // Announced only: during the previous agent's head start a lesson is not everyone's to see.
      where: { schoolId: { in: schoolIds }, status: 'open', announcedAt: { not: null }, startsAt: { gte: from, lt: to } },
      select: lessonSelect,
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map(toLesson);
  }

  async agentVisits(agentId: string, from: Date, to: Date): Promise<OverviewLesson[]> {
    const rows = await this.db.slot.findMany({
      where: { agentId, status: 'claimed', startsAt: { gte: from, lt: to } },
      select: lessonSelect,
      orderBy: { startsAt: 'asc' },
    });
    return rows.map(toLesson);
  }

  async setCapacity(personId: string, visitsPerWeek: number | null): Promise<void> {
    await this.db.person.update({ where: { id: personId }, data: { visitsPerWeek } });
  }

  async capacity(personId: string): Promise<number | null> {
    return (await this.db.person.findUnique({ where: { id: personId }, select: { visitsPerWeek: true } }))?.visitsPerWeek ?? null;
  }
}
