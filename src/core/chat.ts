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

/**
 * What a queued message says: rendered now (a builder, called once per recipient locale), or by the
 * flow's renderer `render` when it is sent — for messages that must show the latest state when they
 * finally go out (an announcement held back overnight, a copy replaced after a change). A renderer
 * may return null: then the message is no longer worth sending.
 */
export type Content = MessageBuilder | RenderLater;
export interface RenderLater {
  render: string;
  params: unknown;
}

/** How one queued message is to be delivered. */
export interface SendOptions {
  /**
   * Idempotency key of this delivery: asking twice with the same key queues it once (a repeated job,
   * a retried click). Include everything that makes the message unique, usually its recipient.
   */
  key: string;
  /** Not before this instant (default: now). Moved on to working hours unless `quietHoursApply` is false. */
  at?: Date;
  /** Not after: a message that could only go out later is dropped (a reminder deferred past the lesson). */
  notAfter?: Date;
  /** Default true: held back in evenings, at weekends and in holidays. False for an answer someone is waiting for. */
  quietHoursApply?: boolean;
  /** Remember the sent message under this topic, so `updateCopies` can replace it later. */
  topic?: string;
  /** A second message sent as a reply to this one once it is out (a thread reply in Slack, a follow-up card in Teams). */
  followUp?: MessageBuilder;
  /** A job to run instead when the message cannot be delivered (no reachable identity or channel, a permanent error). */
  ifUndeliverable?: { kind: string; payload: unknown };
}

/**
 * The chat port: the only way a flow talks to people. Every message is queued in the database (the
 * jobs table is the outbox) — inside a transaction it commits with the decision that caused it — and
 * a delivery job sends it after the commit, once, in the recipient's language. Addressing is by our
 * own ids (person, school channel); the router picks the platform identity when the message is sent.
 */
export interface ChatPort {
  /** A direct message to a person, in their locale. A person who is not active gets nothing. */
  sendToPerson(personId: string, content: Content, options: SendOptions): Promise<void>;
  /** A post in a school's leadership or agents channel, in the municipality's locale. */
  postToChannel(schoolId: string, purpose: ChannelPurpose, content: Content, options: SendOptions): Promise<void>;
  /** Replaces every copy sent under `topic` (e.g. an announcement that is now "taken"), each in its own locale. */
  updateCopies(topic: string, content: Content, options: { key: string }): Promise<void>;
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
  /** `attempt` identifies the queued delivery being sent, so a driver can recognise its own earlier try. */
  sendDirect(target: DirectTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef>;
  postChannel(target: ChannelTarget, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef>;
  reply(to: SentRef, build: MessageBuilder, locale: Locale, attempt?: DeliveryAttempt): Promise<SentRef>;
  update(ref: SentRef, build: MessageBuilder, locale: Locale): Promise<void>;
  /**
   * Optional: find a roster person who was never linked on this platform (Slack: by email), link
   * them through the directory and return true; false when the platform does not know them.
   */
  discover?(person: { personId: string; email: string }): Promise<boolean>;
}

/** One try at sending a queued delivery: its id (stable across tries) and which try this is (1, 2, …). */
export interface DeliveryAttempt {
  id: string;
  attempt: number;
  /**
   * Set when an earlier try began sending and its outcome is unknown (a crash, a timeout): the
   * driver looks for that copy (sent since this instant) before sending again, where it can.
   */
  unfinishedSince?: Date;
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

/** Thrown for errors worth retrying later (rate limits, 5xx, timeouts). The job engine reads its facts. */
export class TransientDeliveryError extends Error {
  /** The platform surely did not post anything (it refused the call), so no earlier copy can exist. */
  readonly notSent: boolean;
  /** The platform asked us to slow down (429): a retry, never an attempt toward "failed". */
  readonly rateLimited: boolean;
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    facts: { notSent?: boolean; rateLimited?: boolean } = {},
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
    this.rateLimited = facts.rateLimited ?? false;
    this.notSent = facts.notSent ?? this.rateLimited;
  }
}
