// Who is clicking: a Slack user (team + user id) → a roster person. First the stored identity
// (imported from the roster or learnt earlier), else the user's email from users.info matched
// against the roster, then stored so the next lookup is one query. A short in-memory cache keeps
// hot paths (a burst of clicks) off the database.
import type { webApi } from '@slack/bolt';
import type { Actor } from '../../core/chat.js';
import type { MessageBuilder } from '../../core/messages.js';
import type { Runtime } from '../../runtime.js';

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

  /** Forget a cached answer (e.g. after a DM channel was learnt or a roster change). */
  forget(teamId: string, userId: string): void {
    this.cache.delete(`${teamId}:${userId}`);
  }

  private async resolve(teamId: string, userId: string): Promise<Actor | null> {
    const { directory, dispatcher } = this.runtime;
    const known = await directory.personByIdentity('slack', teamId, userId);
    if (known) return dispatcher.actorFor(known, 'slack');
    const email = await this.emailOf(userId);
    if (!email) return null;
    const persons = await directory.personsByEmail(email);
    if (persons.length === 0) return null;
    // Emails are unique per municipality; with several, prefer the one this workspace already serves.
    const home = await this.municipalityOfTeam(teamId);
    const person = persons.find((p) => p.municipalityId === home) ?? persons[0]!;
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

  /** The municipality a workspace serves: from an identity or channel already linked to it. */
  async municipalityOfTeam(teamId: string): Promise<string | undefined> {
    const db = this.runtime.db;
    const identity = await db.platformIdentity.findFirst({ where: { platform: 'slack', tenantId: teamId }, select: { person: { select: { municipalityId: true } } } });
    if (identity) return identity.person.municipalityId;
    const channel = await db.schoolChannel.findFirst({ where: { platform: 'slack', tenantId: teamId }, select: { school: { select: { municipalityId: true } } } });
    if (channel) return channel.school.municipalityId;
    const fallback = await db.municipality.findUnique({ where: { slug: this.runtime.config.defaultMunicipality }, select: { id: true } });
    return fallback?.id;
  }

  /**
   * Links active roster persons who have no Slack identity yet to their Slack user by email
   * (users.lookupByEmail), so they can get DMs before they ever write to the bot. Background work:
   * paced, and a 429 waits out Slack's Retry-After instead of failing.
   */
  async linkRosterByEmail(teamId: string, options: { municipalityId?: string; limit?: number; pauseMs?: number } = {}): Promise<{ linked: number; notFound: number; failed: number }> {
    const persons = await this.runtime.db.person.findMany({
      where: { active: true, identities: { none: { platform: 'slack' } }, ...(options.municipalityId ? { municipalityId: options.municipalityId } : {}) },
      select: { id: true, email: true },
      orderBy: { createdAt: 'asc' },
      take: options.limit ?? 1000,
    });
    const result = { linked: 0, notFound: 0, failed: 0 };
    for (const p of persons) {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await this.client.users.lookupByEmail({ email: p.email });
          const userId = (res.user as { id?: string } | undefined)?.id;
          if (userId) {
            await this.runtime.directory.linkIdentity({ personId: p.id, platform: 'slack', tenantId: teamId, externalId: userId });
            result.linked += 1;
          } else result.notFound += 1;
          break;
        } catch (err) {
          const e = err as { code?: string; retryAfter?: number; data?: { error?: string } };
          if (e.code === 'slack_webapi_rate_limited_error' && attempt < 5) {
            await new Promise((r) => setTimeout(r, (e.retryAfter ?? 1) * 1000));
            continue;
          }
          if (e.data?.error === 'users_not_found') result.notFound += 1;
          else {
            result.failed += 1;
            this.runtime.logger.warn({ err, personId: p.id }, 'users.lookupByEmail failed');
          }
          break;
        }
      }
      // users.lookupByEmail is Tier 3 (about 50 a minute).
      if (options.pauseMs !== 0) await new Promise((r) => setTimeout(r, options.pauseMs ?? 1200));
    }
    return result;
  }

  /** The polite "you are not on the roster" answer, naming the coordinator of this workspace's municipality. */
  async notOnRoster(teamId: string): Promise<MessageBuilder> {
    return this.runtime.dispatcher.notOnRoster(await this.municipalityOfTeam(teamId).catch(() => undefined));
  }
}
