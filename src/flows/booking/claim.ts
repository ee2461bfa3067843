// Claiming: the first agent (or consultant, once escalated) to click "Tag den" gets the visit; the
// others are told who was faster and may join the waitlist. The claim is one conditional update in a
// transaction with everything that follows from it (confirmations, reminders, the copies replaced).
import type { Interaction } from '../../core/chat.js';
import type { ActionEvent } from '../../core/flow.js';
import { actions } from '../../core/messages.js';
import type { CalendarSettings } from '../../domain/calendar/index.js';
import { REFLECTION_VISIT_CONFIRMED_JOB } from '../reflection/jobs.js';
import type { ProductTx } from '../stores.js';
import { capacityRefusal } from './capacity.js';
import { headStartAgent, maxDate, now, rolesAt, say, sayAbout, sayStatus, settingsOf, VISITING, type BookingContext } from './context.js';
import { closeEarlierVersions, refreshCopies } from './copies.js';
import type { SlotView } from './port.js';
import { tell } from './tell.js';
import { bookingTexts } from './texts.js';
import { scheduleTimed } from './timed.js';
import { ACTIONS, simple, when } from './views.js';

export async function claimAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
  const slot = ev.value ? await ctx.store.slot(ev.value) : null;
  const agentId = ev.actor.personId;
  const roles = slot ? await rolesAt(ctx, agentId, slot.schoolId) : new Set();
  // Nothing about a lesson — not even who took it — is told to someone with no role at its school.
  if (!slot || roles.size === 0) return say(ix, 'notFound');
  const isAgent = roles.has('learning_agent');
  if (slot.teacherId === agentId) return say(ix, 'claimOwn');
  if (!isAgent && !roles.has('consultant')) return say(ix, 'claimNotAgent', { school: slot.schoolName });
  const settings = await settingsOf(ctx, slot.municipalityId);
  const tz = settings.timeZone;
  if (slot.status !== 'open') return notOpen(ix, slot, tz);
  const headStart = slot.announcedAt ? null : await headStartAgent(ctx.store, slot);
  const visible = headStart === agentId || (isAgent ? slot.announcedAt !== null : slot.escalatedAt !== null);
  if (!visible) return say(ix, 'claimNotYet');
  if (slot.startsAt <= now(ctx)) return say(ix, 'claimStarted');
  const overlap = (await ctx.store.agentOverlaps(agentId, slot.startsAt, slot.endsAt, slot.id))[0];
  if (overlap) return ix.respond((l) => simple(bookingTexts.for(l)('claimOverlap', { when: when(overlap, tz, l), teacher: overlap.teacherName })));
  const full = await capacityRefusal(ctx.store, agentId, slot.startsAt, tz);
  if (full) return say(ix, 'claimFull', full);

  let claimed: SlotView | null;
  try {
    claimed = await ctx.deps.stores.transaction(async (tx) => {
      // The claim's write comes first (SQLite takes its write lock there; PostgreSQL locks the agent's
      // row): the capacity is checked again after it, counting this claim, so two quick claims of one
      // agent cannot both pass. Over the limit, the whole claim rolls back.
      if (!(await tx.booking.claim(slot.id, agentId, now(ctx), slot.sequence))) return null;
      const over = await capacityRefusal(tx.booking, agentId, slot.startsAt, tz, 1);
      if (over) throw new WeekFull(over);
      const after = (await tx.booking.slot(slot.id))!;
      await afterClaim(ctx, tx, after, settings, false);
      return after;
    });
  } catch (err) {
    if (err instanceof WeekFull) return say(ix, 'claimFull', err.refusal);
    throw err;
  }
  if (!claimed) {
    const current = await ctx.store.slot(slot.id);
    // Still open: it was moved between reading and claiming. Once more, with the new times checked.
    if (retry && current?.status === 'open') return claimAction(ctx, ev, ix, false);
    return notOpen(ix, current ?? slot, tz);
  }
  await sayAbout(ix, claimed, tz, 'claimedYou');
}

/** Confirmations, reminders, every announcement copy replaced; in the claim's transaction. */
export async function afterClaim(ctx: BookingContext, tx: ProductTx, slot: SlotView, settings: CalendarSettings, fromWaitlist: boolean): Promise<void> {
  const tz = settings.timeZone;
  // Earlier rounds, the consultants' copies, the open version's escalation/expiry and its messages.
  await closeEarlierVersions(tx, slot);
  await tx.booking.waitlistRemove(slot.id, slot.agentId!);
  await scheduleTimed(ctx, tx, slot, settings);
  await tell(ctx, tx, slot, tz, slot.agentId!, fromWaitlist ? 'confirmAgentFromWaitlist' : 'confirmAgent');
  if (!fromWaitlist) await tell(ctx, tx, slot, tz, slot.teacherId, 'confirmTeacher');
  await refreshCopies(ctx, tx, slot);
  await scheduleVisitConfirmed(ctx, tx, slot);
}

/** The reflection flow's part: the agent's checklist for the feedback conversation, and setting its time. */
async function scheduleVisitConfirmed(ctx: BookingContext, tx: ProductTx, slot: SlotView): Promise<void> {
  try {
    await tx.jobs.schedule({
      kind: REFLECTION_VISIT_CONFIRMED_JOB,
      payload: { slotId: slot.id, agentId: slot.agentId },
      // When the lesson begins: the checklist is at hand for the conversation right after it.
      runAt: maxDate(slot.startsAt, now(ctx)),
      idempotencyKey: `reflection:${slot.id}:confirmed:${slot.agentId}`,
      municipalityId: slot.municipalityId,
    });
  } catch (err) {
    // The reflection flow owns the kind; a deployment without it still confirms the visit.
    ctx.deps.logger.error({ err, slotId: slot.id }, 'could not schedule the feedback checklist');
  }
}

/** Rolls a claim back that turned out to go beyond the agent's weekly capacity. */
class WeekFull extends Error {
  constructor(readonly refusal: { capacity: number; week: number }) {
    super('week full');
  }
}

function notOpen(ix: Interaction, slot: SlotView, tz: string): Promise<void> {
  if ((slot.status === 'claimed' || slot.status === 'held') && slot.agentName) {
    if (slot.agentId === ix.actor.personId) return sayAbout(ix, slot, tz, 'waitlistOwn');
    return ix.respond((l) =>
      simple(bookingTexts.for(l)('alreadyTaken', { agent: slot.agentName! }), slot.status === 'claimed' ? [actions({ actionId: ACTIONS.waitlist, value: slot.id, label: bookingTexts.plain(l, 'waitlistButton') })] : []),
    );
  }
  return sayStatus(ix, 'notOpenAnymore', slot.status);
}

export async function waitlistAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const slot = ev.value ? await ctx.store.slot(ev.value) : null;
  const me = ev.actor.personId;
  if (!slot || !(await ctx.store.hasRole(me, slot.schoolId, VISITING))) return say(ix, slot?.teacherId === me ? 'claimOwn' : 'notFound');
  const tz = (await settingsOf(ctx, slot.municipalityId)).timeZone;
  if (slot.agentId === me) return sayAbout(ix, slot, tz, 'waitlistOwn');
  if (slot.status === 'open') {
    return ix.respond((l) => simple(bookingTexts.for(l)('waitlistOpen'), [actions({ actionId: ACTIONS.claim, value: slot.id, label: bookingTexts.plain(l, 'claimButton'), style: 'primary' })]));
  }
  if (slot.status !== 'claimed') return sayStatus(ix, 'notOpenAnymore', slot.status);
  const n = await ctx.store.waitlistAdd(slot.id, me);
  await say(ix, 'waitlistJoined', { n, agent: slot.agentName ?? '' });
}

export async function leaveWaitlistAction(ctx: BookingContext, ev: ActionEvent, ix: Interaction): Promise<void> {
  const slot = ev.value ? await ctx.store.slot(ev.value) : null;
  // Only ever the acting person's own place on the list, whatever the button says.
  if (!slot || !(await ctx.store.waitlist(slot.id)).includes(ev.actor.personId)) return say(ix, 'notOnWaitlist');
  await ctx.store.waitlistRemove(slot.id, ev.actor.personId);
  await say(ix, 'leftWaitlist');
}
