// The Teams platform driver: proactive 1:1 messages, channel posts, thread replies and updates, all
// through stored conversation references. Without a stored reference a 1:1 conversation is created
// (needs the app installed for that person — otherwise Teams answers 403 BotNotInConversationRoster,
// which becomes a PermanentDeliveryError and marks the person unreachable).
import { TurnContext, type Activity, type ChannelAccount, type CloudAdapter, type ConversationParameters } from 'botbuilder';
// Type only: botframework-connector comes with botbuilder.
import type { ConnectorClient } from 'botframework-connector';
import type { ChannelTarget, DirectTarget, PlatformDriver, SentRef } from '../../core/chat.js';
import { PermanentDeliveryError } from '../../core/chat.js';
import type { Directory } from '../../core/directory.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Logger } from '../../core/logger.js';
import type { MessageBuilder } from '../../core/messages.js';
import { classifyConnectorError } from './errors.js';
import { decodeSentRef, encodeSentRef, parseReference, type ConversationRef } from './refs.js';
import { cardActivity, renderMessageCard, renderMessageCards, type AdaptiveCard } from './render/card.js';

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

export interface TeamsDriverDeps {
  adapter: CloudAdapter;
  appId: string;
  configuredTenantId?: string;
  directory: Directory;
  endpoints: TeamsEndpoints;
  logger: Logger;
}

type OutgoingActivity = Partial<Activity>;

export class TeamsDriver implements PlatformDriver {
  readonly platform = 'teams' as const;

  constructor(private readonly deps: TeamsDriverDeps) {}

  async sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const message = build(locale);
    return this.sendCardsDirect(target, renderMessageCards(message, locale), message.summary);
  }

  /** Sends ready cards to a person's 1:1 chat (also used for forms and private answers). */
  async sendCardsDirect(target: DirectTarget, cards: AdaptiveCard[], summary: string): Promise<SentRef> {
    const ref = parseReference(target.conversationRef) ?? (await this.createPersonalConversation(target));
    const ids = await this.send(ref, cards.map((c) => cardActivity(c, summary)));
    return encodeSentRef(ref, ids[0]!);
  }

  async postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const message = build(locale);
    const ref = parseReference(target.conversationRef) ?? this.channelReference(target);
    const ids = await this.send(ref, renderMessageCards(message, locale).map((c) => cardActivity(c, message.summary)));
    return encodeSentRef(ref, ids[0]!);
  }

  async reply(to: SentRef, build: MessageBuilder, locale: Locale): Promise<SentRef> {
    const parent = this.decode(to);
    const message = build(locale);
    const activities = renderMessageCards(message, locale).map((c) => cardActivity(c, message.summary));
    const isChannel = parent.ref.conversation.conversationType === 'channel';
    // In a channel a reply goes into the post's thread; a 1:1 chat has no threads.
    const ref: ConversationRef = isChannel
      ? { ...parent.ref, conversation: { ...parent.ref.conversation, id: `${parent.ref.conversation.id.split(';')[0]};messageid=${parent.activityId}` } }
      : parent.ref;
    const ids = await this.send(ref, activities);
    return encodeSentRef(ref, ids[0]!);
  }

  async update(sent: SentRef, build: MessageBuilder, locale: Locale): Promise<void> {
    const { ref, activityId } = this.decode(sent);
    const message = build(locale);
    await this.updateCard(ref, activityId, renderMessageCard(message, locale), message.summary);
  }

  async updateCard(ref: ConversationRef, activityId: string, card: AdaptiveCard, summary: string): Promise<void> {
    await this.withConnector(ref, async (client) => {
      const activity = TurnContext.applyConversationReference({ ...cardActivity(card, summary), id: activityId }, ref);
      await client.conversations.updateActivity(ref.conversation.id, activityId, activity as Activity);
    });
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

  /** Sends activities in order; returns their ids. */
  private async send(ref: ConversationRef, activities: OutgoingActivity[]): Promise<string[]> {
    return this.withConnector(ref, async (client) => {
      const ids: string[] = [];
      for (const a of activities) {
        const activity = TurnContext.applyConversationReference({ ...a }, ref) as Activity;
        const res = await client.conversations.sendToConversation(ref.conversation.id, activity);
        ids.push(res.id ?? '');
      }
      return ids;
    });
  }

  /** Runs `fn` with a connector client for the reference's service URL; errors become delivery errors. */
  private async withConnector<T>(ref: ConversationRef, fn: (client: ConnectorClient) => Promise<T>): Promise<T> {
    return this.proactive((logic) => this.deps.adapter.continueConversationAsync(this.deps.appId, { ...ref, channelId: ref.channelId ?? 'msteams' }, logic), async (context) => {
      const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
      return fn(client);
    });
  }

  /**
   * Runs a proactive turn and gives back its result or error. The adapter's onTurnError would
   * swallow an error thrown inside the turn, so it is carried out of the turn by hand.
   */
  private async proactive<T>(start: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, fn: (context: TurnContext) => Promise<T>): Promise<T> {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    try {
      await start(async (context) => {
        try {
          outcome = { ok: true, value: await fn(context) };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
    } catch (error) {
      outcome = { ok: false, error };
    }
    const o = outcome as { ok: true; value: T } | { ok: false; error: unknown } | null;
    if (!o) throw new Error('Teams proactive turn did not run');
    if (!o.ok) throw classifyConnectorError(o.error);
    return o.value;
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
    const ref = await this.proactive(
      (logic) => this.deps.adapter.createConversationAsync(this.deps.appId, 'msteams', serviceUrl, BOT_FRAMEWORK_AUDIENCE, params, logic),
      async (context): Promise<ConversationRef> => {
        const r = TurnContext.getConversationReference(context.activity) as ConversationRef;
        delete r.activityId;
        return { ...r, conversation: { ...r.conversation, conversationType: 'personal', tenantId } };
      },
    );
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
