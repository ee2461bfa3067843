// Which school channels a person would be a member of on a real platform: leaders sit in the
// leadership channel, learning agents in the agents' channel, and the coordinator — who links the
// channels to the schools — in both. Nobody else sees a channel's posts.
import type { Role } from '../../core/directory.js';

export type Purpose = 'leadership' | 'agents';

export interface VisibleChannel {
  schoolId: string;
  schoolName: string;
  purpose: Purpose;
  /** The local channel (the playground makes one per school and purpose). */
  channelId: string;
}

const MEMBERS: Record<Purpose, readonly Role[]> = {
  leadership: ['leader', 'coordinator'],
  agents: ['learning_agent', 'coordinator'],
};

/** The school channels someone with these roles is in, each once, in roster order. */
export function channelsOf(roles: readonly { schoolId: string; schoolName: string; role: Role }[]): Omit<VisibleChannel, 'channelId'>[] {
  const seen = new Map<string, Omit<VisibleChannel, 'channelId'>>();
  for (const purpose of ['leadership', 'agents'] as const) {
    for (const r of roles) {
      if (MEMBERS[purpose].includes(r.role) && !seen.has(`${r.schoolId}:${purpose}`)) seen.set(`${r.schoolId}:${purpose}`, { schoolId: r.schoolId, schoolName: r.schoolName, purpose });
    }
  }
  return [...seen.values()];
}

/** The playground's own channel id for a school's channel. */
export const localChannelId = (schoolId: string, purpose: Purpose) => `${schoolId}:${purpose}`;
