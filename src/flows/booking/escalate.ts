// When nobody takes a lesson: a few working days before it the school's consultants are offered it
// and the teacher is told honestly; at the start it counts as unclaimed. Both belong to one version
// of the slot (scheduled by timed.ts) and do nothing if the slot has changed since.
import { type BookingContext, now, settingsOf } from './context.js';
import { fanOutConsultants } from './announce.js';
import { refreshCopies } from './copies.js';
import { tell } from './tell.js';

export async function escalateJob(ctx: BookingContext, p: { slotId: string; seq: number }): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (!slot || slot.status !== 'open' || slot.sequence !== p.seq) return;
  const tz = (await settingsOf(ctx, slot.municipalityId)).timeZone;
  await ctx.deps.stores.transaction(async (tx) => {
    await tx.booking.markEscalated(slot.id, now(ctx));
    const consultants = await fanOutConsultants(tx, slot);
    await tell(ctx, tx, slot, tz, slot.teacherId, 'escalated', { consultants: consultants > 0 ? 'yes' : 'no' });
  });
}

export async function expireJob(ctx: BookingContext, p: { slotId: string; seq: number }): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (!slot) return;
  await ctx.deps.stores.transaction(async (tx) => {
    // Only the version it was scheduled for: a moved lesson has its own expiry job.
    if (!(await tx.booking.markUnclaimed(slot.id, p.seq))) return;
    await refreshCopies(ctx, tx, (await tx.booking.slot(slot.id))!);
  });
}
