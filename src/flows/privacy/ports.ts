// What the privacy flow needs from the database: a person's own export. The shape is the JSON file
// a person (`mine data`) or the operator (`sparring gdpr export`) gets.
export const EXPORT_FORMAT = 'sparring-personal-data/1';

export interface PersonExport {
  /** The Person row as stored. */
  person: Record<string, unknown>;
  /** Rows per table that reference the person (every covered table is present, empty or not). */
  tables: Record<string, Record<string, unknown>[]>;
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  people: PersonExport[];
}

export interface PersonalDataStore {
  /** Everything stored about this person (src/store/personal-data/coverage.ts); null when unknown or erased. */
  exportOwn(personId: string, now: Date): Promise<PersonalDataExport | null>;
}
