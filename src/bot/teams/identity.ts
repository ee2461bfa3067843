// Who is acting in a Teams turn: the platform facts the shared inbound pipeline (core/inbound.ts)
// needs — the Entra object id, the addresses Teams vouches for (looked up only for someone not linked
// yet), and, in the 1:1 chat, the conversation reference for direct messages.
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { InboundEvent } from '../../core/inbound.js';
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

/** The facts of one turn, for the inbound pipeline. */
export function teamsUser(context: TurnContext): Pick<InboundEvent, 'platform' | 'tenantId' | 'userId' | 'lookup' | 'conversationRef'> {
  const activity = context.activity;
  return {
    platform: 'teams',
    tenantId: tenantOf(activity),
    userId: activity.from?.aadObjectId?.toLowerCase() ?? '',
    lookup: async () => {
      if (!activity.from?.id) return null;
      const member = await TeamsInfo.getMember(context, activity.from.id);
      return { userId: member?.aadObjectId?.toLowerCase(), addresses: trustedAddresses(member) };
    },
    // Only a 1:1 chat's reference is good for direct messages; a channel's must not replace it.
    ...(conversationType(activity) === 'personal' ? { conversationRef: JSON.stringify(referenceOf(activity)) } : {}),
  };
}
