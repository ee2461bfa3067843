// What the coordinator's commands need from the database.
export interface AdminStore {
  isCoordinator(personId: string, municipalityId: string): Promise<boolean>;
  schools(municipalityId: string): Promise<{ id: string; name: string }[]>;
  unreachablePeople(municipalityId: string): Promise<{ name: string; email: string; platform: string; reason: string }[]>;
  unreachableChannels(municipalityId: string): Promise<{ school: string; purpose: string; platform: string; reason: string }[]>;
  jobCounts(now: Date): Promise<{ pending: number; due: number; failed: number }>;
  recentFailedJobs(limit: number): Promise<{ kind: string; error: string }[]>;
}
