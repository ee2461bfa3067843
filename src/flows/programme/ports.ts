// What the programme flow (nudges, the agents' Monday overview, capacity) needs from the database.
import type { CourseSchedule, VisitFact } from '../../domain/feedback-windows.js';

export interface ProgrammeCourse extends CourseSchedule {
  municipalityId: string;
  name: string;
}

export interface Participant {
  id: string;
  name: string;
  /** They turned prompts and nudges off for themselves. */
  promptsOff: boolean;
}

/** A lesson as the agents' overview shows it. */
export interface OverviewLesson {
  id: string;
  teacherId: string;
  schoolName: string;
  teacherName: string;
  startsAt: Date;
  endsAt: Date;
  classGroup: string;
  subject: string;
}

export interface LearningAgent {
  id: string;
  name: string;
  schoolIds: string[];
  /** Visits a week they said they can take; null = no limit given. */
  visitsPerWeek: number | null;
}

export interface ProgrammeStore {
  /** Courses with a feedback window still open at `at` (a session ended at most `daysAfterLast` days before). */
  currentCourses(at: Date, daysAfterLast: number): Promise<ProgrammeCourse[]>;
  course(courseId: string): Promise<ProgrammeCourse | null>;
  /** Active participants of the course. */
  participants(courseId: string): Promise<Participant[]>;
  /** Every lesson offered for the course (any status). */
  courseLessons(courseId: string): Promise<VisitFact[]>;

  municipalities(): Promise<{ id: string }[]>;
  /** Active learning agents of the municipality who have not turned nudges off. */
  agentsToBrief(municipalityId: string): Promise<LearningAgent[]>;
  /** Announced open lessons at these schools starting in [from, to), soonest first. */
  openLessons(schoolIds: string[], from: Date, to: Date, limit: number): Promise<OverviewLesson[]>;
  /** The agent's claimed visits starting in [from, to), soonest first. */
  agentVisits(agentId: string, from: Date, to: Date): Promise<OverviewLesson[]>;

  /** Sets (or with null removes) the person's weekly visit limit. */
  setCapacity(personId: string, visitsPerWeek: number | null): Promise<void>;
  capacity(personId: string): Promise<number | null>;
}
