// What every inbound platform event goes through before a flow sees it — written once for Slack,
// Teams and the playground, in the manner of Bolt's global middleware:
//   1. a delivery seen before (a platform's retry, a redelivered message) is dropped;
//   2. a double click (the same person, message, button and value within 2 s) counts once;
//   3. the platform user becomes a roster person: by a linked identity, else by a verified e-mail
//      address within the municipality the workspace/tenant serves — then linked, so the next event
//      is one lookup; a private conversation reference is kept current;
//   4. someone not on the roster gets the polite answer naming their coordinator.
// Adapters supply only verified platform facts (InboundEvent); the policy lives here.
import type { Actor, PlatformName } from './chat.js';
import type { Clock } from './clock.js';
import type { Directory, PersonSummary } from './directory.js';
import type { Locale } from './i18n/catalogue.js';
import type { Logger } from './logger.js';
import type { MessageBuilder } from './messages.js';

/** Inbound platform deliveries seen before (Slack event_id, Teams activity id …). */
export interface InboundLog {
  firstTime(platform: string, deliveryId: string): Promise<boolean>;
}

export interface InboundEvent {
  platform: PlatformName;
  /** Slack team id, Teams tenant id; '' for the playground. */
  tenantId: string;
  /** The platform's stable user id (Slack user id, Entra object id, a person id in the playground); '' if not known yet. */
  userId: string;
  /** The platform's id for this delivery: a repeat is dropped. */
  deliveryId?: string;
  /** What makes a click the same click (message, button, value): a second one within 2 s is dropped. */
  click?: string;
  /**
   * Asked only when the user is not linked yet: their stable id if the event lacked it, and the e-mail
   * addresses the platform vouches for (Slack profile e-mail, Teams UPN and same-domain mail).
   */
  lookup?: () => Promise<{ userId?: string; addresses: string[] } | null>;
  /** Where the person can be reached privately from now on (Slack DM channel, Teams 1:1 reference). */
  conversationRef?: string;
}

export type InboundOutcome =
  | { kind: 'repeat' }
  | { kind: 'stranger'; answer: MessageBuilder; locale: Locale }
  | { kind: 'person'; actor: Actor };

export interface InboundDeps {
  directory: Directory;
  seen: InboundLog;
  clock: Clock;
  logger: Logger;
  /** The deployment's default municipality (slug) and language, for people nobody knows yet. */
  defaultMunicipality: string;
  locale: Locale;
  /** The polite "you are not on the roster" answer, naming the municipality's coordinator. */
  notOnRoster: (municipalityId?: string) => Promise<MessageBuilder>;
}

const CLICK_WINDOW_MS = 2_000;

export class InboundPipeline {
  private readonly clicks = new Map<string, number>();

  constructor(private readonly d: InboundDeps) {}

  /** The whole pipeline for one event (see the header). */
  async receive(ev: InboundEvent): Promise<InboundOutcome> {
    if (ev.deliveryId && !(await this.d.seen.firstTime(ev.platform, ev.deliveryId))) return { kind: 'repeat' };
    if (ev.click && !this.firstClick(`${ev.platform}:${ev.tenantId}:${ev.userId}:${ev.click}`)) return { kind: 'repeat' };
    const actor = await this.identify(ev);
    if (actor) return { kind: 'person', actor };
    return { kind: 'stranger', answer: await this.strangerAnswer(ev.platform, ev.tenantId), locale: this.d.locale };
  }

  /** Steps 3 only: the person behind a platform user (linking them on first sight), or null. */
  async identify(ev: Pick<InboundEvent, 'platform' | 'tenantId' | 'userId' | 'lookup' | 'conversationRef'>): Promise<Actor | null> {
    const { directory } = this.d;
    let userId = ev.userId;
    let person = userId ? await directory.personByIdentity(ev.platform, ev.tenantId, userId) : null;
    const known = person !== null;
    if (!person && ev.lookup) {
      const found = await ev.lookup().catch((err: unknown) => {
        this.d.logger.warn({ err, platform: ev.platform }, 'user lookup failed; treating the user as unknown');
        return null;
      });
      userId = userId || found?.userId || '';
      person = userId ? await directory.personByIdentity(ev.platform, ev.tenantId, userId) : null;
      if (!person) person = await this.byAddress(ev.platform, ev.tenantId, found?.addresses ?? []);
    }
    if (!person || !person.active) return null;
    // First sight (found by address), or a private conversation reference to keep: link.
    if (userId && (!known || ev.conversationRef !== undefined)) {
      await directory.linkIdentity({ personId: person.id, platform: ev.platform, tenantId: ev.tenantId, externalId: userId, ...(ev.conversationRef !== undefined ? { conversationRef: ev.conversationRef } : {}) });
    }
    return { personId: person.id, municipalityId: person.municipalityId, locale: person.locale, platform: ev.platform };
  }

  /** The polite answer for a user who is not on the roster of the municipality this workspace serves. */
  async strangerAnswer(platform: PlatformName, tenantId: string): Promise<MessageBuilder> {
    const home = await this.d.directory.municipalityOfTenant(platform, tenantId, this.d.defaultMunicipality).catch(() => undefined);
    return this.d.notOnRoster(home);
  }

  /**
   * Emails are unique per municipality, not across them: the same address can be on two rosters.
   * The municipality the workspace serves decides; without a person there, only a single, unambiguous
   * match is taken — never "the first" of several, which would let a user act as someone elsewhere.
   */
  private async byAddress(platform: PlatformName, tenantId: string, addresses: string[]): Promise<PersonSummary | null> {
    for (const address of addresses) {
      const matches = await this.d.directory.personsByEmail(address);
      if (matches.length === 0) continue;
      const home = await this.d.directory.municipalityOfTenant(platform, tenantId, this.d.defaultMunicipality);
      const person = (home ? matches.find((p) => p.municipalityId === home) : undefined) ?? (matches.length === 1 ? matches[0]! : null);
      if (!person) this.d.logger.warn({ platform, count: matches.length }, 'a user matches people in several municipalities, none served by this workspace; not linking');
      return person;
    }
    return null;
  }

  private firstClick(key: string): boolean {
    const now = this.d.clock.now().getTime();
    if (this.clicks.size > 5_000) for (const [k, until] of this.clicks) if (until <= now) this.clicks.delete(k);
    const until = this.clicks.get(key);
    if (until !== undefined && until > now) return false;
    this.clicks.set(key, now + CLICK_WINDOW_MS);
    return true;
  }
}
