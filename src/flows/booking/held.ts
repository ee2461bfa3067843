// After the lesson: the visit counts as held at its end unless someone said it did not happen (the
// "held" job of the claimed version), or when teacher or agent says so; then the teacher is asked
// to reflect (the reflection flow's job, scheduled in the same transaction).
import type { Interaction } from '../../core/chat.js';
import type { ActionEvent } from '../../core/flow.js';
import { promptDueAt, REFLECTION_PROMPT_JOB } from '../reflection/jobs.js';
import type { ProductTx } from '../stores.js';
import { loadSlot, maxDate, nameOf, now, say, sayAbout, sayStatus, settingsOf, type BookingContext } from './context.js';
import { closeEarlierVersions, refreshCopies } from './copies.js';
import { keys } from './keys.js';
import type { SlotView } from './port.js';
import { tell } from './tell.js';

async function scheduleReflection(ctx: BookingContext, tx: ProductTx, slot: SlotView): Promise<void> {
  try {
    await tx.jobs.schedule({
      kind: REFLECTION_PROMPT_JOB,
      payload: { slotId: slot.id },
      // After the feedback conversation; the reflection flow waits longer if they set a later time.
      runAt: maxDate(promptDueAt(slot.endsAt, null), now(ctx)),
      idempotencyKey: keys.reflection(slot.id),
      municipalityId: slot.municipalityId,
    });
  } catch (err) {
    // The reflection flow owns the kind; a deployment without it still counts the visit as held.
    ctx.deps.logger.error({ err, slotId: slot.id }, 'could not schedule the reflection prompt');
  }
}

/** claimed → held, the prompt, the copies; false if the slot was not claimed (any more). */
async function markHeld(ctx: BookingContext, tx: ProductTx, slot: SlotView): Promise<boolean> {
  if (!(await tx.booking.markHeld(slot.id))) return false;
  const held = (await tx.booking.slot(slot.id))!;
  await scheduleReflection(ctx, tx, held);
  // What was still waiting for this version (the reminders, this very job) is over.
  await tx.jobs.cancel(keys.timed(slot.id, slot.sequence));
  // Copies stop offering the waitlist once the visit has happened.
  await refreshCopies(ctx, tx, held);
  return true;
}

export async function heldJob(ctx: BookingContext, p: { slotId: string; seq: number }): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (!slot || slot.sequence !== p.seq || slot.status !== 'claimed') return;
  await ctx.deps.stores.transaction((tx) => markHeld(ctx, tx, slot));
}

/** Only the teacher and the visiting agent may say what happened. */
async function participant(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<SlotView | null> {
  const slot = await loadSlot(ctx, ix, ev.value);
  if (!slot) return null;
  if (ev.actor.personId !== slot.teacherId && ev.actor.personId !== slot.agentId) {
    await say(ix, 'notParticipant');
    return null;
  }
  return slot;
}

export async function heldAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const slot = await participant(ctx, ev, ix);
  if (!slot) return;
  if (slot.status === 'held') return say(ix, 'heldDone');
  if (slot.status !== 'claimed') return sayStatus(ix, 'notChangeable', slot.status);
  if (slot.startsAt > now(ctx)) return say(ix, 'heldTooEarly');
  await ctx.deps.stores.transaction((tx) => markHeld(ctx, tx, slot));
  await say(ix, 'heldDone');
}

export async function notHeldAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const slot = await participant(ctx, ev, ix);
  if (!slot) return;
  const tz = (await settingsOf(ctx, slot.municipalityId)).timeZone;
  const other = ev.actor.personId === slot.teacherId ? slot.agentId : slot.teacherId;
  const name = await nameOf(ctx, ev.actor.personId);
  const done = await ctx.deps.stores.transaction(async (tx) => {
    if (!(await tx.booking.markNotHeld(slot.id))) return false;
    const after = (await tx.booking.slot(slot.id))!;
    // Drops the held job, the reminders and a reflection prompt that has not gone out yet.
    await closeEarlierVersions(tx, after);
    await tx.jobs.cancel([keys.timed(slot.id, after.sequence), keys.reflection(slot.id)]);
    if (other) await tell(ctx, tx, after, tz, other, 'notHeldOther', { name });
    await refreshCopies(ctx, tx, after);
    return true;
  });
  if (!done) return sayStatus(ix, 'notChangeable', ((await ctx.store.slot(slot.id)) ?? slot).status);
  await sayAbout(ix, slot, tz, 'notHeldDone');
}
