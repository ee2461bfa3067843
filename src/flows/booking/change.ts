// Changes after the offer: the teacher (or a leader of the school) cancels or moves the lesson; the
// agent withdraws — then the first on the waitlist who can still come gets it, else it is announced
// again. Each change is one conditional update (on the version that was read) in one transaction with
// everything that follows from it.
import { capacityRefusal } from './capacity.js';
import type { Interaction } from '../../core/chat.js';
import type { ActionEvent, FormResult, FormSubmission } from '../../core/flow.js';
import { actions } from '../../core/messages.js';
import type { CalendarSettings } from '../../domain/calendar/index.js';
import type { ProductTx } from '../stores.js';
import { calendarLink, leaderName, loadSlot, mayManage, now, say, sayAbout, sayStatus, settingsOf, VISITING, type BookingContext } from './context.js';
import { afterClaim } from './claim.js';
import { closeEarlierVersions, refreshCopies } from './copies.js';
import { startRound } from './announce.js';
import { formatWhat } from './format.js';
import { keys } from './keys.js';
import type { SlotView } from './port.js';
import { tell } from './tell.js';
import { bookingTexts } from './texts.js';
import { scheduleTimed } from './timed.js';
import { renderErrors, validateLessonTime } from './validation.js';
import { ACTIONS, calendarRow, moveForm, simple, when } from './views.js';

/** The slot, if the actor may change it and it can still be changed; otherwise they are told why not. */
async function manageable(ctx: BookingContext, ev: ActionEvent | FormSubmission, ix: Interaction, id: string | undefined): Promise<SlotView | null> {
  const slot = await loadSlot(ctx, ix, id);
  if (!slot) return null;
  if (!(await mayManage(ctx, ev.actor.personId, slot))) {
    await say(ix, 'cancelNotAllowed');
    return null;
  }
  if (slot.status !== 'open' && slot.status !== 'claimed') {
    await sayStatus(ix, 'notChangeable', slot.status);
    return null;
  }
  return slot;
}

/** `name` of the leader who acted on the teacher's behalf, as message parameters. */
const byLeaderParams = (name: string | undefined): Record<string, string> => (name !== undefined ? { name } : {});

export async function cancelAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
  const slot = await manageable(ctx, ev, ix, ev.value);
  if (!slot) return;
  const tz = (await settingsOf(ctx, slot.municipalityId)).timeZone;
  // Who did it, when it was not the teacher (a leader): the agent and the waitlist hear the right name.
  const byLeader = await leaderName(ctx, ev.actor.personId, slot.teacherId);
  const params = byLeaderParams(byLeader);
  const after = await ctx.deps.stores.transaction(async (tx) => {
    if (!(await tx.booking.cancel(slot.id, slot.sequence))) return null;
    const cancelled = (await tx.booking.slot(slot.id))!;
    await closeEarlierVersions(tx, cancelled);
    if (slot.agentId) await tell(ctx, tx, cancelled, tz, slot.agentId, 'cancelledAgent', params);
    // Agents waiting for the lesson can stop waiting.
    for (const waiting of await tx.booking.waitlist(slot.id)) {
      await tell(ctx, tx, cancelled, tz, waiting, 'cancelledWaitlist', params);
      await tx.booking.waitlistRemove(slot.id, waiting);
    }
    if (byLeader !== undefined) await tell(ctx, tx, cancelled, tz, slot.teacherId, 'cancelledTeacherByLeader', params);
    await refreshCopies(ctx, tx, cancelled);
    return cancelled;
  });
  if (!after) {
    const current = (await ctx.store.slot(slot.id)) ?? slot;
    // Changed in between but still cancellable (moved, claimed, released): once more with what it is now.
    if (retry && (current.status === 'open' || current.status === 'claimed')) return cancelAction(ctx, ev, ix, false);
    return sayStatus(ix, 'notChangeable', current.status);
  }
  // The teacher's calendar holds the visit: offer to remove it.
  const link = slot.agentId && ev.actor.personId === slot.teacherId ? calendarLink(ctx, after, slot.teacherId) : null;
  await sayAbout(ix, slot, tz, 'cancelledYou', {}, (l) => calendarRow(link, l, true));
}

export async function moveAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const slot = await manageable(ctx, ev, ix, ev.value);
  if (!slot) return;
  const tz = (await settingsOf(ctx, slot.municipalityId)).timeZone;
  await ix.openForm((l) => moveForm(slot, tz, l));
}

export async function moveSubmit(ctx: BookingContext, sub: FormSubmission, ix: Interaction): Promise<FormResult> {
  const slot = await manageable(ctx, sub, ix, sub.privateValue);
  if (!slot) return { ok: true };
  const settings = await settingsOf(ctx, slot.municipalityId);
  const l = sub.actor.locale;
  const time = validateLessonTime(sub.values, { now: now(ctx), settings });
  if (!time.ok) return { ok: false, errors: renderErrors(time.errors, l) };
  const { startsAt, endsAt } = time.value;
  const overlap = (await ctx.store.teacherOverlaps(slot.teacherId, startsAt, endsAt, slot.id))[0];
  if (overlap) return { ok: false, errors: { start: bookingTexts.plain(l, 'errOverlap', { when: when(overlap, settings.timeZone, l), what: formatWhat(overlap) }) } };
  const byLeader = await leaderName(ctx, sub.actor.personId, slot.teacherId);
  const params = byLeaderParams(byLeader);
  const tz = settings.timeZone;
  const after = await ctx.deps.stores.transaction(async (tx) => {
    if (!(await tx.booking.move(slot.id, startsAt, endsAt, slot.sequence))) return null;
    const moved = (await tx.booking.slot(slot.id))!;
    // The old time's timed work and confirmations are stale; the announcement round and other messages stay.
    await tx.jobs.cancel([...keys.earlierVersions(slot.id, moved.sequence, ['t']), ...keys.earlierConfirmations(slot.id, moved.sequence)]);
    await scheduleTimed(ctx, tx, moved, settings);
    if (moved.status === 'claimed' && moved.agentId) await tell(ctx, tx, moved, tz, moved.agentId, 'movedAgent', params);
    // Those waiting signed up for the old time: they hear the new one and may leave the list.
    for (const waiting of await tx.booking.waitlist(slot.id)) await tell(ctx, tx, moved, tz, waiting, 'movedWaitlist');
    // A leader moved someone else's lesson: the teacher has to know the new time too.
    if (byLeader !== undefined) await tell(ctx, tx, moved, tz, slot.teacherId, 'movedTeacherByLeader', params);
    await refreshCopies(ctx, tx, moved);
    return moved;
  });
  if (!after) return { ok: false, errors: { date: bookingTexts.plain(l, 'moveStale') } };
  // The teacher's calendar holds the old time: offer the updated invitation (same UID, higher SEQUENCE).
  const link = after.status === 'claimed' && sub.actor.personId === after.teacherId ? calendarLink(ctx, after, after.teacherId) : null;
  await sayAbout(ix, after, tz, 'movedYou', {}, (lo) => calendarRow(link, lo));
  return { ok: true };
}

export async function withdrawAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
  const slot = await loadSlot(ctx, ix, ev.value);
  if (!slot) return;
  const me = ev.actor.personId;
  if (slot.agentId !== me) return say(ix, 'withdrawNotYours');
  // Once the lesson has begun nobody else can take over: reopening would only tell the teacher it was
  // "sent out again" and leave it unclaimed. What happened is "it did not happen".
  if (slot.status === 'claimed' && slot.startsAt <= now(ctx)) {
    return ix.respond((l) => simple(bookingTexts.for(l)('withdrawStarted'), [actions({ actionId: ACTIONS.notHeld, value: slot.id, label: bookingTexts.plain(l, 'notHeldButton') })]));
  }
  const settings = await settingsOf(ctx, slot.municipalityId);
  const released =
    slot.status === 'claimed' &&
    (await ctx.deps.stores.transaction(async (tx) => {
      if (!(await tx.booking.release(slot.id, me, slot.sequence))) return false;
      await afterWithdraw(ctx, tx, (await tx.booking.slot(slot.id))!, settings, { agentId: me, agentName: slot.agentName ?? '' });
      return true;
    }));
  if (!released) {
    const current = (await ctx.store.slot(slot.id)) ?? slot;
    // Still theirs: the lesson was moved in between. Once more with the new version.
    if (retry && current.status === 'claimed' && current.agentId === me) return withdrawAction(ctx, ev, ix, false);
    return sayStatus(ix, 'notChangeable', current.status);
  }
  const link = calendarLink(ctx, slot, me);
  await sayAbout(ix, slot, settings.timeZone, 'withdrawnYou', {}, (l) => calendarRow(link, l, true));
}

/** After an agent withdrew: the waitlist's first who can still come gets it, or it is announced again. */
async function afterWithdraw(ctx: BookingContext, tx: ProductTx, slot: SlotView, settings: CalendarSettings, gone: { agentId: string; agentName: string }): Promise<void> {
  const tz = settings.timeZone;
  // The claimed version's reminders, held job and messages; earlier rounds.
  await tx.jobs.cancel(keys.earlierVersions(slot.id, slot.sequence, ['a', 't', 'm']));
  for (const candidate of await tx.booking.waitlist(slot.id)) {
    const unable =
      candidate === slot.teacherId ||
      !(await tx.booking.hasRole(candidate, slot.schoolId, VISITING)) ||
      (await tx.booking.agentOverlaps(candidate, slot.startsAt, slot.endsAt, slot.id)).length > 0 ||
      (await capacityRefusal(tx.booking, candidate, slot.startsAt, tz)) !== null;
    if (unable) {
      await tx.booking.waitlistRemove(slot.id, candidate);
      continue;
    }
    if (slot.startsAt <= now(ctx)) break;
    // The first who can still come gets it: a claim of its own, in this same transaction.
    if (await tx.booking.claim(slot.id, candidate, now(ctx), slot.sequence)) {
      const claimed = (await tx.booking.slot(slot.id))!;
      await afterClaim(ctx, tx, claimed, settings, true);
      await tell(ctx, tx, claimed, tz, claimed.teacherId, 'withdrawnTeacherWaitlist', { agent: gone.agentName, next: claimed.agentName ?? '' });
      return;
    }
    break;
  }
  await scheduleTimed(ctx, tx, slot, settings);
  await tell(ctx, tx, slot, tz, slot.teacherId, 'withdrawnTeacherReopened', { agent: gone.agentName });
  await refreshCopies(ctx, tx, slot);
  await startRound(ctx, tx, slot, slot.sequence, settings, [gone.agentId]);
}
