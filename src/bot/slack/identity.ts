// Who is acting in a Slack request: the facts the shared inbound pipeline (core/inbound.ts) needs —
// the team and user ids, and, for someone not linked yet, the e-mail of their Slack profile
// (users.info; bots and deactivated users have none that counts).
import type { webApi } from '@slack/bolt';
import type { InboundEvent } from '../../core/inbound.js';

export function slackUser(client: webApi.WebClient, teamId: string, userId: string): Pick<InboundEvent, 'platform' | 'tenantId' | 'userId' | 'lookup'> {
  return {
    platform: 'slack',
    tenantId: teamId,
    userId,
    lookup: async () => {
      const res = await client.users.info({ user: userId });
      const user = res.user as { is_bot?: boolean; deleted?: boolean; profile?: { email?: string } } | undefined;
      const email = !user || user.is_bot || user.deleted ? '' : (user.profile?.email?.trim().toLowerCase() ?? '');
      return { addresses: email ? [email] : [] };
    },
  };
}
