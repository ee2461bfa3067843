// Who is acting: the Entra object id (aadObjectId) matched to the roster's teams_aad_id, else the
// member's email/UPN from Teams' member lookup matched to the roster's email — then linked, so the
// next turn is a single lookup. Every turn also refreshes the stored 1:1 conversation reference.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor } from '../../core/chat.js';
import type { Runtime } from '../../runtime.js';
import { municipalityOfTenant, pickRosterPerson } from '../roster-match.js';
import { conversationType, referenceOf, tenantOf } from './refs.js';

/**
 * The addresses a member may be matched to the roster by. The UPN's domain is one the tenant has
 * verified; the `email` (Entra's mail attribute) is whatever the tenant's admin typed — any tenant
 * that installs the app could set it to a teacher's address. So the email counts only when it is in
 * the UPN's own domain.
 */
export function trustedAddresses(member: { email?: string; userPrincipalName?: string } | null | undefined): string[] {
  const upn = member?.userPrincipalName?.trim().toLowerCase() ?? '';
  const email = member?.email?.trim().toLowerCase() ?? '';
  const domain = (a: string) => (a.includes('@') ? a.slice(a.lastIndexOf('@') + 1) : '');
  const out: string[] = [];
  if (domain(upn)) out.push(upn);
  if (domain(email) && email !== upn && domain(email) === domain(upn)) out.push(email);
  return out;
}

export interface ResolvedUser {
  actor: Actor | null;
  tenantId: string;
  aadObjectId: string | null;
}

export async function resolveUser(runtime: Runtime, context: TurnContext): Promise<ResolvedUser> {
  const activity = context.activity;
  const tenantId = tenantOf(activity);
  let aadObjectId = activity.from?.aadObjectId?.toLowerCase() ?? null;
  let person = aadObjectId ? await runtime.directory.personByIdentity('teams', tenantId, aadObjectId) : null;

  if (!person && activity.from?.id) {
    const member = await TeamsInfo.getMember(context, activity.from.id).catch((err: unknown) => {
      runtime.logger.warn({ err }, 'Teams member lookup failed');
      return null;
    });
    aadObjectId = aadObjectId ?? member?.aadObjectId?.toLowerCase() ?? null;
    for (const email of trustedAddresses(member)) {
      const matches = await runtime.directory.personsByEmail(email);
      if (matches.length === 0) continue;
      person = pickRosterPerson(matches, await municipalityOfTenant(runtime, 'teams', tenantId));
      if (!person) runtime.logger.warn({ count: matches.length }, 'Teams user matches people in several municipalities, none served by this tenant; not linking');
      break;
    }
  }

  if (person && aadObjectId) {
    // Only a 1:1 chat's reference is good for direct messages; a channel's must not replace it.
    const personal = conversationType(activity) === 'personal';
    await runtime.directory.linkIdentity({
      personId: person.id,
      platform: 'teams',
      tenantId,
      externalId: aadObjectId,
      ...(personal ? { conversationRef: JSON.stringify(referenceOf(activity)) } : {}),
    });
  }
  const actor = person ? await runtime.dispatcher.actorFor(person, 'teams') : null;
  return { actor, tenantId, aadObjectId };
}
