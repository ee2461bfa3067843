// Announcement copies. Every copy of a slot's announcement (agents' channel, DMs, consultants) is
// rendered when it is sent — so one held back overnight shows the lesson as it is by morning, and is
// not sent at all once it is taken — and remembered under the slot's topic. A change replaces every
// copy, as deliveries queued in the change's transaction: the person who clicked gets their answer
// first. A copy that was being sent while the change happened is remembered a moment later; a second
// pass a few minutes on replaces it too.
import type { RenderLater } from '../../core/chat.js';
import type { MessageRenderer } from '../../core/flow.js';
import type { ProductTx } from '../stores.js';
import { LATE_COPIES_MS, now, tzOf, type BookingContext } from './context.js';
import { formatMoment } from './format.js';
import { BOOKING_JOBS, keys } from './keys.js';
import type { SlotView } from './port.js';
import { announcement } from './views.js';

export const ANNOUNCEMENT_RENDERER = 'booking.announcement';

interface AnnouncementParams {
  slotId: string;
  variant: 'agents' | 'consultant' | 'headStart';
  /** headStart: when the others are told (ISO instant). */
  at?: string;
  /** A replacement of a copy people already have: shown whatever the slot's state. */
  replace?: boolean;
}

/** The content of an announcement copy, rendered when it is sent. */
export function announcementContent(slotId: string, variant: AnnouncementParams['variant'], at?: Date): RenderLater {
  const params: AnnouncementParams = { slotId, variant, ...(at ? { at: at.toISOString() } : {}) };
  return { render: ANNOUNCEMENT_RENDERER, params };
}

export function announcementRenderer(ctx: BookingContext): MessageRenderer {
  return async (p: AnnouncementParams, l) => {
    const slot = await ctx.store.slot(p.slotId);
    // A new copy only while the lesson can still be taken.
    if (!slot || (!p.replace && slot.status !== 'open')) return null;
    const tz = await tzOf(ctx, slot);
    if (p.replace || p.variant === 'agents') return announcement(slot, tz, l, { kind: 'agents' });
    if (p.variant === 'consultant') return announcement(slot, tz, l, { kind: 'consultant' });
    return announcement(slot, tz, l, { kind: 'headStart', at: p.at ? formatMoment(new Date(p.at), tz, l) : '' });
  };
}

/** Replaces every copy now, and once more a few minutes later (in the change's transaction). */
export async function refreshCopies(ctx: BookingContext, tx: ProductTx, slot: SlotView): Promise<void> {
  await replaceCopies(tx, slot);
  await tx.jobs.schedule({
    kind: BOOKING_JOBS.copies,
    payload: { slotId: slot.id },
    runAt: new Date(now(ctx).getTime() + LATE_COPIES_MS),
    idempotencyKey: keys.copiesPass(slot.id, slot.sequence, slot.status, 'late'),
    messagesStaff: false,
  });
}

function replaceCopies(tx: ProductTx, slot: SlotView): Promise<void> {
  // One key per version and state: copies replaced already for it are not queued again.
  const key = keys.copiesPass(slot.id, slot.sequence, slot.status, 'now');
  const params: AnnouncementParams = { slotId: slot.id, variant: 'agents', replace: true };
  return tx.chat.updateCopies(keys.announcementTopic(slot.id), { render: ANNOUNCEMENT_RENDERER, params }, { key });
}

/** The second pass: copies remembered since the first. */
export async function copiesJob(ctx: BookingContext, p: { slotId: string }): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (slot) await ctx.deps.stores.transaction((tx) => replaceCopies(tx, slot));
}

/** The slot is not open any more: cancel what is waiting of earlier versions, and the consultants' copies. */
export async function closeEarlierVersions(tx: ProductTx, slot: SlotView): Promise<void> {
  await tx.jobs.cancel([...keys.earlierVersions(slot.id, slot.sequence, ['a', 't', 'm']), keys.consultants(slot.id)]);
}
