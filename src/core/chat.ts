// The chat port: the only way a flow talks to people. Addressing is by our own ids (person, school
// channel); the router resolves platform identities and hands the message to that platform's driver.
import type { Locale } from './i18n/catalogue.js';
import type { FormBuilder, MessageBuilder } from './messages.js';

export type PlatformName = 'slack' | 'teams' | 'local';
export type ChannelPurpose = 'leadership' | 'agents';

/** A reference to a message the bot sent; store it (JSON) to update or reply to it later. */
export interface SentRef {
  platform: PlatformName;
  /** Adapter-specific, opaque to flows: channel + ts, conversation reference + activity id, … */
  ref: string;
}

export interface ChatPort {
  /** Direct message to a person, in their locale. Returns null when the person has no reachable identity. */
  sendToPerson(personId: string, build: MessageBuilder): Promise<SentRef | null>;
  /** Post to a school's leadership or agents channel, in the municipality's locale. Null if not linked. */
  postToChannel(schoolId: string, purpose: ChannelPurpose, build: MessageBuilder): Promise<SentRef | null>;
  /** Reply in the thread of a message sent earlier. */
  reply(to: SentRef, build: MessageBuilder, locale?: Locale): Promise<SentRef>;
  /** Replace a message sent earlier (e.g. an announcement that is now "claimed"). */
  update(ref: SentRef, build: MessageBuilder, locale?: Locale): Promise<void>;
  /** The platforms this deployment can deliver on. */
  platforms(): PlatformName[];
}

/** The person acting in an interaction, resolved from the platform user by the adapter. */
export interface Actor {
  personId: string;
  municipalityId: string;
  locale: Locale;
  platform: PlatformName;
}

/**
 * What a flow can do in reply to the acting user during one interaction (a command, a click, a
 * submitted form). Implemented per platform: ephemeral messages and modals in Slack, cards in Teams.
 */
export interface Interaction {
  actor: Actor;
  /** A private answer only the acting user sees. */
  respond(build: MessageBuilder): Promise<void>;
  /** Open a form (Slack modal, Teams card). */
  openForm(build: FormBuilder): Promise<void>;
  /** Replace the message the clicked button was on, for the acting user (and everyone, where the platform does that). */
  updateSource(build: MessageBuilder): Promise<void>;
}

/**
 * A platform driver: what an adapter implements so the router can deliver. The router has already
 * chosen the identity/channel and the locale.
 */
export interface PlatformDriver {
  platform: PlatformName;
  sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale): Promise<SentRef>;
  postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale): Promise<SentRef>;
  reply(to: SentRef, build: MessageBuilder, locale: Locale): Promise<SentRef>;
  update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void>;
  /**
   * Optional: find a roster person who was never linked on this platform (Slack: by email), link
   * them through the directory and return true; false when the platform does not know them.
   */
  discover?(person: { personId: string; email: string }): Promise<boolean>;
}

export interface DirectTarget {
  identityId: string;
  personId: string;
  tenantId: string;
  externalId: string;
  /** JSON stored by the adapter (Teams conversation reference, Slack DM channel id). */
  conversationRef: string | null;
}

export interface ChannelTarget {
  channelRowId: string;
  schoolId: string;
  purpose: ChannelPurpose;
  tenantId: string;
  channelId: string;
  conversationRef: string | null;
}

/**
 * Thrown by drivers for errors that will not go away by retrying (user not found, bot removed,
 * channel archived). The router marks the identity/channel unreachable; the job engine does not retry.
 */
export class PermanentDeliveryError extends Error {
  readonly permanent = true;
  constructor(
    readonly reason: string,
    message?: string,
  ) {
    super(message ?? `permanent delivery error: ${reason}`);
    this.name = 'PermanentDeliveryError';
  }
}

/** Thrown for errors worth retrying later (rate limits, 5xx). */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}
