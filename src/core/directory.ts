// Who is who: the runtime's read/write view of people, their platform identities and school channels.
// Implemented in src/store/directory-repository.ts. Adapters use it to resolve the acting user; the
// chat router uses it to find where to deliver.
import type { Locale } from './i18n/catalogue.js';
import type { ChannelPurpose, ChannelTarget, DirectTarget, PlatformName } from './chat.js';

export const ROLES = ['teacher', 'pedagogue', 'learning_agent', 'consultant', 'leader', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];

export interface PersonSummary {
  id: string;
  municipalityId: string;
  email: string;
  name: string;
  locale: Locale;
  active: boolean;
  /** They turned prompts and nudges off for themselves (`indstillinger`). */
  promptsOff: boolean;
}

export interface Directory {
  person(personId: string): Promise<PersonSummary | null>;
  /** Active persons with this email in any municipality (emails are unique per municipality). */
  personsByEmail(email: string): Promise<PersonSummary[]>;
  /** The person behind a platform user, matching an identity whose tenant is this one or not yet known. */
  personByIdentity(platform: PlatformName, tenantId: string, externalId: string): Promise<PersonSummary | null>;
  /** Creates or updates the identity (fills in a tenant learnt later, stores a conversation reference). */
  linkIdentity(input: { personId: string; platform: PlatformName; tenantId: string; externalId: string; conversationRef?: string | null }): Promise<void>;
  /** Where to send a person a direct message on a given platform, or on the one they were seen on last. */
  directTargets(personId: string): Promise<(DirectTarget & { platform: PlatformName; unreachable: boolean })[]>;
  channelTarget(schoolId: string, purpose: ChannelPurpose, platform?: PlatformName): Promise<(ChannelTarget & { platform: PlatformName; unreachable: boolean }) | null>;
  linkChannel(input: { schoolId: string; purpose: ChannelPurpose; platform: PlatformName; tenantId: string; channelId: string; conversationRef?: string | null }): Promise<void>;
  markIdentityUnreachable(identityId: string, reason: string, at: Date): Promise<void>;
  markChannelUnreachable(channelRowId: string, reason: string, at: Date): Promise<void>;
  rolesOf(personId: string): Promise<{ schoolId: string; schoolName: string; role: Role }[]>;
  /** Coordinators of a municipality: named in "ask your coordinator" answers. */
  coordinators(municipalityId: string): Promise<PersonSummary[]>;
  /** The locale channel posts of a school are written in (its municipality's). */
  schoolLocale(schoolId: string): Promise<Locale>;
  /** A school with its municipality and the locale its channel posts are written in. */
  school(schoolId: string): Promise<{ id: string; name: string; municipalityId: string; locale: Locale } | null>;
  /** Everyone active, with their roles as text (for the playground's person picker). */
  allActivePeople(): Promise<{ id: string; name: string; roles: { role: Role; school: string }[] }[]>;
  allSchools(): Promise<{ id: string; name: string; municipalityId: string }[]>;
  /** Active people with no identity on this platform yet. */
  peopleWithoutIdentity(platform: PlatformName): Promise<string[]>;
  /**
   * The municipality a workspace/tenant serves, judged by the people and channels already linked to
   * it; else the deployment's default municipality (by slug). Used to name the right coordinator.
   */
  municipalityOfTenant(platform: PlatformName, tenantId: string, defaultSlug: string): Promise<string | undefined>;
  /** Keeps a linked channel's stored conversation reference current (service URLs move). */
  refreshChannelReference(platform: PlatformName, channelId: string, conversationRef: string): Promise<void>;
}
