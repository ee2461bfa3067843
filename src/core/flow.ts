// How flows plug into the runtime. A flow declares the commands, actions, forms, jobs and App Home
// sections it owns; the router dispatches neutral events to it. Adapters never decide business rules.
import type { Actor, Interaction } from './chat.js';
import type { Block } from './messages.js';
import type { JobHandler } from './jobs/types.js';

/** Canonical command names; typed words in Danish or English map to these (see commands.ts). */
export type CommandName = 'offer' | 'my' | 'open' | 'help' | 'reflections' | 'link' | 'status' | 'lessons';

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

/** A form submission's verdict: ok closes the form; errors are shown next to the fields. */
export type FormResult = { ok: true } | { ok: false; errors: Record<string, string> };

export interface Flow {
  name: string;
  commands?: Partial<Record<CommandName, (ev: CommandEvent, ix: Interaction) => Promise<void>>>;
  /** Keyed by exact action id, e.g. "booking.claim". */
  actions?: Record<string, (ev: ActionEvent, ix: Interaction) => Promise<void>>;
  /** Keyed by form id. */
  forms?: Record<string, (sub: FormSubmission, ix: Interaction) => Promise<FormResult>>;
  jobs?: Record<string, JobHandler>;
  /** Sections of a person's home view (Slack App Home, the playground's home). */
  home?: (actor: Actor) => Promise<Block[]>;
  /** Runs when a job worker starts: seed recurring jobs (idempotently — several instances may start). */
  onStart?: () => Promise<void>;
}
