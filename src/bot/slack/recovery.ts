// The crash window on Slack. A delivery's try can end without us learning whether Slack posted the
// message (the process was killed after the call; the call timed out while Slack went on). Every
// delivered message therefore carries Slack message metadata naming its delivery (and part), and a
// try that follows such an unfinished one first reads the conversation since then
// (conversations.history with include_all_metadata) to see which parts are there already. Uploaded
// pictures carry no metadata; their file name names the delivery and part instead.
import type { webApi } from '@slack/bolt';

export const DELIVERY_EVENT = 'sparring_delivery';
/** Clock difference between us and Slack that the look-up tolerates. */
const SKEW_MS = 60_000;
/** Enough for any conversation since an unfinished try a moment ago; a busier one is not searched further. */
const MAX_PAGES = 5;

export function deliveryMetadata(delivery: string, part: number): { event_type: string; event_payload: Record<string, string | number> } {
  return { event_type: DELIVERY_EVENT, event_payload: { delivery, part } };
}

/** The file name of a delivery's uploaded picture, so the look-up can find it like a text part. */
export function uploadName(delivery: string, part: number): string {
  return `sparring-${delivery}-${part}.png`;
}

/** conversations.history, or conversations.replies of one thread: the same pages of messages. */
type History = (args: { channel: string; oldest: string; include_all_metadata: boolean; limit: number; cursor?: string }) => Promise<webApi.ConversationsHistoryResponse | webApi.ConversationsRepliesResponse>;

/** The parts of `delivery` already in the channel (part index → ts), posted since `since`. */
export async function partsAlreadyPosted(channel: string, delivery: string, since: Date, history: History): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const oldest = ((since.getTime() - SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const res = await history({ channel, oldest, include_all_metadata: true, limit: 200, ...(cursor ? { cursor } : {}) });
    for (const m of res.messages ?? []) {
      for (const f of m.files ?? []) {
        const part = f.name?.startsWith(`sparring-${delivery}-`) ? Number(f.name.slice(`sparring-${delivery}-`.length).replace(/\.png$/, '')) : NaN;
        if (Number.isInteger(part) && m.ts) found.set(part, m.ts);
      }
      const meta = m.metadata as { event_type?: string; event_payload?: { delivery?: unknown; part?: unknown } } | undefined;
      if (meta?.event_type !== DELIVERY_EVENT || meta.event_payload?.delivery !== delivery || !m.ts) continue;
      found.set(Number(meta.event_payload.part ?? 0), m.ts);
    }
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!res.has_more || !cursor) break;
  }
  return found;
}
