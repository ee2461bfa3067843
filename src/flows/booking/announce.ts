// Telling the agents: an announcement round starts with a head start for the teacher's previous
// agent (round 0 only), then every learning agent of the school is told — in the agents' channel if
// one is linked, else one direct message each — and the school's consultants some working hours
// later. Each message is its own delivery, so a crash halfway neither loses nor repeats one.
import { addWorkingHours, workingDaysBefore, type CalendarSettings } from '../../domain/calendar/index.js';
import type { ProductTx } from '../stores.js';
import { headStartAgent, minDate, now, settingsOf, type BookingContext } from './context.js';
import { fullAgents, lessonWeek } from './capacity.js';
import { announcementContent } from './copies.js';
import { BOOKING_JOBS, keys } from './keys.js';
import { scheduleTimed } from './timed.js';
import type { BookingStore, SlotView } from './port.js';

export interface RoundPlan {
  headStart: string | null;
  /** When everyone is told. */
  announceAt: Date;
}

export interface AnnouncePayload {
  slotId: string;
  round: number;
  /** Agents left out of this round (the head-start agent, who has a copy; one who just withdrew). */
  exclude?: string[];
  /** The agents' channel could not be reached: tell each agent directly. */
  directly?: boolean;
}

/** Who gets a head start and when the others are told. */
export async function planRound(ctx: BookingContext, reads: BookingStore, slot: Pick<SlotView, 'id' | 'teacherId' | 'schoolId' | 'startsAt'>, round: number, settings: CalendarSettings): Promise<RoundPlan> {
  const at = now(ctx);
  let headStart = round === 0 ? await headStartAgent(reads, slot) : null;
  // An agent whose week is full gets no head start (nor any announcement of a lesson that week).
  if (headStart && (await fullAgents(reads, [headStart], lessonWeek(slot.startsAt, settings.timeZone))).has(headStart)) headStart = null;
  let announceAt = at;
  if (headStart) {
    // Short notice: the head start ends at the latest when the last working days before the lesson
    // begin (the escalation point), so the other agents still get their chance; inside them there is
    // no head start at all (a Friday-afternoon offer for Monday morning goes to everyone at once).
    const latest = workingDaysBefore(slot.startsAt, ctx.o.escalateWorkingDays, settings);
    announceAt = minDate(addWorkingHours(at, ctx.o.headStartHours, settings), latest);
    if (announceAt <= addWorkingHours(at, 0, settings)) {
      headStart = null;
      announceAt = at;
    }
  }
  return { headStart, announceAt };
}

/** Starts round `round` of the slot's announcement (in the transaction of the change that opened it). */
export async function startRound(ctx: BookingContext, tx: ProductTx, slot: SlotView, round: number, settings: CalendarSettings, exclude: string[] = []): Promise<RoundPlan> {
  const plan = await planRound(ctx, tx.booking, slot, round, settings);
  const { headStart, announceAt } = plan;
  if (headStart) {
    await tx.chat.sendToPerson(headStart, announcementContent(slot.id, 'headStart', announceAt), { key: keys.roundTo(slot.id, round, headStart), topic: keys.announcementTopic(slot.id) });
  }
  // The head-start agent already has a copy; the fan-out leaves them out.
  const skip = headStart ? [...exclude, headStart] : exclude;
  const payload: AnnouncePayload = { slotId: slot.id, round, ...(skip.length ? { exclude: skip } : {}) };
  await tx.jobs.schedule({ kind: BOOKING_JOBS.announce, payload, runAt: announceAt, idempotencyKey: keys.announce(slot.id, round), municipalityId: slot.municipalityId });
  return plan;
}

export async function announceJob(ctx: BookingContext, p: AnnouncePayload): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (!slot || slot.status !== 'open') return;
  const settings = await settingsOf(ctx, slot.municipalityId);
  const at = now(ctx);
  const channel = p.directly ? null : await ctx.deps.directory.channelTarget(slot.schoolId, 'agents');
  await ctx.deps.stores.transaction(async (tx) => {
    if (channel && !channel.unreachable) {
      const directly = { kind: BOOKING_JOBS.announce, payload: { ...p, directly: true } satisfies AnnouncePayload };
      await tx.chat.postToChannel(slot.schoolId, 'agents', announcementContent(slot.id, 'agents'), {
        key: keys.roundTo(slot.id, p.round, 'channel'),
        topic: keys.announcementTopic(slot.id),
        ifUndeliverable: directly,
      });
    } else await fanOutAgents(tx, slot, p.round, p.exclude ?? [], settings.timeZone);
    if (p.directly) return; // the round itself was started already
    await tx.booking.markAnnounced(slot.id, at);
    // Now that the agents know, the escalation can be placed (at short notice it could not be before).
    await scheduleTimed(ctx, tx, { ...slot, announcedAt: at }, settings);
    await tx.jobs.schedule({
      kind: BOOKING_JOBS.consultants,
      payload: { slotId: slot.id },
      runAt: addWorkingHours(at, ctx.o.consultantDelayHours, settings),
      idempotencyKey: keys.roundConsultants(slot.id, p.round),
      municipalityId: slot.municipalityId,
    });
  });
}

/** Some working hours after the agents: the school's consultants are offered the lesson too. */
export async function consultantsJob(ctx: BookingContext, p: { slotId: string }): Promise<void> {
  const slot = await ctx.store.slot(p.slotId);
  if (!slot || slot.status !== 'open') return;
  await ctx.deps.stores.transaction(async (tx) => {
    await tx.booking.markEscalated(slot.id, now(ctx));
    await fanOutConsultants(tx, slot);
  });
}

async function fanOutAgents(tx: ProductTx, slot: SlotView, round: number, exclude: string[], timeZone: string): Promise<void> {
  const agents = await tx.booking.schoolPeople(slot.schoolId, ['learning_agent']);
  const full = await fullAgents(tx.booking, agents.map((a) => a.id), lessonWeek(slot.startsAt, timeZone));
  for (const a of agents) {
    if (a.id === slot.teacherId || exclude.includes(a.id) || full.has(a.id)) continue;
    await tx.chat.sendToPerson(a.id, announcementContent(slot.id, 'agents'), { key: keys.roundTo(slot.id, round, a.id), topic: keys.announcementTopic(slot.id) });
  }
}

/** Each consultant of the school is told once, whichever round or escalation tells them; returns how many there are. */
export async function fanOutConsultants(tx: ProductTx, slot: SlotView): Promise<number> {
  const consultants = (await tx.booking.schoolPeople(slot.schoolId, ['consultant'])).filter((c) => c.id !== slot.teacherId);
  for (const c of consultants) {
    await tx.chat.sendToPerson(c.id, announcementContent(slot.id, 'consultant'), { key: keys.consultant(slot.id, c.id), topic: keys.announcementTopic(slot.id) });
  }
  return consultants.length;
}
