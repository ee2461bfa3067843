// What housekeeping needs from the database.
export interface HousekeepingStore {
  pruneDeliveries(olderThan: Date): Promise<number>;
  pruneFinishedJobs(olderThan: Date): Promise<number>;
  /** Deletes the answer texts of reflections on visits that started before `visitsBefore`; the reflection (answered or not) stays as a count. */
  pruneReflectionTexts(visitsBefore: Date): Promise<number>;
  /** Empties the payload of failed jobs last touched before `olderThan`; the row stays for the status view. */
  pruneFailedJobPayloads(olderThan: Date): Promise<number>;
}
