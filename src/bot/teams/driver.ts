// The Teams platform driver: proactive 1:1 messages, channel posts, thread replies and updates, all
// through stored conversation references. Without a stored reference a 1:1 conversation is created
// (needs the app installed for that person — otherwise Teams answers 403 BotNotInConversationRoster,
// which becomes a PermanentDeliveryError and marks the person unreachable).
//
// Every call goes through a connector client without botbuilder's own retries (connector.ts): the
// job engine owns retries. After the connector asked to wait (Retry-After), no call goes to that
// service URL before the time is up. A delivery waits ANSWER_WAIT_MS for an answer and then lets the
// job engine try again; that next try takes the late answer rather than sending twice (unanswered.ts).
import { TurnContext, type Activity, type ChannelAccount, type ConversationParameters } from 'botbuilder';
// Type only: botframework-connector comes with botbuilder.
import type { ConnectorClient } from 'botframework-connector';
import type { ChannelTarget, DeliveryAttempt, DirectTarget, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';
import type { Directory } from '../../core/directory.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Logger } from '../../core/logger.js';
import type { MessageBuilder } from '../../core/messages.js';
import { classifyConnectorError, retryAfterMs } from './errors.js';
import { decodeSentRef, encodeSentRef, parseReference, type ConversationRef } from './refs.js';
import { cardActivity, renderMessageCard, renderMessageCards, type AdaptiveCard } from './render/card.js';
import { UnansweredSends } from './unanswered.js';

/** Teams' global service URL; used only when no activity from the tenant has told us its regional one. */
export const DEFAULT_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';
const BOT_FRAMEWORK_AUDIENCE = 'https://api.botframework.com';

/** Service URLs and the bot's own account, learnt from (authenticated) inbound activities. */
export class TeamsEndpoints {
  private readonly serviceUrls = new Map<string, string>();
  bot: ChannelAccount | null = null;

  constructor(private readonly fallbackServiceUrl: string) {}

  learn(tenantId: string, serviceUrl: string | undefined, bot: ChannelAccount | undefined): void {
    if (serviceUrl && tenantId) this.serviceUrls.set(tenantId, serviceUrl);
    if (bot?.id) this.bot = { id: bot.id, name: bot.name };
  }

  serviceUrl(tenantId: string): string {
    return this.serviceUrls.get(tenantId) ?? (this.serviceUrls.size === 1 ? [...this.serviceUrls.values()][0]! : this.fallbackServiceUrl);
  }

  /** The tenant, when a target has none yet (roster-imported, never seen) and only one tenant uses the bot. */
  soleTenant(): string | undefined {
    return this.serviceUrls.size === 1 ? [...this.serviceUrls.keys()][0] : undefined;
  }
}

/** Connector clients for the bot's own calls (the Teams adapter, index.ts). */
export interface ConnectorSource {
  /** A client for a service URL, without botbuilder's retries and with a request timeout (connector.ts). */
  connector(serviceUrl: string, audience?: string): Promise<ConnectorClient>;
}

export interface TeamsDriverDeps {
  adapter: ConnectorSource;
  appId: string;
  configuredTenantId?: string;
  directory: Directory;
  endpoints: TeamsEndpoints;
  logger: Logger;
  /** How long a delivery waits for the connector's answer (default ANSWER_WAIT_MS); tests shorten it. */
  answerWaitMs?: number;
}

type OutgoingActivity = Partial<Activity>;

export class TeamsDriver implements PlatformDriver {
  readonly platform = 'teams' as const;
  private readonly unanswered: UnansweredSends;
  /** Service URL → when the connector's last Retry-After ends (ms since the epoch). */
  private readonly waitUntil = new Map<string, number>();

  constructor(private readonly deps: TeamsDriverDeps) {
    this.unanswered = new UnansweredSends(deps.answerWaitMs);
  }

  async sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    const message = build(locale);
    return this.sendCardsDirect(target, renderMessageCards(message, locale), message.summary, attempt);
  }

  /** Sends ready cards to a person's 1:1 chat (also used for forms and private answers). */
  async sendCardsDirect(target: DirectTarget, cards: AdaptiveCard[], summary: string, attempt?: DeliveryAttempt): Promise<SentRef> {
    const ref = parseReference(target.conversationRef) ?? (await this.createPersonalConversation(target));
    const ids = await this.send(ref, cards.map((c) => cardActivity(c, summary)), attempt);
    return encodeSentRef(ref, ids[0]!);
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    const message = build(locale);
    const ref = parseReference(target.conversationRef) ?? this.channelReference(target);
    const ids = await this.send(ref, renderMessageCards(message, locale).map((c) => cardActivity(c, message.summary)), attempt);
    return encodeSentRef(ref, ids[0]!);
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef> {
    const parent = this.decode(to);
    const message = build(locale);
    const activities = renderMessageCards(message, locale).map((c) => cardActivity(c, message.summary));
    const isChannel = parent.ref.conversation.conversationType === 'channel';
    // In a channel a reply goes into the post's thread; a 1:1 chat has no threads.
    const ref: ConversationRef = isChannel
      ? { ...parent.ref, conversation: { ...parent.ref.conversation, id: `${parent.ref.conversation.id.split(';')[0]};messageid=${parent.activityId}` } }
      : parent.ref;
    const ids = await this.send(ref, activities, attempt);
    return encodeSentRef(ref, ids[0]!);
  }

  async update(sent: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    const { ref, activityId } = this.decode(sent);
    const message = build(locale);
    await this.updateCard(ref, activityId, renderMessageCard(message, locale), message.summary);
  }

  async updateCard(ref: ConversationRef, activityId: string, card: AdaptiveCard, summary: string): Promise<void> {
    const activity = TurnContext.applyConversationReference({ ...cardActivity(card, summary), id: activityId }, ref);
    await this.call(ref.serviceUrl, (client) => client.conversations.updateActivity(ref.conversation.id, activityId, activity as Activity));
  }

  private decode(sent: SentRef): { ref: ConversationRef; activityId: string } {
    const d = decodeSentRef(sent);
    if (!d) throw new PermanentDeliveryError('bad_reference', 'not a Teams message reference');
    return d;
  }

  private channelReference(target: ChannelTarget): ConversationRef {
    return {
      channelId: 'msteams',
      serviceUrl: this.deps.endpoints.serviceUrl(target.tenantId),
      conversation: { id: target.channelId, isGroup: true, conversationType: 'channel', tenantId: target.tenantId, name: '' },
      ...(this.deps.endpoints.bot ? { bot: this.deps.endpoints.bot } : {}),
    };
  }

  /**
   * Sends activities in order; returns their ids. For a queued delivery (`attempt`) each part is sent
   * once per delivery in this process: an earlier try's late answer counts (unanswered.ts).
   */
  private async send(ref: ConversationRef, activities: OutgoingActivity[], attempt?: DeliveryAttempt): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, a] of activities.entries()) {
      const activity = TurnContext.applyConversationReference({ ...a }, ref) as Activity;
      const post = async () => (await this.call(ref.serviceUrl, (client) => client.conversations.sendToConversation(ref.conversation.id, activity))).id ?? '';
      ids.push(attempt ? await this.unanswered.send(`${attempt.id}:${i}`, post) : await post());
    }
    if (attempt) this.unanswered.forget(attempt.id);
    return ids;
  }

  /**
   * One call to the connector at `serviceUrl`; its errors become delivery errors. While a Retry-After
   * the connector gave runs, nothing is called: a rate limit for the rest of that time.
   */
  private async call<T>(serviceUrl: string, fn: (client: ConnectorClient) => Promise<T>, audience?: string): Promise<T> {
    const wait = (this.waitUntil.get(serviceUrl) ?? 0) - Date.now();
    if (wait > 0) throw new TransientDeliveryError(`Teams asked to wait (Retry-After): ${Math.ceil(wait / 1000)} s left`, wait, { rateLimited: true });
    try {
      return await fn(await this.deps.adapter.connector(serviceUrl, audience));
    } catch (err) {
      const after = retryAfterMs(err as Parameters<typeof retryAfterMs>[0]);
      if (after) this.waitUntil.set(serviceUrl, Math.max(this.waitUntil.get(serviceUrl) ?? 0, Date.now() + after));
      throw classifyConnectorError(err);
    }
  }

  /** Creates the 1:1 chat with a person (the app must be installed for them) and stores its reference. */
  private async createPersonalConversation(target: DirectTarget): Promise<ConversationRef> {
    const tenantId = target.tenantId || this.deps.configuredTenantId || this.deps.endpoints.soleTenant();
    if (!tenantId) throw new PermanentDeliveryError('teams_tenant_unknown', 'the person has never used Sparring in Teams and the tenant is unknown');
    const serviceUrl = this.deps.endpoints.serviceUrl(tenantId);
    const params: ConversationParameters = {
      isGroup: false,
      bot: this.deps.endpoints.bot ?? { id: `28:${this.deps.appId}`, name: 'Sparring' },
      // Teams accepts the Entra object id as the member id.
      members: [{ id: target.externalId, name: '' }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
      activity: undefined as unknown as Activity,
      topicName: '',
    };
    const created = await this.call(serviceUrl, (client) => client.conversations.createConversation(params), BOT_FRAMEWORK_AUDIENCE);
    if (!created.id) throw new TransientDeliveryError('Teams created the 1:1 conversation without an id');
    const ref: ConversationRef = { channelId: 'msteams', serviceUrl, bot: params.bot, conversation: { id: created.id, isGroup: false, conversationType: 'personal', tenantId, name: '' } };
    await this.deps.directory.linkIdentity({
      personId: target.personId,
      platform: 'teams',
      tenantId,
      externalId: target.externalId,
      conversationRef: JSON.stringify(ref),
    });
    this.deps.logger.info({ personId: target.personId }, 'created Teams 1:1 conversation');
    return ref;
  }
}
