// A platform without its own message history (the local playground) keeps what the bot wrote here:
// direct messages, channel posts and private answers, each rendered in every language. Implemented
// in src/store/playground-message-repository.ts; only the playground's driver uses it.
import type { Locale } from './i18n/catalogue.js';
import type { Message } from './messages.js';

/** One message as written, in each language. */
export type Renderings = Record<Locale, Message>;

export interface LoggedMessage {
  id: string;
  /** "person:<personId>", "ephemeral:<personId>" or "channel:<channelId>". */
  address: string;
  content: Renderings;
  threadOf: string | null;
}

export interface ChatLog {
  append(entry: { address: string; content: Renderings; threadOf?: string }): Promise<string>;
  /** Replaces a message's content; false when there is no such message. */
  replace(id: string, content: Renderings): Promise<boolean>;
  get(id: string): Promise<LoggedMessage | null>;
  /** The newest messages to any of the addresses, newest first. */
  recent(addresses: readonly string[], limit: number): Promise<LoggedMessage[]>;
}
