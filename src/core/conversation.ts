// Open conversations: a person answering a flow in free text (a reflection, one question at a time).
// While one is open, what she types that is not a command goes to that flow's `conversation`
// handler. Kept in the database (src/store/conversation-repository.ts) so it survives a restart.

export interface OpenConversation {
  flow: string;
  /** The flow's own reference, e.g. a reflection id. */
  ref: string;
}

export interface Conversations {
  /** The person's open conversation, if any. */
  current(personId: string): Promise<OpenConversation | null>;
  /** Opens (or moves) the person's one conversation to this flow and reference. */
  open(personId: string, flow: string, ref: string): Promise<void>;
  /** Closes it if it is this flow's (and, when given, this reference's). */
  close(personId: string, flow: string, ref?: string): Promise<void>;
}
