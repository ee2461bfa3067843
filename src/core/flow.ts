// How flows plug into the runtime. A flow declares the commands, actions, forms, jobs and App Home
// sections it owns; the dispatcher routes neutral events to it. Flows see the outside only through
// the ports in FlowDeps — never a platform SDK, never Prisma.
import type { CalendarSettings } from '../domain/calendar/index.js';
import type { Actor, ChatPort, Interaction } from './chat.js';
import type { Clock } from './clock.js';
import type { Conversations } from './conversation.js';
import type { Directory } from './directory.js';
import type { Locale } from './i18n/catalogue.js';
import type { Block, Message, MessageBuilder } from './messages.js';
import type { JobHandler, JobScheduler } from './jobs/types.js';
import type { Logger } from './logger.js';

/** Canonical command names; typed words in Danish or English map to these (see commands.ts). */
export type CommandName = 'offer' | 'my' | 'open' | 'help' | 'reflections' | 'continue' | 'settings' | 'link' | 'status' | 'lessons' | 'capacity' | 'data' | 'overview';

export interface CommandEvent {
  actor: Actor;
  command: CommandName;
  /** Whatever followed the command word, trimmed. */
  args: string;
  /** Where the command was typed, when it was typed in a channel (used for linking channels). */
  channel?: { platform: string; tenantId: string; channelId: string; conversationRef?: string };
}

export interface ActionEvent {
  actor: Actor;
  actionId: string;
  /** As sent back by the platform: never trusted, the flow re-checks from the database. */
  value?: string;
}

export interface FormSubmission {
  actor: Actor;
  formId: string;
  values: Record<string, string>;
  privateValue?: string;
}

/** Free text typed in the person's direct chat while she has an open conversation with the flow. */
export interface ConversationEvent {
  actor: Actor;
  /** Cleaned (src/core/input.ts), not trimmed. */
  text: string;
  /** The flow's reference stored when the conversation was opened. */
  ref: string;
}

/** A flow's side of an open conversation (see src/core/conversation.ts). */
export interface ConversationHandler {
  reply(ev: ConversationEvent, ix: Interaction): Promise<void>;
  /** Said after another command interrupted the conversation: how to get back to it. */
  wayBack(ref: string): Promise<MessageBuilder>;
}

/**
 * A form submission's verdict: ok closes the form; errors are shown next to the fields. `saved: false`
 * closes it without saving (not hers, expired): the form must not then say it was sent.
 */
export type FormResult = { ok: true; saved?: false } | { ok: false; errors: Record<string, string> };

/** Renders a queued message when it is sent; null = not worth sending any more. */
export type MessageRenderer = (params: any, locale: Locale) => Promise<Message | null>;

export interface Flow {
  name: string;
  commands?: Partial<Record<CommandName, (ev: CommandEvent, ix: Interaction) => Promise<void>>>;
  /** Keyed by exact action id, e.g. "booking.claim". */
  actions?: Record<string, (ev: ActionEvent, ix: Interaction) => Promise<void>>;
  /** Keyed by form id. */
  forms?: Record<string, (sub: FormSubmission, ix: Interaction) => Promise<FormResult>>;
  jobs?: Record<string, JobHandler>;
  /** Renderers for messages queued with `{ render, params }` (see Content in chat.ts), keyed like job kinds. */
  renderers?: Record<string, MessageRenderer>;
  /** Free text in a direct chat, while the person has an open conversation with this flow. */
  conversation?: ConversationHandler;
  /** Sections of a person's home view (Slack App Home, the playground's home). */
  home?: (actor: Actor) => Promise<Block[]>;
  /** Runs when a job worker starts: seed recurring jobs (idempotently — several instances may start). */
  onStart?: () => Promise<void>;
}

/** The part of the configuration flows may read. */
export interface FlowConfig {
  timeZone: string;
  locale: Locale;
  defaultMunicipality: string;
  http?: { publicUrl?: string };
  /** The reflection flow's settings (SPARRING_REFLECTION_EXPIRY_DAYS, SPARRING_QUESTIONS_FILE). */
  reflection?: {
    /** Days after the prompt until an unanswered reflection expires (default 14). */
    expiryDays?: number;
    /** Question sets by theme (see src/flows/reflection/questions); default: the built-in sets. */
    questions?: Record<string, { key: string; da: string; en: string; withFocus?: { da: string; en: string } }[]>;
  };
  /** SPARRING_RETENTION_MONTHS (default 24): how long reflection texts are kept after the school year. */
  retentionMonths?: number;
}

/**
 * Everything one transaction offers: the flow stores plus the directory, the job scheduler and the
 * outbox (ChatPort), all bound to the same database transaction. A state change, the jobs it implies
 * and the messages it causes commit — or roll back — as one.
 */
export type Tx<S> = S & { directory: Directory; jobs: JobScheduler; chat: ChatPort; conversations: Conversations };

export interface UnitOfWork<S> {
  /**
   * Runs `work` in one database transaction (Prisma interactive transaction, SQLite and PostgreSQL).
   * Inside, use only the ports of `tx`: a query through anything else waits for the transaction to end.
   * Never call a platform from inside: messages are queued through `tx.chat` and sent after the commit.
   */
  transaction<T>(work: (tx: Tx<S>) => Promise<T>): Promise<T>;
}

/** What every flow may use. `S` is the product's set of store ports (src/flows/stores.ts). */
export interface FlowDeps<S = unknown> {
  clock: Clock;
  logger: Logger;
  config: FlowConfig;
  /** A municipality's calendar (time zone, working hours, holidays); null = the deployment default. */
  calendar: (municipalityId: string | null) => Promise<CalendarSettings>;
  directory: Directory;
  /** The flows' store ports (each call on its own), and `transaction` for several that belong together. */
  stores: S & UnitOfWork<S>;
  /** Outside a transaction: each call is saved on its own. */
  jobs: JobScheduler;
  /** Outside a transaction: each message is queued on its own. */
  chat: ChatPort;
  /** Who is in the middle of a free-text conversation with which flow. */
  conversations: Conversations;
  /** Signs links the bot hands out (calendar files); shared by every instance via the database. */
  secrets: { links: string };
}

// `any` so a factory written against one flow's own store type fits in the product's list.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FlowFactory<S = any> = (deps: FlowDeps<S>) => Flow;
