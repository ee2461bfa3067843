// A person's own data: export (GDPR art. 15/20) and erasure (art. 17). The rules live in
// personal-data/ (coverage.ts says which rows are a person's); this class is the port.
import type { PersonalDataStore } from '../flows/privacy/ports.js';
import type { DbClient } from './client.js';
import { erasePerson, type ErasureReport } from './personal-data/erase.js';
import { inTransaction } from './unit-of-work.js';
import { exportPeople, type PersonalDataExport } from './personal-data/export.js';

export type { ErasureReport } from './personal-data/erase.js';
export type { PersonalDataExport } from './personal-data/export.js';

export interface PersonMatch {
  id: string;
  municipality: string;
  name: string;
  /** What erasure would touch, for the confirmation. */
  visitsAsTeacher: number;
  visitsAsAgent: number;
  reflections: number;
}

export class PersonalDataRepository implements PersonalDataStore {
  constructor(private readonly db: DbClient) {}

  /** Everyone with this e-mail (stored lower-case; one per municipality). */
  async peopleByEmail(email: string): Promise<PersonMatch[]> {
    const rows = await this.db.person.findMany({
      where: { email: email.trim().toLowerCase() },
      select: { id: true, name: true, municipality: { select: { slug: true } }, _count: { select: { offeredSlots: true, claimedSlots: true, reflections: true } } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      municipality: r.municipality.slug,
      visitsAsTeacher: r._count.offeredSlots,
      visitsAsAgent: r._count.claimedSlots,
      reflections: r._count.reflections,
    }));
  }

  exportPeople(personIds: string[], now: Date): Promise<PersonalDataExport> {
    return exportPeople(this.db, personIds, now);
  }

  async exportOwn(personId: string, now: Date): Promise<PersonalDataExport | null> {
    // An erased person has nothing left to hand out (and an old link of hers shows nothing).
    const p = await this.db.person.findUnique({ where: { id: personId }, select: { erasedAt: true } });
    if (!p || p.erasedAt) return null;
    return exportPeople(this.db, [personId], now);
  }

  /** One transaction per person; null when there is no such person. */
  erase(personId: string, now: Date): Promise<ErasureReport | null> {
    return erasePerson(this.db, personId, now);
  }

  /** Several people (one e-mail in several municipalities) in one transaction: all or none. */
  eraseAll(personIds: string[], now: Date): Promise<ErasureReport[]> {
    return inTransaction(this.db, async (tx) => {
      const reports: ErasureReport[] = [];
      for (const id of personIds) {
        const r = await erasePerson(tx, id, now);
        if (r) reports.push(r);
      }
      return reports;
    });
  }
}
