// Reads the roster state of municipalities and applies a roster plan. Used inside one interactive
// transaction so an import is all-or-nothing.
import { chunks } from './chunks.js';
import type { DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';
import type { Prisma } from './generated/sqlite/client.js';
import type { CurrentRoster, RosterPlan } from '../import/roster/plan.js';
import type { Progress, RosterStore, RosterTransaction } from '../import/roster/import.js';

type Tx = DbClient;

/** Large rosters: keep IN lists and multi-row inserts well below SQLite's variable limit. */

/** An import of 10,000 people takes seconds, but a slow disk must not abort it half-way. */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 10 * 60_000 };


export class RosterRepository implements RosterStore {
  constructor(private readonly db: DbClient) {}

  transaction<T>(fn: (tx: RosterTransaction) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (tx) => fn(new RosterTx(tx)), TRANSACTION_OPTIONS);
  }
}

class RosterTx implements RosterTransaction {
  constructor(private readonly tx: Tx) {}

  async load(slugs: string[], identityKeys: { platform: string; externalId: string }[]): Promise<CurrentRoster> {
    const municipalities = await this.tx.municipality.findMany({
      where: { slug: { in: slugs } },
      include: {
        schools: { select: { id: true, name: true } },
        persons: {
          select: {
            id: true,
            email: true,
            name: true,
            locale: true,
            active: true,
            memberships: { select: { id: true, schoolId: true, role: true } },
            identities: { select: { id: true, personId: true, platform: true, tenantId: true, externalId: true } },
          },
        },
      },
    });
    const identities: CurrentRoster['identities'] = [];
    for (const platform of ['slack', 'teams']) {
      const ids = identityKeys.filter((k) => k.platform === platform).map((k) => k.externalId);
      for (const part of chunks(ids)) {
        const rows = await this.tx.platformIdentity.findMany({
          where: { platform, externalId: { in: part } },
          select: {
            id: true,
            personId: true,
            platform: true,
            tenantId: true,
            externalId: true,
            person: { select: { email: true, municipality: { select: { slug: true } } } },
          },
        });
        for (const { person, ...i } of rows) identities.push({ ...i, ownerEmail: person.email, ownerMunicipality: person.municipality.slug });
      }
    }
    return {
      municipalities: new Map(municipalities.map((m) => [m.slug, { id: m.id, slug: m.slug, schools: m.schools, persons: m.persons }])),
      identities,
    };
  }

  async apply(plan: RosterPlan, defaults: { timeZone: string; locale: string }, onProgress?: Progress): Promise<void> {
    const tx = this.tx;
    const total = plan.municipalities.reduce(
      (n, m) =>
        n + 1 + m.schoolsToCreate.length + m.personsToCreate.length + m.personUpdates.length + m.membershipsToAdd.length +
        m.membershipsToRemove.length + m.identitiesToDelete.length + m.identitiesToUpdate.length + m.identitiesToCreate.length +
        m.deactivate.length,
      0,
    );
    let done = 0;
    const step = (n: number) => {
      done += n;
      onProgress?.(done, total);
    };

    for (const m of plan.municipalities) {
      const municipalityId =
        m.id ?? (await tx.municipality.create({ data: { slug: m.slug, name: m.name, timeZone: defaults.timeZone, locale: defaults.locale } })).id;
      step(1);

      const schoolIds = new Map(Object.entries(m.schoolIds));
      for (const name of m.schoolsToCreate) {
        const school = await tx.school.create({ data: { municipalityId, name }, select: { id: true } });
        schoolIds.set(name, school.id);
        step(1);
      }
      const schoolId = (name: string) => {
        const id = schoolIds.get(name);
        if (id === undefined) throw new Error(`roster plan refers to unknown school "${name}"`);
        return id;
      };

      // Ids handed to someone else go first, so the unique (platform, tenant, id) never collides.
      for (const part of chunks(m.identitiesToDelete)) {
        await tx.platformIdentity.deleteMany({ where: { id: { in: part.map((i) => i.identityId) } } });
        step(part.length);
      }
      for (const i of m.identitiesToUpdate) {
        await tx.platformIdentity.update({ where: { id: i.identityId }, data: { externalId: i.externalId.to } });
        step(1);
      }

      for (const part of chunks(m.personsToCreate)) {
        const created = await tx.person.createManyAndReturn({
          data: part.map((p) => ({ municipalityId, email: p.email, name: p.name, locale: p.locale })),
          select: { id: true, email: true },
        });
        const idByEmail = new Map(created.map((p) => [p.email, p.id]));
        const memberships = part.flatMap((p) =>
          p.memberships.map((ms) => ({ personId: idByEmail.get(p.email)!, schoolId: schoolId(ms.school), role: ms.role })),
        );
        for (const rows of chunks(memberships)) await tx.membership.createMany({ data: rows });
        const identities = part.flatMap((p) =>
          p.identities.map((i) => ({ personId: idByEmail.get(p.email)!, platform: i.platform, tenantId: '', externalId: i.externalId })),
        );
        for (const rows of chunks(identities)) await tx.platformIdentity.createMany({ data: rows });
        step(part.length);
      }

      for (const u of m.personUpdates) {
        await tx.person.update({
          where: { id: u.personId },
          data: {
            ...(u.name ? { name: u.name.to } : {}),
            ...(u.locale ? { locale: u.locale.to } : {}),
            ...(u.reactivate ? { active: true } : {}),
          },
        });
        step(1);
      }
      for (const part of chunks(m.membershipsToRemove)) {
        await tx.membership.deleteMany({ where: { id: { in: part.map((r) => r.membershipId) } } });
        step(part.length);
      }
      for (const part of chunks(m.membershipsToAdd)) {
        await tx.membership.createMany({ data: part.map((r) => ({ personId: r.personId, schoolId: schoolId(r.school), role: r.role })) });
        step(part.length);
      }
      for (const part of chunks(m.identitiesToCreate)) {
        await tx.platformIdentity.createMany({
          data: part.map((i) => ({ personId: i.personId, platform: i.platform, tenantId: '', externalId: i.externalId })),
        });
        step(part.length);
      }
      for (const part of chunks(m.deactivate)) {
        await tx.person.updateMany({ where: { id: { in: part.map((p) => p.personId) } }, data: { active: false } });
        step(part.length);
      }
    }
  }
}
