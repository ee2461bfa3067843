// Validated rows → the desired state per municipality → a plan: the difference to what is stored.
// Pure functions; the repository reads the current state and applies the plan.
import type { Problem, RosterRow } from './parse.js';
import { slugify, type Role } from './roles.js';

export type IdentityPlatform = 'slack' | 'teams';

export interface DesiredPerson {
  email: string;
  name: string;
  /** undefined = the file has no locale column: keep what is stored. */
  locale?: 'da' | 'en' | null;
  identities: Partial<Record<IdentityPlatform, string>>;
  /** (school, role) pairs; school is the canonical spelling within this municipality. */
  memberships: { school: string; role: Role }[];
  /** First line the person appears on, for messages. */
  line: number;
}

export interface DesiredMunicipality {
  slug: string;
  /** Display name used only when the municipality has to be created. */
  name: string;
  /** Schools as first spelled in the file. */
  schools: string[];
  persons: Map<string, DesiredPerson>;
}

/** Groups rows by municipality and person; names, locales or ids that disagree between rows are problems. */
export function buildDesiredRoster(rows: RosterRow[], defaultMunicipality: string): { desired: DesiredMunicipality[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const municipalities = new Map<string, DesiredMunicipality>();
  const schoolSpelling = new Map<string, Map<string, string>>(); // slug → lower-case name → spelling
  const firstLine = new Map<string, { name: number; locale?: number; slack?: number; teams?: number }>();
  const idOwners = new Map<string, { email: string; line: number }>(); // "slack:U…" → first person

  for (const row of rows) {
    const slug = row.municipality === undefined ? slugify(defaultMunicipality) : slugify(row.municipality);
    if (slug === '') {
      problems.push({ line: row.line, code: 'municipalityNoLetters', params: { municipality: row.municipality ?? defaultMunicipality } });
      continue;
    }
    let m = municipalities.get(slug);
    if (!m) {
      m = { slug, name: row.municipality ?? defaultMunicipality, schools: [], persons: new Map() };
      municipalities.set(slug, m);
      schoolSpelling.set(slug, new Map());
    }
    const spellings = schoolSpelling.get(slug)!;
    const schoolKey = row.school.toLowerCase();
    if (!spellings.has(schoolKey)) {
      spellings.set(schoolKey, row.school);
      m.schools.push(row.school);
    }
    const school = spellings.get(schoolKey)!;

    const key = `${slug}\u0000${row.email}`;
    let person = m.persons.get(row.email);
    if (!person) {
      person = { email: row.email, name: row.name, locale: row.locale, identities: {}, memberships: [], line: row.line };
      m.persons.set(row.email, person);
      firstLine.set(key, { name: row.line, ...(row.locale ? { locale: row.line } : {}) });
    }
    const lines = firstLine.get(key)!;
    if (row.name !== person.name)
      problems.push({ line: row.line, code: 'nameConflict', params: { email: row.email, name: row.name, other: person.name, otherLine: lines.name } });
    if (row.locale) {
      if (person.locale && person.locale !== row.locale)
        problems.push({
          line: row.line,
          code: 'localeConflict',
          params: { email: row.email, locale: row.locale, other: person.locale, otherLine: lines.locale ?? person.line },
        });
      else if (!person.locale) {
        person.locale = row.locale;
        lines.locale = row.line;
      }
    }
    for (const [platform, id, column] of [
      ['slack', row.slackUserId, 'slack_user_id'],
      ['teams', row.teamsAadId, 'teams_aad_id'],
    ] as const) {
      if (id === undefined) continue;
      const current = person.identities[platform];
      if (current !== undefined && current !== id) {
        problems.push({
          line: row.line,
          code: 'idConflict',
          params: { email: row.email, column, id, other: current, otherLine: lines[platform] ?? person.line },
        });
        continue;
      }
      const owner = idOwners.get(`${platform}:${id}`);
      if (owner && owner.email !== row.email) {
        problems.push({ line: row.line, code: 'idShared', params: { column, id, email: owner.email, otherLine: owner.line } });
        continue;
      }
      if (current === undefined) {
        person.identities[platform] = id;
        lines[platform] = row.line;
        idOwners.set(`${platform}:${id}`, { email: row.email, line: row.line });
      }
    }
    for (const role of row.roles)
      if (!person.memberships.some((ms) => ms.school === school && ms.role === role)) person.memberships.push({ school, role });
  }
  return { desired: [...municipalities.values()], problems };
}

// ── Current state, as the repository reads it ───────────────────────────────────────────────────

export interface CurrentIdentity {
  id: string;
  personId: string;
  platform: string;
  tenantId: string;
  externalId: string;
}

export interface CurrentPerson {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  active: boolean;
  memberships: { id: string; schoolId: string; role: string }[];
  identities: CurrentIdentity[];
}

export interface CurrentMunicipality {
  id: string;
  slug: string;
  schools: { id: string; name: string }[];
  persons: CurrentPerson[];
}

export interface CurrentRoster {
  /** Only the municipalities named by the file (absent = does not exist yet). */
  municipalities: Map<string, CurrentMunicipality>;
  /** Stored identities whose (platform, externalId) the file mentions, whoever owns them. */
  identities: (CurrentIdentity & { ownerEmail: string; ownerMunicipality: string })[];
}

// ── The plan ────────────────────────────────────────────────────────────────────────────────────

export interface Change<T> {
  from: T;
  to: T;
}

export interface MunicipalityPlan {
  slug: string;
  name: string;
  /** null: create it. */
  id: string | null;
  /** Stored schools by canonical name (the names the plan uses). */
  schoolIds: Record<string, string>;
  schoolsToCreate: string[];
  personsToCreate: {
    email: string;
    name: string;
    locale: 'da' | 'en' | null;
    memberships: { school: string; role: Role }[];
    identities: { platform: IdentityPlatform; externalId: string }[];
  }[];
  personUpdates: {
    personId: string;
    email: string;
    name?: Change<string>;
    locale?: Change<string | null>;
    reactivate?: boolean;
  }[];
  membershipsToAdd: { personId: string; email: string; school: string; role: Role }[];
  membershipsToRemove: { membershipId: string; email: string; school: string; role: string }[];
  identitiesToDelete: { identityId: string; email: string; platform: string; externalId: string }[];
  identitiesToUpdate: { identityId: string; email: string; platform: IdentityPlatform; externalId: Change<string> }[];
  identitiesToCreate: { personId: string; email: string; platform: IdentityPlatform; externalId: string }[];
  /** Active people not in the file. */
  missing: { personId: string; email: string; name: string }[];
  /** The subset of `missing` deactivated (only with --prune). */
  deactivate: { personId: string; email: string; name: string }[];
  /** Active people stored before this import (for the share --prune would deactivate). */
  activeBefore: number;
  peopleInFile: number;
  schoolsInFile: number;
}

export interface RosterPlan {
  municipalities: MunicipalityPlan[];
}

export interface PlanOptions {
  prune: boolean;
  /** With prune: deactivate only these people (those the coordinator was shown and confirmed). */
  onlyDeactivate?: ReadonlySet<string>;
}

/** The changes that turn `current` into `desired`, or problems when stored data contradict the file. */
export function planRoster(
  desired: DesiredMunicipality[],
  current: CurrentRoster,
  options: PlanOptions,
): { plan: RosterPlan; problems: Problem[] } {
  const problems: Problem[] = [];
  const plans: MunicipalityPlan[] = [];
  const desiredOwner = new Map<string, { slug: string; person: DesiredPerson }>(); // "slack:U…" → desired owner
  for (const m of desired)
    for (const p of m.persons.values())
      for (const [platform, id] of Object.entries(p.identities)) desiredOwner.set(`${platform}:${id}`, { slug: m.slug, person: p });

  for (const m of desired) {
    const stored = current.municipalities.get(m.slug);
    const plan: MunicipalityPlan = {
      slug: m.slug,
      name: m.name,
      id: stored?.id ?? null,
      schoolIds: {},
      schoolsToCreate: [],
      personsToCreate: [],
      personUpdates: [],
      membershipsToAdd: [],
      membershipsToRemove: [],
      identitiesToDelete: [],
      identitiesToUpdate: [],
      identitiesToCreate: [],
      missing: [],
      deactivate: [],
      activeBefore: (stored?.persons ?? []).filter((p) => p.active).length,
      peopleInFile: m.persons.size,
      schoolsInFile: m.schools.length,
    };
    plans.push(plan);

    // Schools match case-insensitively; the stored spelling wins.
    const storedSchool = new Map((stored?.schools ?? []).map((s) => [s.name.toLowerCase(), s]));
    const canonical = new Map<string, string>();
    for (const name of m.schools) {
      const s = storedSchool.get(name.toLowerCase());
      if (s) {
        plan.schoolIds[s.name] = s.id;
        canonical.set(name, s.name);
      } else {
        plan.schoolsToCreate.push(name);
        canonical.set(name, name);
      }
    }
    const schoolName = new Map((stored?.schools ?? []).map((s) => [s.id, s.name]));

    const storedPersons = new Map((stored?.persons ?? []).map((p) => [p.email.toLowerCase(), p]));
    for (const p of m.persons.values()) {
      const memberships = p.memberships.map((ms) => ({ school: canonical.get(ms.school)!, role: ms.role }));
      const sp = storedPersons.get(p.email);
      if (!sp) {
        plan.personsToCreate.push({
          email: p.email,
          name: p.name,
          locale: p.locale ?? null,
          memberships,
          identities: Object.entries(p.identities).map(([platform, externalId]) => ({ platform: platform as IdentityPlatform, externalId })),
        });
        continue;
      }
      const update: MunicipalityPlan['personUpdates'][number] = { personId: sp.id, email: p.email };
      if (sp.name !== p.name) update.name = { from: sp.name, to: p.name };
      if (p.locale !== undefined && sp.locale !== p.locale) update.locale = { from: sp.locale, to: p.locale };
      if (!sp.active) update.reactivate = true;
      if (update.name || update.locale || update.reactivate) plan.personUpdates.push(update);

      const have = new Set(sp.memberships.map((ms) => `${schoolName.get(ms.schoolId)}\u0000${ms.role}`));
      const want = new Set(memberships.map((ms) => `${ms.school}\u0000${ms.role}`));
      for (const ms of memberships)
        if (!have.has(`${ms.school}\u0000${ms.role}`)) plan.membershipsToAdd.push({ personId: sp.id, email: p.email, ...ms });
      for (const ms of sp.memberships) {
        const school = schoolName.get(ms.schoolId) ?? ms.schoolId;
        if (!want.has(`${school}\u0000${ms.role}`))
          plan.membershipsToRemove.push({ membershipId: ms.id, email: p.email, school, role: ms.role });
      }
    }

    const inFile = new Set(m.persons.keys());
    for (const sp of stored?.persons ?? []) {
      if (inFile.has(sp.email.toLowerCase()) || !sp.active) continue;
      const entry = { personId: sp.id, email: sp.email, name: sp.name };
      plan.missing.push(entry);
      if (options.prune && (!options.onlyDeactivate || options.onlyDeactivate.has(sp.id))) plan.deactivate.push(entry);
    }
  }

  planIdentities(desired, current, plans, desiredOwner, problems);
  return { plan: { municipalities: plans }, problems };
}

/**
 * Identities from the file. An id stored for someone else moves only when that person is in the file
 * with a different id (ids handed over); otherwise the file contradicts the database and we stop.
 */
function planIdentities(
  desired: DesiredMunicipality[],
  current: CurrentRoster,
  plans: MunicipalityPlan[],
  desiredOwner: Map<string, { slug: string; person: DesiredPerson }>,
  problems: Problem[],
): void {
  const deleted = new Set<string>();
  const byKey = new Map<string, CurrentRoster['identities']>();
  for (const i of current.identities) {
    const key = `${i.platform}:${i.externalId}`;
    byKey.set(key, [...(byKey.get(key) ?? []), i]);
  }
  const column = { slack: 'slack_user_id', teams: 'teams_aad_id' } as const;

  // Pass 1: ids stored for another person.
  const pending: { plan: MunicipalityPlan; person: CurrentPerson; platform: IdentityPlatform; id: string; line: number }[] = [];
  desired.forEach((m, index) => {
    const plan = plans[index]!;
    const stored = current.municipalities.get(m.slug);
    const storedPersons = new Map((stored?.persons ?? []).map((p) => [p.email.toLowerCase(), p]));
    for (const p of m.persons.values()) {
      const sp = storedPersons.get(p.email);
      for (const [platform, id] of Object.entries(p.identities) as [IdentityPlatform, string][]) {
        const existing = byKey.get(`${platform}:${id}`) ?? [];
        if (sp && existing.some((i) => i.personId === sp.id)) continue;
        const foreign = existing.filter((i) => i.personId !== sp?.id);
        let blocked = false;
        for (const f of foreign) {
          const ownerNow = desiredOwner.get(`${platform}:${id}`);
          const ownerStillInFile = desired
            .find((d) => d.slug === f.ownerMunicipality)
            ?.persons.get(f.ownerEmail.toLowerCase());
          if (ownerStillInFile && ownerStillInFile.identities[platform] !== id && ownerNow?.person === p) {
            plan.identitiesToDelete.push({ identityId: f.id, email: f.ownerEmail, platform, externalId: id });
            deleted.add(f.id);
          } else {
            const params = { column: column[platform], id, owner: f.ownerEmail, municipality: f.ownerMunicipality };
            problems.push({ line: p.line, code: f.ownerMunicipality !== m.slug ? 'idTakenElsewhere' : 'idTaken', params });
            blocked = true;
          }
        }
        if (!blocked && sp) pending.push({ plan, person: sp, platform, id, line: p.line });
      }
    }
  });

  // Pass 2: correct a not-yet-linked id (tenant unknown) in place, else add one.
  for (const { plan, person, platform, id } of pending) {
    const replaceable = person.identities.find((i) => i.platform === platform && i.tenantId === '' && !deleted.has(i.id));
    if (replaceable && !desiredOwner.has(`${platform}:${replaceable.externalId}`)) {
      plan.identitiesToUpdate.push({
        identityId: replaceable.id,
        email: person.email,
        platform,
        externalId: { from: replaceable.externalId, to: id },
      });
      deleted.add(replaceable.id);
    } else {
      plan.identitiesToCreate.push({ personId: person.id, email: person.email, platform, externalId: id });
    }
  }
}

/** --prune deactivating more people than this, or more than this share of a municipality's active staff, must be confirmed. */
export const PRUNE_CONFIRM_ABOVE = { people: 3, share: 0.2 } as const;

/** The municipalities where the plan deactivates so many that the coordinator must confirm it first. */
export function prunesNeedingConfirmation(plan: RosterPlan): MunicipalityPlan[] {
  return plan.municipalities.filter(
    (m) => m.deactivate.length > PRUNE_CONFIRM_ABOVE.people || (m.deactivate.length > 0 && m.deactivate.length > PRUNE_CONFIRM_ABOVE.share * m.activeBefore),
  );
}

export interface RosterCounts {
  people: number;
  added: number;
  updated: number;
  reactivated: number;
  deactivated: number;
  missing: number;
  schools: number;
  schoolsAdded: number;
  rolesAdded: number;
  rolesRemoved: number;
  identitiesChanged: number;
  municipalitiesAdded: number;
}

export function countPlan(plan: RosterPlan): RosterCounts {
  const c: RosterCounts = {
    people: 0, added: 0, updated: 0, reactivated: 0, deactivated: 0, missing: 0, schools: 0,
    schoolsAdded: 0, rolesAdded: 0, rolesRemoved: 0, identitiesChanged: 0, municipalitiesAdded: 0,
  };
  for (const m of plan.municipalities) {
    c.people += m.peopleInFile;
    c.added += m.personsToCreate.length;
    c.updated += m.personUpdates.filter((u) => u.name || u.locale).length;
    c.reactivated += m.personUpdates.filter((u) => u.reactivate).length;
    c.deactivated += m.deactivate.length;
    c.missing += m.missing.length;
    c.schools += m.schoolsInFile;
    c.schoolsAdded += m.schoolsToCreate.length;
    c.rolesAdded += m.membershipsToAdd.length + m.personsToCreate.reduce((n, p) => n + p.memberships.length, 0);
    c.rolesRemoved += m.membershipsToRemove.length;
    c.identitiesChanged +=
      m.identitiesToCreate.length + m.identitiesToUpdate.length + m.identitiesToDelete.length +
      m.personsToCreate.reduce((n, p) => n + p.identities.length, 0);
    if (m.id === null) c.municipalitiesAdded += 1;
  }
  return c;
}

export function totalChanges(c: RosterCounts): number {
  return c.added + c.updated + c.reactivated + c.deactivated + c.schoolsAdded + c.rolesAdded + c.rolesRemoved + c.identitiesChanged + c.municipalitiesAdded;
}
