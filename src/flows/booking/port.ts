// The booking flow's persistence port. src/store/booking-repository.ts implements it with Prisma.
// Every state change is a conditional update (the expected state is part of the WHERE clause), so two
// people clicking at once can never both win, and a stale button changes nothing.
import type { Role } from '../../core/directory.js';
import type { VisitFact } from '../../domain/feedback-windows.js';

export type SlotStatus = 'open' | 'claimed' | 'held' | 'not_held' | 'cancelled' | 'unclaimed';

export interface SlotView {
  id: string;
  schoolId: string;
  schoolName: string;
  municipalityId: string;
  teacherId: string;
  teacherName: string;
  teacherEmail: string;
  createdById: string;
  courseId: string | null;
  courseName: string | null;
  startsAt: Date;
  endsAt: Date;
  classGroup: string;
  subject: string;
  room: string | null;
  focus: string | null;
  status: SlotStatus;
  agentId: string | null;
  agentName: string | null;
  agentEmail: string | null;
  claimedAt: Date | null;
  announcedAt: Date | null;
  escalatedAt: Date | null;
  sequence: number;
}

/** What the flow gives to create a slot: the slot's own columns; names, status and sequence come from the store. */
export type NewSlot = Pick<SlotView, 'schoolId' | 'teacherId' | 'createdById' | 'courseId' | 'startsAt' | 'endsAt' | 'classGroup' | 'subject' | 'room' | 'focus'>;

export interface PersonRef {
  id: string;
  name: string;
  email: string;
}

export interface CourseWithSessions {
  id: string;
  name: string;
  theme: string;
  feedbackTarget: number;
  /** The course file's share per feedback window ("1,1,0"), if it gave one. */
  feedbackSpread: string | null;
  sessions: { number: number; startsAt: Date; endsAt: Date }[];
}

export interface BookingStore {
  createSlot(slot: NewSlot): Promise<SlotView>;
  /** The school's bell schedule: start times of lesson 1, 2, … (empty when none is set). */
  lessonTimes(schoolId: string): Promise<string[]>;
  slot(id: string): Promise<SlotView | null>;

  /** The teacher's open or claimed slots overlapping [start, end), except `excludeId`. */
  teacherOverlaps(teacherId: string, start: Date, end: Date, excludeId?: string): Promise<SlotView[]>;
  /** Visits the agent has claimed overlapping [start, end), except `excludeId`. */
  agentOverlaps(agentId: string, start: Date, end: Date, excludeId?: string): Promise<SlotView[]>;

  /**
   * First claim wins: open → claimed for this agent. False if the slot was not open any more (or, with
   * `expectedSequence`, has changed since it was read).
   */
  claim(id: string, agentId: string, at: Date, expectedSequence?: number): Promise<boolean>;
  /** The agent withdraws: claimed (by them) → open. With `expectedSequence`: only that version. */
  release(id: string, agentId: string, expectedSequence?: number): Promise<boolean>;
  /** open|claimed → cancelled. With `expectedSequence`: only that version. */
  cancel(id: string, expectedSequence?: number): Promise<boolean>;
  /** New times for an open or claimed slot (bumps the sequence). */
  move(id: string, startsAt: Date, endsAt: Date, expectedSequence: number): Promise<boolean>;
  /** claimed → held. */
  markHeld(id: string): Promise<boolean>;
  /** claimed|held → not_held. */
  markNotHeld(id: string): Promise<boolean>;
  /** open → unclaimed (nobody took it before it started); only this version if a sequence is given. */
  markUnclaimed(id: string, expectedSequence?: number): Promise<boolean>;
  markAnnounced(id: string, at: Date): Promise<void>;
  /** Sets escalatedAt unless it is set already; true if this call set it. */
  markEscalated(id: string, at: Date): Promise<boolean>;

  /** The agent who gave the teacher's most recent feedback (a held visit), if any. */
  previousAgent(teacherId: string, excludeSlotId?: string): Promise<string | null>;

  /** People with one of `roles` at the school (active only), sorted by name. */
  schoolPeople(schoolId: string, roles: Role[]): Promise<PersonRef[]>;
  /** Whether the person is active and has one of `roles` at the school. */
  hasRole(personId: string, schoolId: string, roles: Role[]): Promise<boolean>;

  /** Open slots at these schools that start after `now`, soonest first. */
  openSlots(schoolIds: string[], now: Date, limit: number): Promise<SlotView[]>;
  /** Upcoming slots (open or claimed) the person teaches, soonest first. */
  upcomingAsTeacher(personId: string, now: Date, limit: number): Promise<SlotView[]>;
  /** Claimed visits of the agent starting in [from, to), soonest first. */
  visitsAsAgent(agentId: string, from: Date, to: Date, limit: number): Promise<SlotView[]>;

  /** Courses the person takes part in, with sessions. */
  coursesOf(personId: string): Promise<CourseWithSessions[]>;
  /** The teacher's lessons offered for a course (any status), for progress per feedback window. */
  courseLessons(personId: string): Promise<VisitFact[]>;

  /** The weekly visit limits of those among `personIds` who set one (`kapacitet`). */
  capacities(personIds: string[]): Promise<Map<string, number>>;
  /** Claimed and held visits per agent starting in [from, to) (agents with none are absent). */
  visitCounts(agentIds: string[], from: Date, to: Date): Promise<Map<string, number>>;

  waitlistAdd(slotId: string, agentId: string): Promise<number>;
  waitlist(slotId: string): Promise<string[]>;
  waitlistRemove(slotId: string, agentId: string): Promise<void>;
}
