// A person's own data: export (GDPR art. 15/20) and erasure (art. 17). The rules live in
// personal-data/ (coverage.ts says which rows are a person's); this class is the port.
import type { PersonalDataStore } from '../flows/privacy/ports.js';
import type { DbClient } from './client.js';
import { erasePerson, type ErasureReport } from './personal-data/erase.js';
import { exportPeople, type PersonalDataExport } from './personal-data/export.js';

export type { ErasureReport } from './personal-data/erase.js';
export type { PersonalDataExport } from './personal-data/export.js';

export interface PersonMatch {
  id: string;
  municipality: string;
  name: string;
}

export class PersonalDataRepository implements PersonalDataStore {
  constructor(private readonly db: DbClient) {}

  /** Everyone with this e-mail (stored lower-case; one per municipality). */
  async peopleByEmail(email: string): Promise<PersonMatch[]> {
    const rows = await this.db.person.findMany({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, name: true, municipality: { select: { slug: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((r) => ({ id: r.id, name: r.name, municipality: r.municipality.slug }));
  }

  exportPeople(personIds: string[], now: Date): Promise<PersonalDataExport> {
    return exportPeople(this.db, personIds, now);
  }

  async exportOwn(personId: string, now: Date): Promise<PersonalDataExport | null> {
    const data = await exportPeople(this.db, [personId], now);
    return data.people.length === 0 ? null : data;
  }

  /** One transaction per person; null when there is no such person. */
  erase(personId: string, now: Date): Promise<ErasureReport | null> {
    return erasePerson(this.db, personId, now);
  }
}
