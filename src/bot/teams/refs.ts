// Conversation references: what Teams needs to write into a conversation later (service URL,
// conversation id, tenant, bot and user). Stored as JSON in the directory (identities, channels) and
// inside SentRef.ref together with the id of the activity we sent.
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { SentRef } from '../../core/chat.js';

export type ConversationRef = Partial<ConversationReference> & { conversation: ConversationReference['conversation']; serviceUrl: string };

/** A channel thread's conversation id carries ";messageid=…"; the channel itself is what comes before. */
export function channelRoot(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

/** The reference of an incoming activity, without the activity id (so sends start new messages). */
export function referenceOf(activity: Partial<Activity>, opts: { channelRoot?: boolean } = {}): ConversationRef {
  const ref = TurnContext.getConversationReference(activity) as ConversationRef;
  delete ref.activityId;
  const conversation = { ...ref.conversation };
  if (opts.channelRoot) {
    const channelId = (activity.channelData as { channel?: { id?: string } } | undefined)?.channel?.id;
    conversation.id = channelId ?? channelRoot(conversation.id);
  }
  return { ...ref, conversation };
}

export function parseReference(json: string | null | undefined): ConversationRef | null {
  if (!json) return null;
  try {
    const ref = JSON.parse(json) as ConversationRef;
    return ref && typeof ref.serviceUrl === 'string' && typeof ref.conversation?.id === 'string' ? ref : null;
  } catch {
    return null;
  }
}

interface SentRefData {
  v: 1;
  ref: ConversationRef;
  activityId: string;
}

export function encodeSentRef(ref: ConversationRef, activityId: string): SentRef {
  const data: SentRefData = { v: 1, ref, activityId };
  return { platform: 'teams', ref: JSON.stringify(data) };
}

export function decodeSentRef(sent: SentRef): { ref: ConversationRef; activityId: string } | null {
  if (sent.platform !== 'teams') return null;
  try {
    const data = JSON.parse(sent.ref) as SentRefData;
    const ref = parseReference(JSON.stringify(data.ref));
    return ref && typeof data.activityId === 'string' ? { ref, activityId: data.activityId } : null;
  } catch {
    return null;
  }
}

export function tenantOf(activity: Partial<Activity>): string {
  const fromConversation = (activity.conversation as { tenantId?: string } | undefined)?.tenantId;
  const fromChannelData = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  return fromConversation ?? fromChannelData ?? '';
}

export function conversationType(activity: Partial<Activity>): 'personal' | 'channel' | 'groupChat' {
  const t = activity.conversation?.conversationType;
  if (t === 'channel' || t === 'groupChat') return t;
  if (t === 'personal') return 'personal';
  // Older payloads: channel conversations carry the team in channelData.
  return (activity.channelData as { team?: unknown } | undefined)?.team ? 'channel' : activity.conversation?.isGroup ? 'groupChat' : 'personal';
}
