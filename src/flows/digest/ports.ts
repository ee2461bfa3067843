// What the weekly digest reads. Only counts leave this port.
export interface CourseProgress {
  courseName: string;
  target: number;
  /** Participants of this course at this school. */
  participants: number;
  /** Participants with at least `target` held visits in the course. */
  completed: number;
  held: number;
  /** Held visits whose reflection was written (a count, never the text). */
  reflected: number;
}

export interface WeekCounts {
  held: number;
  unclaimed: number;
  upcoming: number;
  open: number;
}

export interface DigestStore {
  schools(): Promise<{ id: string; name: string; municipalityId: string }[]>;
  school(schoolId: string): Promise<{ id: string; name: string; municipalityId: string } | null>;
  /** Visits counted by status in [from, to) by lesson start, plus what lies ahead. */
  weekCounts(schoolId: string, from: Date, to: Date, now: Date): Promise<WeekCounts>;
  courseProgress(schoolId: string, now: Date): Promise<CourseProgress[]>;
  /** Staff the bot cannot reach: marked unreachable, or with no identity on any of these platforms. */
  unreachableStaff(schoolId: string, platforms: string[]): Promise<number>;
  leaders(schoolId: string): Promise<string[]>;
  /** Records the digest once; false if this school's digest for that week exists already. */
  record(schoolId: string, isoYear: number, isoWeek: number, summary: string, at: Date): Promise<boolean>;
  /** The summary recorded for that week (JSON), if any. */
  recorded(schoolId: string, isoYear: number, isoWeek: number): Promise<string | null>;
}
