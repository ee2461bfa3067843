// What the digest reads. Rows carry ids and timestamps so the flow can count distinct teachers and
// apply the privacy rule (privacy.ts); nothing a teacher wrote ever leaves the store here.
export interface SchoolRef {
  id: string;
  name: string;
  municipalityId: string;
}

/** A member of staff at the school, and whether the bot can reach them on an enabled platform. */
export interface StaffRow {
  personId: string;
  role: string;
  reachable: boolean;
}

export interface CourseRow {
  id: string;
  name: string;
  target: number;
  /** The course file's share of the target per feedback window ("1,1,0"), if it gave one. */
  feedbackSpread: string | null;
  sessions: { number: number; startsAt: Date; endsAt: Date }[];
  /** Participants on this school's staff: active, or erased (anonymised people still count in totals). */
  participantIds: string[];
}

/** A held visit of one of the school's courses; `reflectedAt` when its reflection was answered. */
export interface HeldVisitRow {
  teacherId: string;
  courseId: string;
  startsAt: Date;
  reflectedAt: Date | null;
}

/** A lesson of the school (any status) in a time range: for week counts and the trend. */
export interface LessonRow {
  teacherId: string;
  status: string;
  startsAt: Date;
}

export interface DigestStore {
  schools(municipalityId?: string): Promise<SchoolRef[]>;
  school(schoolId: string): Promise<SchoolRef | null>;
  municipalityName(municipalityId: string): Promise<string | null>;
  /** The municipality by id or slug (operators' CLI). */
  findMunicipality(idOrSlug: string): Promise<{ id: string; name: string } | null>;
  /** The school by id or by its exact name (operators' CLI). */
  findSchool(idOrName: string): Promise<SchoolRef | null>;
  /** Active staff of the school with their roles (one row per role). */
  staff(schoolId: string, platforms: string[]): Promise<StaffRow[]>;
  /** Every course the school takes part in, with sessions and participants. */
  courses(schoolId: string): Promise<CourseRow[]>;
  /** Held visits of the given courses at the school. */
  heldVisits(schoolId: string, courseIds: string[]): Promise<HeldVisitRow[]>;
  /** The school's lessons starting in [from, to) with one of the statuses. */
  lessons(schoolId: string, statuses: string[], from: Date, to: Date): Promise<LessonRow[]>;
  leaders(schoolId: string): Promise<string[]>;
  /** Records the digest once; false if this school's digest for that week exists already. */
  record(schoolId: string, isoYear: number, isoWeek: number, summary: string, at: Date): Promise<boolean>;
  /** The summary recorded for that week (JSON), if any. */
  recorded(schoolId: string, isoYear: number, isoWeek: number): Promise<string | null>;
}
