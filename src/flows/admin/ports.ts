// What the coordinator's commands need from the database.
export interface AdminStore {
  isCoordinator(personId: string, municipalityId: string): Promise<boolean>;
  schools(municipalityId: string): Promise<{ id: string; name: string; lessonTimes: string[] }[]>;
  setLessonTimes(schoolId: string, times: string[]): Promise<void>;
  unreachablePeople(municipalityId: string): Promise<{ name: string; email: string; platform: string; reason: string }[]>;
  /** Active people with no identity at all on these platforms: the bot has never been able to reach them. */
  neverReached(municipalityId: string, platforms: string[]): Promise<{ name: string; email: string }[]>;
  unreachableChannels(municipalityId: string): Promise<{ school: string; purpose: string; platform: string; reason: string }[]>;
  /**
   * Per school, this week's load on its learning agents: how many there are, their claimed and held
   * visits in [from, to), and how many have reached the weekly capacity they set.
   */
  agentLoad(municipalityId: string, from: Date, to: Date): Promise<{ school: string; agents: number; visits: number; full: number }[]>;
  jobCounts(now: Date): Promise<{ pending: number; due: number; failed: number }>;
  recentFailedJobs(limit: number): Promise<{ kind: string; error: string }[]>;
  /** Messages that could not be delivered (after a day of trying): how many, and since when the oldest failed. */
  failedDeliveries(municipalityId: string): Promise<{ count: number; oldest: Date | null }>;
}
