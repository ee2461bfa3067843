// Who is clicking: a Slack user (team + user id) → a roster person. First the stored identity
// (imported from the roster or learnt earlier), else the user's email from users.info matched
// against the roster, then stored so the next lookup is one query. A short in-memory cache keeps
// hot paths (a burst of clicks) off the database.
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/chat.js';
import type { MessageBuilder } from '../../core/messages.js';
import type { Runtime } from '../../runtime.js';
import { municipalityOfTenant, notOnRosterAnswer, pickRosterPerson } from '../roster-match.js';

const TTL_MS = 30_000;

export class SlackIdentities {
  private readonly cache = new Map<string, { actor: Actor | null; until: number }>();

  constructor(
    private readonly runtime: Runtime,
    private readonly client: webApi.WebClient,
  ) {}

  async actor(teamId: string, userId: string): Promise<Actor | null> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.actor;
    const actor = await this.resolve(teamId, userId);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { actor, until: Date.now() + TTL_MS });
    return actor;
  }

  private async resolve(teamId: string, userId: string): Promise<Actor | null> {
    const { directory, dispatcher } = this.runtime;
    const known = await directory.personByIdentity('slack', teamId, userId);
    if (known) return dispatcher.actorFor(known, 'slack');
    const email = await this.emailOf(userId);
    if (!email) return null;
    const persons = await directory.personsByEmail(email);
    if (persons.length === 0) return null;
    // Emails are unique per municipality; with several, the one this workspace serves, else nobody.
    const person = pickRosterPerson(persons, await municipalityOfTenant(this.runtime, 'slack', teamId));
    if (!person) {
      this.runtime.logger.warn({ count: persons.length }, 'Slack user matches people in several municipalities, none served by this workspace; not linking');
      return null;
    }
    await directory.linkIdentity({ personId: person.id, platform: 'slack', tenantId: teamId, externalId: userId });
    return dispatcher.actorFor(person, 'slack');
  }

  private async emailOf(userId: string): Promise<string | null> {
    try {
      const res = await this.client.users.info({ user: userId });
      const user = res.user as { is_bot?: boolean; deleted?: boolean; profile?: { email?: string } } | undefined;
      if (!user || user.is_bot || user.deleted) return null;
      return user.profile?.email?.trim().toLowerCase() || null;
    } catch (err) {
      this.runtime.logger.warn({ err, userId }, 'users.info failed; treating the Slack user as unknown');
      return null;
    }
  }

  /** The polite "you are not on the roster" answer, naming the coordinator of this workspace's municipality. */
  notOnRoster(teamId: string): Promise<MessageBuilder> {
    return notOnRosterAnswer(this.runtime, 'slack', teamId);
  }
}
