// A person's open chat conversation with a flow (src/core/conversation.ts): one row per person.
import type { Conversations, OpenConversation } from '../core/conversation.js';
import type { DbClient } from './client.js';

export class ConversationRepository implements Conversations {
  constructor(private readonly db: DbClient) {}

  async current(personId: string): Promise<OpenConversation | null> {
    return this.db.conversation.findUnique({ where: { personId }, select: { flow: true, ref: true } });
  }

  async open(personId: string, flow: string, ref: string): Promise<void> {
    await this.db.conversation.upsert({ where: { personId }, create: { personId, flow, ref }, update: { flow, ref } });
  }

  async close(personId: string, flow: string, ref?: string): Promise<void> {
    await this.db.conversation.deleteMany({ where: { personId, flow, ...(ref !== undefined ? { ref } : {}) } });
  }
}
