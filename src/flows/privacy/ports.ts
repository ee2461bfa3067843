// What the privacy flow needs from the database: a person's own export, as plain JSON.
export interface PersonalDataStore {
  /** Everything stored about this person (src/store/personal-data/coverage.ts); null when unknown. */
  exportOwn(personId: string, now: Date): Promise<object | null>;
}
