// Which roster person an email found on a platform belongs to. Emails are unique per municipality,
// not across them: the same address can be on two municipalities' rosters (someone working for both).
// The municipality the workspace/tenant serves decides; without a person there, only a single,
// unambiguous match is taken — never "the first" of several, which would let a user act as a person
// of another municipality.
import type { PlatformName } from '../core/chat.js';
import type { PersonSummary } from '../core/directory.js';
import type { MessageBuilder } from '../core/messages.js';
import type { Runtime } from '../runtime.js';

export function pickRosterPerson(persons: PersonSummary[], home: string | undefined): PersonSummary | null {
  if (home) {
    const atHome = persons.find((p) => p.municipalityId === home);
    if (atHome) return atHome;
  }
  return persons.length === 1 ? persons[0]! : null;
}

/** The municipality a workspace/tenant serves: from an identity or channel already linked to it, else the default. */
export function municipalityOfTenant(runtime: Pick<Runtime, 'directory' | 'config'>, platform: PlatformName, tenantId: string): Promise<string | undefined> {
  return runtime.directory.municipalityOfTenant(platform, tenantId, runtime.config.defaultMunicipality);
}

/** The polite "you are not on the roster" answer, naming the coordinator of the tenant's municipality when known. */
export async function notOnRosterAnswer(runtime: Pick<Runtime, 'directory' | 'config' | 'dispatcher'>, platform: PlatformName, tenantId: string): Promise<MessageBuilder> {
  return runtime.dispatcher.notOnRoster(await municipalityOfTenant(runtime, platform, tenantId).catch(() => undefined));
}
