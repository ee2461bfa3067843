// What housekeeping needs from the database.
export interface HousekeepingStore {
  pruneDeliveries(olderThan: Date): Promise<number>;
  pruneFinishedJobs(olderThan: Date): Promise<number>;
}
