// People, identities and channels as the runtime and adapters need them.
import type { ChannelPurpose, PlatformName } from '../core/chat.js';
import type { Directory, PersonSummary, Role } from '../core/directory.js';
import { isLocale, type Locale } from '../core/i18n/catalogue.js';
import type { DbClient } from './client.js';
import { inTransaction } from './unit-of-work.js';

type PersonRow = { id: string; municipalityId: string; email: string; name: string; locale: string | null; active: boolean; promptsOff: boolean; municipality: { locale: string } };
const personSelect = { id: true, municipalityId: true, email: true, name: true, locale: true, active: true, promptsOff: true, municipality: { select: { locale: true } } } as const;

function toSummary(p: PersonRow): PersonSummary {
  const locale = isLocale(p.locale) ? p.locale : isLocale(p.municipality.locale) ? p.municipality.locale : 'da';
  return { id: p.id, municipalityId: p.municipalityId, email: p.email, name: p.name, locale, active: p.active, promptsOff: p.promptsOff };
}

export class DirectoryRepository implements Directory {
  constructor(private readonly db: DbClient) {}

  async person(personId: string): Promise<PersonSummary | null> {
    const p = await this.db.person.findUnique({ where: { id: personId }, select: personSelect });
    return p ? toSummary(p) : null;
  }

  async personsByEmail(email: string): Promise<PersonSummary[]> {
    const rows = await this.db.person.findMany({ where: { email: email.trim().toLowerCase(), active: true }, select: personSelect });
    return rows.map(toSummary);
  }

  async personByIdentity(platform: PlatformName, tenantId: string, externalId: string): Promise<PersonSummary | null> {
    const identity = await this.db.platformIdentity.findFirst({
      where: { platform, externalId, tenantId: { in: [tenantId, ''] }, person: { active: true } },
      // Prefer the identity already bound to this tenant over one from the roster with no tenant.
      orderBy: { tenantId: 'desc' },
      select: { person: { select: personSelect } },
    });
    return identity ? toSummary(identity.person) : null;
  }

  async linkIdentity(input: { personId: string; platform: PlatformName; tenantId: string; externalId: string; conversationRef?: string | null }): Promise<void> {
    const { personId, platform, tenantId, externalId } = input;
    const refData = input.conversationRef !== undefined ? { conversationRef: input.conversationRef } : {};
    await inTransaction(this.db, async (tx) => {
      // A roster-imported identity has no tenant yet: claim it for this tenant instead of duplicating.
      if (tenantId !== '') {
        const pending = await tx.platformIdentity.findUnique({
          where: { platform_tenantId_externalId: { platform, tenantId: '', externalId } },
        });
        const exact = await tx.platformIdentity.findUnique({
          where: { platform_tenantId_externalId: { platform, tenantId, externalId } },
        });
        if (pending && !exact) {
          await tx.platformIdentity.update({ where: { id: pending.id }, data: { tenantId, personId, ...refData, unreachableAt: null, unreachableReason: null } });
          return;
        }
      }
      await tx.platformIdentity.upsert({
        where: { platform_tenantId_externalId: { platform, tenantId, externalId } },
        create: { personId, platform, tenantId, externalId, conversationRef: input.conversationRef ?? null },
        // Hearing from a person again means they are reachable again.
        update: { personId, ...refData, unreachableAt: null, unreachableReason: null },
      });
    });
  }

  async directTargets(personId: string) {
    const rows = await this.db.platformIdentity.findMany({ where: { personId }, orderBy: { updatedAt: 'desc' } });
    return rows.map((r) => ({
      identityId: r.id,
      personId: r.personId,
      tenantId: r.tenantId,
      externalId: r.externalId,
      conversationRef: r.conversationRef,
      platform: r.platform as PlatformName,
      unreachable: r.unreachableAt !== null,
    }));
  }

  async channelTarget(schoolId: string, purpose: ChannelPurpose, platform?: PlatformName) {
    const r = await this.db.schoolChannel.findFirst({
      where: { schoolId, purpose, ...(platform ? { platform } : {}) },
      orderBy: { updatedAt: 'desc' },
    });
    if (!r) return null;
    return {
      channelRowId: r.id,
      schoolId: r.schoolId,
      purpose: r.purpose as ChannelPurpose,
      tenantId: r.tenantId,
      channelId: r.channelId,
      conversationRef: r.conversationRef,
      platform: r.platform as PlatformName,
      unreachable: r.unreachableAt !== null,
    };
  }

  async linkChannel(input: { schoolId: string; purpose: ChannelPurpose; platform: PlatformName; tenantId: string; channelId: string; conversationRef?: string | null }): Promise<void> {
    const data = { tenantId: input.tenantId, channelId: input.channelId, conversationRef: input.conversationRef ?? null, unreachableAt: null, unreachableReason: null };
    await this.db.schoolChannel.upsert({
      where: { schoolId_purpose_platform: { schoolId: input.schoolId, purpose: input.purpose, platform: input.platform } },
      create: { schoolId: input.schoolId, purpose: input.purpose, platform: input.platform, ...data },
      update: data,
    });
  }

  async markIdentityUnreachable(identityId: string, reason: string, at: Date): Promise<void> {
    await this.db.platformIdentity.update({ where: { id: identityId }, data: { unreachableAt: at, unreachableReason: reason } });
  }

  async markChannelUnreachable(channelRowId: string, reason: string, at: Date): Promise<void> {
    await this.db.schoolChannel.update({ where: { id: channelRowId }, data: { unreachableAt: at, unreachableReason: reason } });
  }

  async rolesOf(personId: string): Promise<{ schoolId: string; schoolName: string; role: Role }[]> {
    const rows = await this.db.membership.findMany({ where: { personId }, select: { schoolId: true, role: true, school: { select: { name: true } } }, orderBy: { school: { name: 'asc' } } });
    return rows.map((r) => ({ schoolId: r.schoolId, schoolName: r.school.name, role: r.role as Role }));
  }

  async coordinators(municipalityId: string): Promise<PersonSummary[]> {
    const rows = await this.db.person.findMany({
      where: { municipalityId, active: true, memberships: { some: { role: 'coordinator' } } },
      select: personSelect,
      orderBy: { name: 'asc' },
    });
    return rows.map(toSummary);
  }

  async schoolLocale(schoolId: string): Promise<Locale> {
    const s = await this.db.school.findUnique({ where: { id: schoolId }, select: { municipality: { select: { locale: true } } } });
    return isLocale(s?.municipality.locale) ? s.municipality.locale : 'da';
  }

  async school(schoolId: string): Promise<{ id: string; name: string; municipalityId: string; locale: Locale } | null> {
    const s = await this.db.school.findUnique({ where: { id: schoolId }, select: { id: true, name: true, municipalityId: true, municipality: { select: { locale: true } } } });
    return s ? { id: s.id, name: s.name, municipalityId: s.municipalityId, locale: isLocale(s.municipality.locale) ? s.municipality.locale : 'da' } : null;
  }

  async allActivePeople(): Promise<{ id: string; name: string; roles: { role: Role; school: string }[] }[]> {
    const rows = await this.db.person.findMany({
      where: { active: true },
      select: { id: true, name: true, memberships: { select: { role: true, school: { select: { name: true } } } } },
      orderBy: { name: 'asc' },
    });
    return rows.map((p) => ({ id: p.id, name: p.name, roles: p.memberships.map((m) => ({ role: m.role as Role, school: m.school.name })) }));
  }

  async allSchools(): Promise<{ id: string; name: string; municipalityId: string }[]> {
    return this.db.school.findMany({ select: { id: true, name: true, municipalityId: true }, orderBy: { name: 'asc' } });
  }

  async peopleWithoutIdentity(platform: PlatformName): Promise<string[]> {
    const rows = await this.db.person.findMany({ where: { active: true, identities: { none: { platform } } }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  async municipalityOfTenant(platform: PlatformName, tenantId: string, defaultSlug: string): Promise<string | undefined> {
    if (tenantId) {
      const identity = await this.db.platformIdentity.findFirst({ where: { platform, tenantId }, select: { person: { select: { municipalityId: true } } } });
      if (identity) return identity.person.municipalityId;
      const channel = await this.db.schoolChannel.findFirst({ where: { platform, tenantId }, select: { school: { select: { municipalityId: true } } } });
      if (channel) return channel.school.municipalityId;
    }
    const fallback = await this.db.municipality.findUnique({ where: { slug: defaultSlug }, select: { id: true } });
    return fallback?.id;
  }

  async refreshChannelReference(platform: PlatformName, channelId: string, conversationRef: string): Promise<void> {
    await this.db.schoolChannel.updateMany({ where: { platform, channelId }, data: { conversationRef } });
  }
}
