// The booking flow: a teacher offers a lesson, learning agents claim it, the visit happens.
//
// Life of a slot (every future step is a job, so a restart loses nothing):
//   offer → [head start: DM to the teacher's previous agent] → announce to the school's agents
//   (agents' channel if linked, else one DM job per agent) → consultants after a second delay →
//   2 working days before: escalation (consultants + an honest word to the teacher) → at the start,
//   still open: "unclaimed".
//   claim → confirmations (+ .ics link) → reminders the working day before and 1 hour before →
//   at the end: "held" (unless someone said it did not happen) → reflection.prompt job.
//
// Job keys all start with "slot:<id>:" so a change can cancel what no longer applies:
//   slot:<id>:a<round>:…   announcement fan-out of one round (round 0 = the offer, later = re-announce)
//   slot:<id>:c:…          consultants' copies (they are told once)
//   slot:<id>:t<seq>:…     time-bound jobs for version <seq> (escalation, expiry, reminders, held)
//   slot:<id>:m<seq>:…     messages to the people involved
//   slot:<id>:reflection   the reflection prompt (owned by the reflection flow)
//   settle:<id>:s<seq>:…   a change's follow-ups, written down before the change (below)
//   booking:reconcile:<hour>  the hourly reconciler
// A change cancels only keys of earlier versions (number below the current sequence), the consultants'
// copies once it is not open any more, and the current t<seq>/reflection when the visit is over — so
// repeating a change's follow-ups never cancels what its first run scheduled.
//
// Nothing is lost when a process dies between a state change and its follow-ups:
// - Settle jobs. Every change (offer, claim — also from the waitlist —, withdraw, cancel, move, "did not
//   happen") first stores a booking.settle job (due 2 minutes later, messagesStaff: false) describing the
//   change and its follow-ups, then makes the conditional UPDATE, then applies the follow-ups itself by
//   calling settle(). The job calls the same settle() if — and only if — the slot is exactly in the state
//   the change leaves it in (sequence, status, agent, times); a change that lost, or was superseded, finds
//   a different state and does nothing. Everything settle() schedules uses the keys above, so a second
//   run is a no-op; what was sent stays sent. An offer names its slot (a UUID) before it is created.
// - Order. "Held" schedules the reflection prompt before cancelling the time-bound jobs: until then the
//   held job is still there to schedule it.
// - The reconciler (booking.reconcile, seeded in onStart, one job per hour that schedules the next,
//   messagesStaff: false) re-applies what follows from each slot's *current* state and sequence: the
//   time-bound jobs of every open or claimed slot whose lesson has not ended (escalation and expiry, or
//   reminders and the held job), and the reflection prompt of held visits of the last 14 days that have
//   neither a reflection nor a reflection job in any state. Those keys are only ever cancelled together
//   with a change of state or sequence, and a cancelled reflection job counts as decided, so nothing the
//   flow deliberately cancelled comes back (announcement rounds and consultants' copies are never
//   touched). It repairs slots stuck before settle jobs existed too — their reminders and held mark; the
//   confirmations of such an old claim cannot be told apart from a move and are left alone.
//
// Action values and form private values are never trusted: every handler reloads the slot and the
// actor's roles from the database before it changes anything.
import { randomUUID } from 'node:crypto';
import type { Actor, Interaction, SentRef } from '../../core/chat.js';
import type { Role } from '../../core/directory.js';
import type { ActionEvent, Flow, FormResult, FormSubmission } from '../../core/flow.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import { rich, type RichText } from '../../core/i18n/text.js';
import { actions, context, divider, header, text, type Block, type MessageBuilder } from '../../core/messages.js';
import type { FlowDeps, FlowFactory } from '../../runtime.js';
import {
  addWorkingHours,
  workingHoursBetween,
  instantFromLocal,
  localDate,
  previousWorkingDay,
  workingDaysBefore,
  zoned,
  type CalendarSettings,
  type ClockTime,
} from '../../domain/calendar/index.js';
import { formatDayMonth, formatMoment, formatWhat, statusText } from './format.js';
import { REFLECTION_PROMPT_JOB } from '../reflection/index.js';
import { calendarUrl } from './ics.js';
import type { BookingStore, CourseWithSessions, SlotView } from './port.js';
import { bookingTexts, type BookingTextKey } from './texts.js';
import { renderErrors, validateLessonDetails, validateLessonTime, type FieldErrors } from './validation.js';
import {
  ACTIONS,
  DEFAULT_LESSON_MINUTES,
  announcement,
  calendarButton,
  calendarRow,
  confirmation,
  FORMS,
  moveForm,
  offerForm,
  reminder,
  simple,
  teacherButtons,
  when,
  withdrawButton,
  type AnnouncementVariant,
} from './views.js';

export const BOOKING_JOBS = {
  announce: 'booking.announce',
  notify: 'booking.notify',
  consultants: 'booking.consultants',
  escalate: 'booking.escalate',
  expire: 'booking.expire',
  reminder: 'booking.reminder',
  held: 'booking.held',
  message: 'booking.message',
  settle: 'booking.settle',
  reconcile: 'booking.reconcile',
} as const;

/** How long the handler has to finish a change's follow-ups itself before its settle job repeats them. */
const SETTLE_GRACE_MS = 2 * 60_000;
/** The reconciler runs once an hour (one job per hour, keyed by the hour). */
const RECONCILE_PERIOD_MS = 3_600_000;
/** Held visits this recent get a missing reflection prompt from the reconciler. */
const REFLECTION_LOOKBACK_MS = 14 * 86_400_000;
/** How far ahead "mine" and the home list an agent's visits. */
const UPCOMING_HORIZON_MS = 400 * 86_400_000;

export const announcementTopic = (slotId: string) => `slot:${slotId}:announcement`;

export interface BookingOptions {
  /** Working hours the teacher's previous agent has the slot to themselves. */
  headStartHours?: number;
  /** Working hours after the agents were told before the school's consultants are offered it. */
  consultantDelayHours?: number;
  /** Escalate an unclaimed slot this many working days before the lesson. */
  escalateWorkingDays?: number;
  /** Local time of the reminder on the working day before. */
  dayBeforeReminderAt?: ClockTime;
  /** Minutes before the lesson of the second reminder. */
  reminderMinutesBefore?: number;
  /** Base URL for calendar links (default: config.http.publicUrl). No URL, no link button. */
  publicUrl?: string;
  /** HMAC key for calendar links; must match the one given to the calendar route. */
  calendarSecret?: string;
}

const TEACHING: Role[] = ['teacher', 'pedagogue'];
const VISITING: Role[] = ['learning_agent', 'consultant'];

type Audience = 'headStart' | 'agent' | 'consultant' | 'channel';
interface NotifyPayload {
  slotId: string;
  round: number;
  audience: Audience;
  personId?: string;
  /** For the head start: when the others are told (ISO instant). */
  at?: string;
  /** Agents left out of a channel fallback (e.g. the one who just withdrew). */
  exclude?: string[];
}
type MessageKind =
  | 'confirmTeacher'
  | 'confirmAgent'
  | 'confirmAgentFromWaitlist'
  | 'cancelledAgent'
  | 'cancelledWaitlist'
  | 'movedWaitlist'
  | 'cancelledTeacherByLeader'
  | 'movedAgent'
  | 'movedTeacherByLeader'
  | 'withdrawnTeacherWaitlist'
  | 'withdrawnTeacherReopened'
  | 'notHeldOther'
  | 'offeredOnYourBehalf';
/**
 * A state change and what has to follow from it, written before the change (see the header). `seq` is the
 * sequence the slot has right after the change; `by` is who made it.
 */
type Settle =
  | { t: 'offer'; slotId: string; seq: 0; by: string; headStart: string | null; announceAt: string; leader?: string }
  | { t: 'claim'; slotId: string; seq: number; by: string; agentId: string; fromWaitlist?: { previous: string } }
  | { t: 'withdraw'; slotId: string; seq: number; by: string; agentName: string }
  | { t: 'cancel'; slotId: string; seq: number; by: string; n: string; agentId: string | null; byLeader?: string }
  | { t: 'move'; slotId: string; seq: number; by: string; n: string; startsAt: string; endsAt: string; byLeader?: string }
  | { t: 'notHeld'; slotId: string; seq: number; by: string; n: string; other: string | null; name: string };

interface MessagePayload {
  slotId: string;
  personId: string;
  kind: MessageKind;
  seq: number;
  params?: Record<string, string>;
}

export function createBookingFlowWith(options: BookingOptions = {}): FlowFactory {
  return (deps) => new BookingFlow(deps, options).flow();
}

export const createBookingFlow: FlowFactory = createBookingFlowWith();

class BookingFlow {
  private readonly store: BookingStore;
  private readonly o: Required<Omit<BookingOptions, 'publicUrl'>> & { publicUrl: string | null };

  constructor(
    private readonly deps: FlowDeps,
    options: BookingOptions,
  ) {
    this.store = deps.stores.booking;
    this.o = {
      headStartHours: 4,
      consultantDelayHours: 8,
      escalateWorkingDays: 2,
      dayBeforeReminderAt: '12:00',
      reminderMinutesBefore: 60,
      calendarSecret: options.calendarSecret ?? deps.secrets.links,
      ...stripUndefined(options),
      publicUrl: options.publicUrl ?? deps.config.http?.publicUrl ?? null,
    };
  }

  flow(): Flow {
    return {
      name: 'booking',
      commands: {
        offer: (ev, ix) => this.offerCommand(ev.actor, ix),
        my: (ev, ix) => this.myCommand(ev.actor, ix),
        open: (ev, ix) => this.openCommand(ev.actor, ix),
      },
      actions: {
        [ACTIONS.claim]: (ev, ix) => this.claimAction(ev, ix),
        [ACTIONS.cancel]: (ev, ix) => this.cancelAction(ev, ix),
        [ACTIONS.move]: (ev, ix) => this.moveAction(ev, ix),
        [ACTIONS.withdraw]: (ev, ix) => this.withdrawAction(ev, ix),
        [ACTIONS.waitlist]: (ev, ix) => this.waitlistAction(ev, ix),
        [ACTIONS.leaveWaitlist]: (ev, ix) => this.leaveWaitlistAction(ev, ix),
        [ACTIONS.held]: (ev, ix) => this.heldAction(ev, ix),
        [ACTIONS.notHeld]: (ev, ix) => this.notHeldAction(ev, ix),
        // A link button: Slack still reports the click; the browser does the work.
        [ACTIONS.calendar]: async () => undefined,
      },
      forms: {
        [FORMS.offer]: (sub, ix) => this.offerSubmit(sub, ix),
        [FORMS.move]: (sub, ix) => this.moveSubmit(sub, ix),
      },
      jobs: {
        [BOOKING_JOBS.announce]: (p: { slotId: string; round: number; exclude?: string[] }) => this.announceJob(p),
        [BOOKING_JOBS.notify]: (p: NotifyPayload) => this.notifyJob(p),
        [BOOKING_JOBS.consultants]: (p: { slotId: string }) => this.consultantsJob(p),
        [BOOKING_JOBS.escalate]: (p: { slotId: string; seq: number }) => this.escalateJob(p),
        [BOOKING_JOBS.expire]: (p: { slotId: string; seq: number }) => this.expireJob(p),
        [BOOKING_JOBS.reminder]: (p: { slotId: string; seq: number; kind: 'day' | 'hour'; personId: string }) => this.reminderJob(p),
        [BOOKING_JOBS.held]: (p: { slotId: string; seq: number }) => this.heldJob(p),
        [BOOKING_JOBS.message]: (p: MessagePayload) => this.messageJob(p),
        [BOOKING_JOBS.settle]: (p: Settle) => this.settleJob(p),
        [BOOKING_JOBS.reconcile]: (_p: unknown, ctx) => this.reconcileJob(ctx.now),
      },
      // Seeds the reconciler; after a restart it runs at once (this hour's key) and so catches up.
      onStart: () => this.scheduleReconcile(this.now(), this.now()),
      home: (actor) => this.home(actor),
    };
  }

  // ── Helpers ────────────────────────────────────────────────────────────────────────────────────

  private now(): Date {
    return this.deps.clock.now();
  }

  private settings(municipalityId: string): Promise<CalendarSettings> {
    return this.deps.calendar(municipalityId);
  }

  private async tz(slot: SlotView): Promise<string> {
    return (await this.settings(slot.municipalityId)).timeZone;
  }

  private say(ix: Interaction, key: BookingTextKey, params?: Record<string, string | number>, extra: (l: Locale) => Block[] = () => []): Promise<void> {
    return ix.respond((l) => simple(bookingTexts.for(l)(key, params), extra(l)));
  }

  /** Says `key` with "when" filled in for the slot, in each recipient's language. */
  private sayAbout(ix: Interaction, slot: SlotView, tz: string, key: BookingTextKey, params: Record<string, string> = {}, extra: (l: Locale) => Block[] = () => []): Promise<void> {
    return ix.respond((l) => simple(bookingTexts.for(l)(key, { ...slotParams(slot, tz, l), ...params }), extra(l)));
  }

  /** "Cannot be changed any more" / "not open any more", with the slot's status in the recipient's language. */
  private sayStatus(ix: Interaction, key: 'notChangeable' | 'notOpenAnymore', status: SlotView['status']): Promise<void> {
    return ix.respond((l) => simple(bookingTexts.for(l)(key, { status: statusText(status, l) })));
  }

  /** A person's name as the directory has it ('' when unknown). */
  private async nameOf(personId: string): Promise<string> {
    return (await this.deps.directory.person(personId))?.name ?? '';
  }

  /** The actor's name when they act on someone else's lesson (a leader); undefined for the teacher. */
  private async leaderName(actorId: string, teacherId: string): Promise<string | undefined> {
    return actorId !== teacherId ? this.nameOf(actorId) : undefined;
  }

  private calendarLink(slot: SlotView, personId: string): string | null {
    return this.o.publicUrl ? calendarUrl(this.o.publicUrl, this.o.calendarSecret, slot.id, personId) : null;
  }

  private async rolesAt(personId: string, schoolId: string): Promise<Set<Role>> {
    const roles = await this.deps.directory.rolesOf(personId);
    return new Set(roles.filter((r) => r.schoolId === schoolId).map((r) => r.role));
  }

  private async mayManage(personId: string, slot: SlotView): Promise<boolean> {
    if (personId === slot.teacherId) return true;
    return (await this.rolesAt(personId, slot.schoolId)).has('leader');
  }

  /** The teacher's previous agent, if they may still visit at this school. */
  private async headStartAgent(slot: Pick<SlotView, 'id' | 'teacherId' | 'schoolId'>): Promise<string | null> {
    const prev = await this.store.previousAgent(slot.teacherId, slot.id);
    if (!prev || prev === slot.teacherId) return null;
    return (await this.store.hasRole(prev, slot.schoolId, VISITING)) ? prev : null;
  }

  private async loadSlot(ix: Interaction, id: string | undefined): Promise<SlotView | null> {
    const slot = id ? await this.store.slot(id) : null;
    if (!slot) await this.say(ix, 'notFound');
    return slot;
  }

  private async schedule(slot: SlotView, kind: string, key: string, payload: unknown, runAt: Date, messagesStaff = true): Promise<void> {
    await this.deps.jobs.schedule({ kind, payload, runAt, idempotencyKey: key, messagesStaff, municipalityId: slot.municipalityId });
  }

  private async message(slot: SlotView, personId: string, kind: MessageKind, params?: Record<string, string>): Promise<void> {
    const payload: MessagePayload = { slotId: slot.id, personId, kind, seq: slot.sequence, ...(params ? { params } : {}) };
    await this.schedule(slot, BOOKING_JOBS.message, `slot:${slot.id}:m${slot.sequence}:${kind}:${personId}`, payload, this.now());
  }

  /** Time-bound jobs for the slot's current version. */
  private async scheduleTimed(slot: SlotView): Promise<void> {
    const settings = await this.settings(slot.municipalityId);
    const now = this.now();
    const k = (s: string) => `slot:${slot.id}:t${slot.sequence}:${s}`;
    const seq = slot.sequence;
    if (slot.status === 'open') {
      // Never escalate before the agents had their chance: after the announcement they get the
      // consultants' delay, or — for short-notice lessons — half the working time left before it.
      const notBefore = slot.announcedAt
        ? maxDate(now, addWorkingHours(slot.announcedAt, Math.min(this.o.consultantDelayHours, workingHoursBetween(slot.announcedAt, slot.startsAt, settings) / 2), settings))
        : addWorkingHours(now, this.o.headStartHours, settings);
      const escalateAt = maxDate(workingDaysBefore(slot.startsAt, this.o.escalateWorkingDays, settings), notBefore);
      if (escalateAt < slot.startsAt) await this.schedule(slot, BOOKING_JOBS.escalate, k('escalate'), { slotId: slot.id, seq }, escalateAt);
      await this.schedule(slot, BOOKING_JOBS.expire, k('expire'), { slotId: slot.id, seq }, slot.startsAt, false);
    } else if (slot.status === 'claimed' && slot.agentId) {
      const dayBefore = instantFromLocal(previousWorkingDay(localDate(slot.startsAt, settings.timeZone), settings), this.o.dayBeforeReminderAt, settings.timeZone);
      const hourBefore = new Date(slot.startsAt.getTime() - this.o.reminderMinutesBefore * 60_000);
      for (const personId of [slot.teacherId, slot.agentId]) {
        if (dayBefore > now) await this.schedule(slot, BOOKING_JOBS.reminder, k(`reminder-day:${personId}`), { slotId: slot.id, seq, kind: 'day', personId }, dayBefore);
        if (hourBefore > now) await this.schedule(slot, BOOKING_JOBS.reminder, k(`reminder-hour:${personId}`), { slotId: slot.id, seq, kind: 'hour', personId }, hourBefore);
      }
      await this.schedule(slot, BOOKING_JOBS.held, k('held'), { slotId: slot.id, seq }, slot.endsAt, false);
    }
  }

  /** Starts an announcement round: head start for the previous agent (round 0 only), then everyone. */
  private async startRound(slot: SlotView, round: number, exclude: string[] = []): Promise<void> {
    await this.scheduleRound(slot, round, await this.planRound(slot, round), exclude);
  }

  /** Who gets a head start and when the others are told — decided once, so a repeat tells nobody new. */
  private async planRound(slot: Pick<SlotView, 'id' | 'teacherId' | 'schoolId' | 'startsAt' | 'municipalityId'>, round: number): Promise<{ headStart: string | null; announceAt: Date }> {
    const settings = await this.settings(slot.municipalityId);
    const now = this.now();
    let headStart = round === 0 ? await this.headStartAgent(slot) : null;
    let announceAt = now;
    if (headStart) {
      // Short notice: the head start ends at the latest when the last working days before the lesson
      // begin (the escalation point), so the other agents still get their chance; inside them there is
      // no head start at all (a Friday-afternoon offer for Monday morning goes to everyone at once).
      const latest = workingDaysBefore(slot.startsAt, this.o.escalateWorkingDays, settings);
      announceAt = minDate(addWorkingHours(now, this.o.headStartHours, settings), latest);
      if (announceAt <= addWorkingHours(now, 0, settings)) {
        headStart = null;
        announceAt = now;
      }
    }
    return { headStart, announceAt };
  }

  private async scheduleRound(slot: SlotView, round: number, plan: { headStart: string | null; announceAt: Date }, exclude: string[] = []): Promise<void> {
    const { headStart, announceAt } = plan;
    const now = this.now();
    if (headStart) {
      const payload: NotifyPayload = { slotId: slot.id, round, audience: 'headStart', personId: headStart, at: announceAt.toISOString() };
      await this.schedule(slot, BOOKING_JOBS.notify, `slot:${slot.id}:a${round}:to:${headStart}`, payload, now);
    }
    // The head-start agent already has a copy; the fan-out leaves them out (decided here, once).
    const skip = headStart ? [...exclude, headStart] : exclude;
    await this.schedule(slot, BOOKING_JOBS.announce, `slot:${slot.id}:a${round}:announce`, { slotId: slot.id, round, ...(skip.length ? { exclude: skip } : {}) }, announceAt);
  }

  /**
   * Cancels what belonged to earlier versions of the slot: announcement rounds, time-bound jobs and
   * messages keyed with a number below the current sequence. Never the current version's own keys, so
   * repeating a change's follow-ups (its settle job) cannot cancel what the first run scheduled.
   */
  private async cancelEarlierVersions(slot: SlotView, parts: ('a' | 't' | 'm')[]): Promise<void> {
    const prefixes = Array.from({ length: slot.sequence }, (_, k) => parts.map((part) => `slot:${slot.id}:${part}${k}:`)).flat();
    await this.deps.jobs.cancel(prefixes);
  }

  /** The slot is not open any more: everything of earlier versions, and the consultants' copies. */
  private async closeEarlierVersions(slot: SlotView): Promise<void> {
    await this.cancelEarlierVersions(slot, ['a', 't', 'm']);
    await this.deps.jobs.cancel(`slot:${slot.id}:c:`);
  }

  /** Brings every stored copy of the announcement up to date (claimed, cancelled, open again…). */
  private async refreshAnnouncements(slotId: string): Promise<void> {
    const slot = await this.store.slot(slotId);
    if (!slot) return;
    const tz = await this.tz(slot);
    for (const row of await this.store.sentFor(announcementTopic(slotId))) {
      const { ref, locale } = parseStoredRef(row.ref);
      try {
        await this.deps.chat.update({ platform: row.platform as SentRef['platform'], ref }, (l) => announcement(slot, tz, l, { kind: 'agents' }), locale);
      } catch (err) {
        // One deleted message or archived channel must not stop the others.
        this.deps.logger.warn({ err, slotId, platform: row.platform }, 'could not update an announcement copy');
      }
    }
  }

  private async scheduleReflection(slot: SlotView): Promise<void> {
    try {
      await this.deps.jobs.schedule({
        kind: REFLECTION_PROMPT_JOB,
        payload: { slotId: slot.id },
        runAt: maxDate(slot.endsAt, this.now()),
        idempotencyKey: reflectionKey(slot.id),
        municipalityId: slot.municipalityId,
      });
    } catch (err) {
      // The reflection flow owns the kind; without it the visit still counts as held.
      this.deps.logger.error({ err, slotId: slot.id }, 'could not schedule the reflection prompt');
    }
  }

  // ── Settling a change: follow-ups written down before the change, applied after it ─────────────

  private settleKey(p: Settle): string {
    // Changes that may lose to another one of the same kind carry a nonce, so the loser's `abandon` only
    // ever cancels its own settle job (a double click must not cancel the winner's).
    return `settle:${p.slotId}:s${p.seq}:${p.t}:${p.by}${'n' in p ? `:${p.n}` : ''}`;
  }

  /** Stores the change's follow-ups before the change is made; the settle job applies them if it was. */
  private async intend(municipalityId: string, p: Settle): Promise<void> {
    const runAt = new Date(this.now().getTime() + SETTLE_GRACE_MS);
    await this.deps.jobs.schedule({ kind: BOOKING_JOBS.settle, payload: p, runAt, idempotencyKey: this.settleKey(p), messagesStaff: false, municipalityId });
  }

  /** The change did not happen (another one won): its settle job must not act on the winner's state. */
  private async abandon(p: Settle): Promise<void> {
    await this.deps.jobs.cancel(this.settleKey(p));
  }

  /** Is the slot in the state this change leaves it in? */
  private matches(slot: SlotView, p: Settle): boolean {
    if (slot.sequence !== p.seq) return false;
    switch (p.t) {
      case 'offer':
        return slot.status === 'open';
      case 'claim':
        return slot.status === 'claimed' && slot.agentId === p.agentId;
      case 'withdraw':
        return slot.status === 'open';
      case 'cancel':
        return slot.status === 'cancelled';
      case 'move':
        return (slot.status === 'open' || slot.status === 'claimed') && slot.startsAt.toISOString() === p.startsAt && slot.endsAt.toISOString() === p.endsAt;
      case 'notHeld':
        return slot.status === 'not_held';
    }
  }

  private async settleJob(p: Settle): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    // Never made (crash before the change, or another change won), or superseded since: nothing to do.
    if (!slot || !this.matches(slot, p)) return;
    await this.settle(slot, p);
  }

  /** Everything that follows from a change. Idempotent: every job it schedules has a key of this version. */
  private async settle(slot: SlotView, p: Settle): Promise<void> {
    switch (p.t) {
      case 'offer': {
        await this.scheduleTimed(slot);
        await this.scheduleRound(slot, 0, { headStart: p.headStart, announceAt: new Date(p.announceAt) });
        if (p.leader !== undefined) await this.message(slot, slot.teacherId, 'offeredOnYourBehalf', { leader: p.leader });
        return;
      }
      case 'claim': {
        await this.afterClaim(slot, p.fromWaitlist !== undefined);
        if (p.fromWaitlist) await this.message(slot, slot.teacherId, 'withdrawnTeacherWaitlist', { agent: p.fromWaitlist.previous, next: slot.agentName ?? '' });
        return;
      }
      case 'withdraw':
        return this.afterWithdraw(slot, p);
      case 'cancel': {
        await this.closeEarlierVersions(slot);
        const byLeader = p.byLeader !== undefined ? { name: p.byLeader } : undefined;
        if (p.agentId) await this.message(slot, p.agentId, 'cancelledAgent', byLeader);
        // Agents waiting for the lesson should stop waiting (told first, then taken off: a repeat finds them).
        for (const waiting of await this.store.waitlist(slot.id)) {
          await this.message(slot, waiting, 'cancelledWaitlist', byLeader);
          await this.store.waitlistRemove(slot.id, waiting);
        }
        if (byLeader) await this.message(slot, slot.teacherId, 'cancelledTeacherByLeader', byLeader);
        await this.refreshAnnouncements(slot.id);
        return;
      }
      case 'move': {
        // Only the time-bound jobs change: the announcement round and messages stay.
        await this.cancelEarlierVersions(slot, ['t']);
        await this.scheduleTimed(slot);
        // A leader moved someone else's lesson: the teacher has to know the new time too, and the agent who did it.
        const byLeader = p.byLeader !== undefined ? { name: p.byLeader } : undefined;
        if (slot.status === 'claimed' && slot.agentId) await this.message(slot, slot.agentId, 'movedAgent', byLeader);
        // Those waiting signed up for the old time: they hear the new one and may leave the list.
        for (const waiting of await this.store.waitlist(slot.id)) await this.message(slot, waiting, 'movedWaitlist');
        if (byLeader) await this.message(slot, slot.teacherId, 'movedTeacherByLeader', byLeader);
        await this.refreshAnnouncements(slot.id);
        return;
      }
      case 'notHeld': {
        // Drops the held job, reminders and a reflection prompt that has not gone out yet.
        await this.closeEarlierVersions(slot);
        await this.deps.jobs.cancel(`slot:${slot.id}:t${slot.sequence}:`);
        await this.deps.jobs.cancel(`slot:${slot.id}:reflection`);
        if (p.other) await this.message(slot, p.other, 'notHeldOther', { name: p.name });
        await this.refreshAnnouncements(slot.id);
        return;
      }
    }
  }

  // ── The reconciler ─────────────────────────────────────────────────────────────────────────────

  private reconcileKey(at: Date): string {
    return `booking:reconcile:${new Date(Math.floor(at.getTime() / RECONCILE_PERIOD_MS) * RECONCILE_PERIOD_MS).toISOString().slice(0, 13)}`;
  }

  private async scheduleReconcile(period: Date, runAt: Date): Promise<void> {
    await this.deps.jobs.schedule({ kind: BOOKING_JOBS.reconcile, payload: {}, runAt, idempotencyKey: this.reconcileKey(period), messagesStaff: false });
  }

  private async reconcileJob(now: Date): Promise<void> {
    // The next run first: a failing pass must not end the chain.
    const next = new Date((Math.floor(now.getTime() / RECONCILE_PERIOD_MS) + 1) * RECONCILE_PERIOD_MS);
    await this.scheduleReconcile(next, next);
    await this.reconcile();
  }

  /**
   * Re-applies the scheduling that follows from each slot's current state and sequence (see the header).
   * Everything it schedules has a key of the current version, which the flow cancels only together with
   * a change of state or sequence — so nothing deliberately cancelled comes back.
   */
  async reconcile(): Promise<void> {
    const now = this.now();
    for (const slot of await this.store.activeSlots(new Date(now.getTime() - RECONCILE_PERIOD_MS), 5000)) {
      try {
        await this.scheduleTimed(slot);
      } catch (err) {
        this.deps.logger.error({ err, slotId: slot.id }, 'reconciler could not reschedule a slot');
      }
    }
    const held = await this.store.heldWithoutReflection(new Date(now.getTime() - REFLECTION_LOOKBACK_MS), 5000);
    // A reflection job in any state (a cancelled one included) means the flow has decided already.
    const existing = await this.store.existingJobKeys(held.map((s) => reflectionKey(s.id)));
    for (const slot of held) if (!existing.has(reflectionKey(slot.id))) await this.scheduleReflection(slot);
  }

  // ── Offer ──────────────────────────────────────────────────────────────────────────────────────

  private async offerCommand(actor: Actor, ix: Interaction): Promise<void> {
    const roles = await this.deps.directory.rolesOf(actor.personId);
    const teaches = roles.some((r) => TEACHING.includes(r.role));
    const leads = roles.filter((r) => r.role === 'leader');
    if (!teaches && leads.length === 0) return this.say(ix, 'offerNotAllowed');
    let teachers: { id: string; name: string }[] | null = null;
    if (leads.length > 0) {
      const seen = new Map<string, { id: string; name: string }>();
      if (teaches) {
        const me = await this.deps.directory.person(actor.personId);
        if (me) seen.set(me.id, { id: me.id, name: me.name });
      }
      for (const s of leads) for (const p of await this.store.schoolPeople(s.schoolId, TEACHING)) if (!seen.has(p.id)) seen.set(p.id, p);
      teachers = [...seen.values()];
    }
    // A leader picks the teacher in the same form, so the course is found from the date for them.
    const courses = teachers === null ? await this.store.coursesOf(actor.personId) : [];
    const schools = teachers === null ? teachingSchools(roles) : [];
    // The bell schedule is offered when it is clear which school the lesson is at.
    const lessonTimes = schools.length === 1 ? await this.store.lessonTimes(schools[0]!.id) : [];
    await ix.openForm((l) => offerForm({ teachers, selfId: actor.personId, courses: courses.map((c) => ({ id: c.id, name: c.name })), schools, lessonTimes }, l));
  }

  private async offerSubmit(sub: FormSubmission, ix: Interaction): Promise<FormResult> {
    const { actor, values } = sub;
    const errors: FieldErrors = {};
    const roles = await this.deps.directory.rolesOf(actor.personId);
    const chosen = (values.teacher ?? '').trim();
    let teacherId = actor.personId;
    let schoolId: string | undefined;
    if (chosen !== '' && chosen !== actor.personId) {
      // On behalf of someone: only a leader of a school where that person teaches.
      teacherId = chosen;
      for (const r of roles.filter((x) => x.role === 'leader')) {
        if (await this.store.hasRole(chosen, r.schoolId, TEACHING)) {
          schoolId = r.schoolId;
          break;
        }
      }
      if (!schoolId) errors.teacher = { key: 'errTeacher' };
    } else {
      const mine = teachingSchools(roles);
      const picked = (values.school ?? '').trim();
      // Someone teaching at several schools says where the lesson is; the value is checked, not trusted.
      schoolId = mine.length > 1 ? mine.find((s) => s.id === picked)?.id : mine[0]?.id;
      if (!schoolId && mine.length > 1) errors.school = { key: 'errSchool' };
      else if (!schoolId) {
        if (roles.some((r) => r.role === 'leader')) errors.teacher = { key: 'errTeacher' };
        else {
          await this.say(ix, 'offerNotAllowed');
          return { ok: true };
        }
      }
    }
    const settings = await this.settings(actor.municipalityId);
    const time = validateLessonTime(schoolId ? await this.withLessonTime(values, schoolId, errors) : values, { now: this.now(), settings });
    const details = validateLessonDetails(values);
    if (!time.ok) Object.assign(errors, time.errors);
    if (!details.ok) Object.assign(errors, details.errors);
    if (!time.ok || !details.ok || !schoolId || Object.keys(errors).length > 0) return { ok: false, errors: renderErrors(errors, actor.locale) };

    const overlap = (await this.store.teacherOverlaps(teacherId, time.value.startsAt, time.value.endsAt))[0];
    if (overlap) {
      const l = actor.locale;
      return { ok: false, errors: { start: bookingTexts.plain(l, 'errOverlap', { when: when(overlap, settings.timeZone, l), what: formatWhat(overlap) }) } };
    }

    const courses = await this.store.coursesOf(teacherId);
    const courseChoice = (values.course ?? 'auto').trim();
    let courseId: string | null;
    if (courseChoice === 'none') courseId = null;
    else if (courseChoice === 'auto' || courseChoice === '') courseId = courseForDate(courses, time.value.startsAt)?.id ?? null;
    else if (courses.some((c) => c.id === courseChoice)) courseId = courseChoice;
    else return { ok: false, errors: renderErrors({ course: { key: 'errCourse' } }, actor.locale) };

    // The follow-ups are written down under the new slot's id before the slot exists (see the header).
    const id = randomUUID();
    const { headStart, announceAt } = await this.planRound({ id, teacherId, schoolId, startsAt: time.value.startsAt, municipalityId: actor.municipalityId }, 0);
    const leader = await this.leaderName(actor.personId, teacherId);
    const intent: Settle = { t: 'offer', slotId: id, seq: 0, by: actor.personId, headStart, announceAt: announceAt.toISOString(), ...(leader !== undefined ? { leader } : {}) };
    await this.intend(actor.municipalityId, intent);
    const slot = await this.store.createSlot({ id, schoolId, teacherId, createdById: actor.personId, courseId, ...time.value, ...details.value });
    await this.settle(slot, intent);
    const tz = settings.timeZone;
    const agentName = headStart ? await this.nameOf(headStart) : '';
    await ix.respond((l) => {
      const t = bookingTexts.for(l);
      const w = when(slot, tz, l);
      const first = teacherId === actor.personId ? t('offerCreated', { when: w, what: formatWhat(slot) }) : t('offerCreatedFor', { teacher: slot.teacherName, when: w, what: formatWhat(slot) });
      const second = headStart ? t('offerHeadStart', { agent: agentName, school: slot.schoolName, at: formatMoment(announceAt, tz, l) }) : t('offerAnnounced', { school: slot.schoolName });
      return simple(rich(first, ' ', second));
    });
    return { ok: true };
  }

  // ── Announcement jobs ──────────────────────────────────────────────────────────────────────────

  private async announceJob(p: { slotId: string; round: number; exclude?: string[] }): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.status !== 'open') return;
    const now = this.now();
    await this.store.markAnnounced(slot.id, now);
    const channel = await this.deps.directory.channelTarget(slot.schoolId, 'agents');
    if (channel && !channel.unreachable) {
      const payload: NotifyPayload = { slotId: slot.id, round: p.round, audience: 'channel', ...(p.exclude ? { exclude: p.exclude } : {}) };
      await this.schedule(slot, BOOKING_JOBS.notify, `slot:${slot.id}:a${p.round}:to:channel`, payload, now);
    } else await this.fanOutAgents(slot, p.round, p.exclude ?? []);
    const settings = await this.settings(slot.municipalityId);
    await this.schedule(slot, BOOKING_JOBS.consultants, `slot:${slot.id}:a${p.round}:consultants`, { slotId: slot.id }, addWorkingHours(now, this.o.consultantDelayHours, settings));
  }

  /** One job per agent, so a crash halfway through neither loses nor repeats a message. */
  private async fanOutAgents(slot: SlotView, round: number, exclude: string[]): Promise<void> {
    const agents = await this.store.schoolPeople(slot.schoolId, ['learning_agent']);
    for (const a of agents) {
      if (a.id === slot.teacherId || exclude.includes(a.id)) continue;
      const payload: NotifyPayload = { slotId: slot.id, round, audience: 'agent', personId: a.id };
      await this.schedule(slot, BOOKING_JOBS.notify, `slot:${slot.id}:a${round}:to:${a.id}`, payload, this.now());
    }
  }

  private async fanOutConsultants(slot: SlotView): Promise<number> {
    const consultants = (await this.store.schoolPeople(slot.schoolId, ['consultant'])).filter((c) => c.id !== slot.teacherId);
    for (const c of consultants) {
      const payload: NotifyPayload = { slotId: slot.id, round: 0, audience: 'consultant', personId: c.id };
      await this.schedule(slot, BOOKING_JOBS.notify, `slot:${slot.id}:c:to:${c.id}`, payload, this.now());
    }
    return consultants.length;
  }

  private async notifyJob(p: NotifyPayload): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.status !== 'open') return;
    const tz = await this.tz(slot);
    let locale: Locale = 'da';
    const variant = (l: Locale): AnnouncementVariant =>
      p.audience === 'headStart' ? { kind: 'headStart', at: p.at ? formatMoment(new Date(p.at), tz, l) : '' } : p.audience === 'consultant' ? { kind: 'consultant' } : { kind: 'agents' };
    const build: MessageBuilder = (l) => {
      locale = l;
      return announcement(slot, tz, l, variant(l));
    };
    let ref: SentRef | null;
    if (p.audience === 'channel') {
      ref = await this.deps.chat.postToChannel(slot.schoolId, 'agents', build);
      // The channel went away since the round started: fall back to direct messages.
      if (!ref) return this.fanOutAgents(slot, p.round, p.exclude ?? []);
    } else {
      if (!p.personId) return;
      ref = await this.deps.chat.sendToPerson(p.personId, build);
    }
    if (!ref) return;
    await this.store.saveSent(announcementTopic(slot.id), ref.platform, JSON.stringify({ ref: ref.ref, locale }));
    // Claimed while we were sending: this copy was not in the list the claimer updated.
    const after = await this.store.slot(slot.id);
    if (after && after.status !== 'open') await this.deps.chat.update(ref, (l) => announcement(after, tz, l, { kind: 'agents' }), locale);
  }

  private async consultantsJob(p: { slotId: string }): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.status !== 'open') return;
    // The fan-out's keys make it safe to repeat: a run that marked the slot and then crashed is completed
    // by the next one, and nobody is told twice.
    await this.store.markEscalated(slot.id, this.now());
    await this.fanOutConsultants(slot);
  }

  private async escalateJob(p: { slotId: string; seq: number }): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.status !== 'open' || slot.sequence !== p.seq) return;
    await this.store.markEscalated(slot.id, this.now());
    const consultants = await this.fanOutConsultants(slot); // idempotent: each consultant is told once
    const tz = await this.tz(slot);
    const key: BookingTextKey = consultants > 0 ? 'escalateTeacher' : 'escalateTeacherNoConsultants';
    await this.deps.chat.sendToPerson(slot.teacherId, (l) => ({
      summary: bookingTexts.plain(l, 'escalateTeacherSummary'),
      blocks: [text(bookingTexts.for(l)(key, { when: when(slot, tz, l) })), actions(...teacherButtons(slot, l))],
    }));
  }

  private async expireJob(p: { slotId: string; seq: number }): Promise<void> {
    // Only the version it was scheduled for: a moved lesson has its own expiry job.
    await this.store.markUnclaimed(p.slotId, p.seq);
    // Also on a repeat of a run that marked it and stopped before updating the copies.
    const slot = await this.store.slot(p.slotId);
    if (slot?.status === 'unclaimed' && slot.sequence === p.seq) await this.refreshAnnouncements(p.slotId);
  }

  // ── Claim ──────────────────────────────────────────────────────────────────────────────────────

  private async claimAction(ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
    const slot = await this.loadSlot(ix, ev.value);
    if (!slot) return;
    const agentId = ev.actor.personId;
    const tz = await this.tz(slot);
    if (slot.status !== 'open') return this.notOpen(ix, slot, tz);
    if (slot.teacherId === agentId) return this.say(ix, 'claimOwn');
    const roles = await this.rolesAt(agentId, slot.schoolId);
    const isAgent = roles.has('learning_agent');
    if (!isAgent && !roles.has('consultant')) return this.say(ix, 'claimNotAgent', { school: slot.schoolName });
    const headStart = slot.announcedAt ? null : await this.headStartAgent(slot);
    const visible = headStart === agentId || (isAgent ? slot.announcedAt !== null : slot.escalatedAt !== null);
    if (!visible) return this.say(ix, 'claimNotYet');
    if (slot.startsAt <= this.now()) return this.say(ix, 'claimStarted');
    const overlap = (await this.store.agentOverlaps(agentId, slot.startsAt, slot.endsAt, slot.id))[0];
    if (overlap) return ix.respond((l) => simple(bookingTexts.for(l)('claimOverlap', { when: when(overlap, tz, l), teacher: overlap.teacherName })));

    // A losing click's settle job finds another agent (or none) on the slot and does nothing.
    const intent: Settle = { t: 'claim', slotId: slot.id, seq: slot.sequence + 1, by: agentId, agentId };
    await this.intend(slot.municipalityId, intent);
    if (!(await this.store.claim(slot.id, agentId, this.now(), slot.sequence))) {
      const now = await this.store.slot(slot.id);
      // Still open: it was moved between reading and claiming. Once more, with the new times checked.
      if (retry && now?.status === 'open') return this.claimAction(ev, ix, false);
      return this.notOpen(ix, now ?? slot, tz);
    }
    const claimed = (await this.store.slot(slot.id))!;
    await this.settle(claimed, intent);
    await this.sayAbout(ix, claimed, tz, 'claimedYou');
  }

  /** Confirmations, reminders, every announcement copy updated. */
  private async afterClaim(slot: SlotView, fromWaitlist: boolean): Promise<void> {
    // Earlier rounds, the consultants' copies, the open version's escalation/expiry and its messages.
    await this.closeEarlierVersions(slot);
    await this.store.waitlistRemove(slot.id, slot.agentId!);
    await this.scheduleTimed(slot);
    await this.message(slot, slot.agentId!, fromWaitlist ? 'confirmAgentFromWaitlist' : 'confirmAgent');
    if (!fromWaitlist) await this.message(slot, slot.teacherId, 'confirmTeacher');
    await this.refreshAnnouncements(slot.id);
  }

  private notOpen(ix: Interaction, slot: SlotView, tz: string): Promise<void> {
    if ((slot.status === 'claimed' || slot.status === 'held') && slot.agentName) {
      if (slot.agentId === ix.actor.personId) return this.sayAbout(ix, slot, tz, 'waitlistOwn');
      return ix.respond((l) =>
        simple(bookingTexts.for(l)('alreadyTaken', { agent: slot.agentName! }), slot.status === 'claimed' ? [actions({ actionId: ACTIONS.waitlist, value: slot.id, label: bookingTexts.plain(l, 'waitlistButton') })] : []),
      );
    }
    return this.sayStatus(ix, 'notOpenAnymore', slot.status);
  }

  // ── Messages to the people involved ────────────────────────────────────────────────────────────

  private async messageJob(p: MessagePayload): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot) return;
    // Confirmations of a version that has changed since are not worth sending.
    const current = ['confirmTeacher', 'confirmAgent', 'confirmAgentFromWaitlist', 'movedAgent'].includes(p.kind);
    if (p.kind === 'movedTeacherByLeader' && (slot.sequence !== p.seq || (slot.status !== 'open' && slot.status !== 'claimed'))) return;
    if (current && (slot.sequence !== p.seq || slot.status !== 'claimed')) return;
    const tz = await this.tz(slot);
    const link = this.calendarLink(slot, p.personId);
    const params = p.params ?? {};
    const line = (key: BookingTextKey, extra: Record<string, string> = {}) => (l: Locale) =>
      bookingTexts.for(l)(key, { ...slotParams(slot, tz, l), ...params, ...extra });
    let build: MessageBuilder;
    switch (p.kind) {
      case 'confirmTeacher':
        build = (l) => confirmation(slot, tz, l, 'teacher', link);
        break;
      case 'confirmAgent':
      case 'confirmAgentFromWaitlist':
        build = (l) => confirmation(slot, tz, l, 'agent', link, p.kind === 'confirmAgentFromWaitlist');
        break;
      case 'cancelledWaitlist': {
        // params.name: a leader did it, not the teacher.
        const key = params.name ? 'cancelledWaitlistByLeader' : 'cancelledWaitlist';
        build = (l) => simple(line(key)(l));
        break;
      }
      case 'cancelledAgent':
      case 'cancelledTeacherByLeader': {
        const key = p.kind === 'cancelledAgent' && params.name ? 'cancelledAgentByLeader' : p.kind;
        build = (l) => simple(line(key)(l), calendarRow(link, l, true));
        break;
      }
      case 'movedAgent': {
        const other = slot.agentId ? (await this.store.agentOverlaps(slot.agentId, slot.startsAt, slot.endsAt, slot.id))[0] : undefined;
        build = (l) =>
          simple(line(params.name ? 'movedAgentByLeader' : 'movedAgent')(l), [
            ...(other ? [context(bookingTexts.for(l)('movedAgentBusy', { other: `${when(other, tz, l)}, ${other.teacherName}` }))] : []),
            actions(...calendarButton(link, l), withdrawButton(slot, l)),
          ]);
        break;
      }
      case 'movedWaitlist':
        build = (l) => simple(line('movedWaitlist')(l), [actions({ actionId: ACTIONS.leaveWaitlist, value: slot.id, label: bookingTexts.plain(l, 'leaveWaitlistButton') })]);
        break;
      case 'movedTeacherByLeader':
        build = (l) => simple(line('movedTeacherByLeader')(l), [actions(...(slot.status === 'claimed' ? calendarButton(link, l) : []), ...teacherButtons(slot, l))]);
        break;
      case 'withdrawnTeacherWaitlist':
        build = (l) => simple(line('withdrawnTeacherWaitlist')(l), [actions(...calendarButton(link, l), ...teacherButtons(slot, l))]);
        break;
      case 'withdrawnTeacherReopened':
        build = (l) => simple(line('withdrawnTeacherReopened')(l), calendarRow(link, l, true));
        break;
      case 'notHeldOther':
        build = (l) => simple(line('notHeldOther')(l));
        break;
      case 'offeredOnYourBehalf':
        build = (l) => simple(line('offeredOnYourBehalf')(l), slot.status === 'open' ? [actions(...teacherButtons(slot, l))] : []);
        break;
    }
    await this.deps.chat.sendToPerson(p.personId, build);
  }

  // ── Reminders and after the visit ──────────────────────────────────────────────────────────────

  private async reminderJob(p: { slotId: string; seq: number; kind: 'day' | 'hour'; personId: string }): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.status !== 'claimed' || slot.sequence !== p.seq) return;
    if (p.personId !== slot.teacherId && p.personId !== slot.agentId) return;
    // Deferred by quiet hours past the start: a reminder then is only noise.
    if (slot.startsAt <= this.now()) return;
    const tz = await this.tz(slot);
    const who = p.personId === slot.teacherId ? 'teacher' : 'agent';
    await this.deps.chat.sendToPerson(p.personId, (l) => reminder(slot, tz, l, who, p.kind, this.calendarLink(slot, p.personId)));
  }

  private async heldJob(p: { slotId: string; seq: number }): Promise<void> {
    const slot = await this.store.slot(p.slotId);
    if (!slot || slot.sequence !== p.seq) return;
    if (slot.status === 'claimed') await this.store.markHeld(slot.id);
    const after = await this.store.slot(slot.id);
    if (after?.status !== 'held') return;
    // Also when a run that marked it stopped before these (a repeat is harmless).
    await this.scheduleReflection(after);
    // Copies stop offering the waitlist once the visit has happened.
    await this.refreshAnnouncements(slot.id);
  }

  private async participant(ev: ActionEvent, ix: Interaction): Promise<SlotView | null> {
    const slot = await this.loadSlot(ix, ev.value);
    if (!slot) return null;
    if (ev.actor.personId !== slot.teacherId && ev.actor.personId !== slot.agentId) {
      await this.say(ix, 'notParticipant');
      return null;
    }
    return slot;
  }

  private async heldAction(ev: ActionEvent, ix: Interaction): Promise<void> {
    const slot = await this.participant(ev, ix);
    if (!slot) return;
    if (slot.status === 'held') return this.say(ix, 'heldDone');
    if (slot.status !== 'claimed') return this.sayStatus(ix, 'notChangeable', slot.status);
    if (slot.startsAt > this.now()) return this.say(ix, 'heldTooEarly');
    if (await this.store.markHeld(slot.id)) {
      // The prompt first: until the time-bound jobs are cancelled, the held job is still there to
      // schedule it if we stop here.
      await this.scheduleReflection(slot);
      await this.deps.jobs.cancel(`slot:${slot.id}:t${slot.sequence}:`);
      await this.refreshAnnouncements(slot.id);
    }
    await this.say(ix, 'heldDone');
  }

  private async notHeldAction(ev: ActionEvent, ix: Interaction): Promise<void> {
    const slot = await this.participant(ev, ix);
    if (!slot) return;
    const tz = await this.tz(slot);
    const other = ev.actor.personId === slot.teacherId ? slot.agentId : slot.teacherId;
    const name = await this.nameOf(ev.actor.personId);
    const intent: Settle = { t: 'notHeld', slotId: slot.id, seq: slot.sequence, by: ev.actor.personId, n: nonce(), other, name };
    await this.intend(slot.municipalityId, intent);
    if (!(await this.store.markNotHeld(slot.id))) {
      await this.abandon(intent);
      const now = (await this.store.slot(slot.id)) ?? slot;
      return this.sayStatus(ix, 'notChangeable', now.status);
    }
    await this.settle((await this.store.slot(slot.id))!, intent);
    await this.sayAbout(ix, slot, tz, 'notHeldDone');
  }

  // ── Cancel, move, withdraw, waitlist ───────────────────────────────────────────────────────────

  private async manageable(ev: ActionEvent | FormSubmission, ix: Interaction, id: string | undefined): Promise<SlotView | null> {
    const slot = await this.loadSlot(ix, id);
    if (!slot) return null;
    if (!(await this.mayManage(ev.actor.personId, slot))) {
      await this.say(ix, 'cancelNotAllowed');
      return null;
    }
    if (slot.status !== 'open' && slot.status !== 'claimed') {
      await this.sayStatus(ix, 'notChangeable', slot.status);
      return null;
    }
    return slot;
  }

  private async cancelAction(ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
    const slot = await this.manageable(ev, ix, ev.value);
    if (!slot) return;
    const tz = await this.tz(slot);
    // Who did it, when it was not the teacher (a leader): the agent and the waitlist hear the right name.
    const byLeader = await this.leaderName(ev.actor.personId, slot.teacherId);
    const intent: Settle = { t: 'cancel', slotId: slot.id, seq: slot.sequence + 1, by: ev.actor.personId, n: nonce(), agentId: slot.agentId, ...(byLeader !== undefined ? { byLeader } : {}) };
    await this.intend(slot.municipalityId, intent);
    if (!(await this.store.cancel(slot.id, slot.sequence))) {
      await this.abandon(intent);
      const now = (await this.store.slot(slot.id)) ?? slot;
      // Changed in between but still cancellable (moved, claimed, released): once more with what it is now.
      if (retry && (now.status === 'open' || now.status === 'claimed')) return this.cancelAction(ev, ix, false);
      return this.sayStatus(ix, 'notChangeable', now.status);
    }
    const after = (await this.store.slot(slot.id))!;
    await this.settle(after, intent);
    const link = slot.agentId && ev.actor.personId === slot.teacherId ? this.calendarLink(after, slot.teacherId) : null;
    await this.sayAbout(ix, slot, tz, 'cancelledYou', {}, (l) => calendarRow(link, l, true));
  }

  /** A lesson number picked from the bell schedule becomes the start time (and a default length). */
  private async withLessonTime(values: Record<string, string>, schoolId: string, errors: FieldErrors): Promise<Record<string, string>> {
    const picked = (values.lesson ?? '').trim();
    if (picked === '' || (values.start ?? '').trim() !== '') return values;
    const start = (await this.store.lessonTimes(schoolId))[Number(picked) - 1];
    if (!start || !/^\d+$/.test(picked)) {
      errors.lesson = { key: 'errLesson' };
      return values;
    }
    const noLength = (values.end ?? '').trim() === '' && (values.duration ?? '').trim() === '';
    return { ...values, start, ...(noLength ? { duration: String(DEFAULT_LESSON_MINUTES) } : {}) };
  }

  private async moveAction(ev: ActionEvent, ix: Interaction): Promise<void> {
    const slot = await this.manageable(ev, ix, ev.value);
    if (!slot) return;
    const tz = await this.tz(slot);
    await ix.openForm((l) => moveForm(slot, tz, l));
  }

  private async moveSubmit(sub: FormSubmission, ix: Interaction): Promise<FormResult> {
    const slot = await this.manageable(sub, ix, sub.privateValue);
    if (!slot) return { ok: true };
    const settings = await this.settings(slot.municipalityId);
    const l = sub.actor.locale;
    const time = validateLessonTime(sub.values, { now: this.now(), settings });
    if (!time.ok) return { ok: false, errors: renderErrors(time.errors, l) };
    const { startsAt, endsAt } = time.value;
    const overlap = (await this.store.teacherOverlaps(slot.teacherId, startsAt, endsAt, slot.id))[0];
    if (overlap) return { ok: false, errors: { start: bookingTexts.plain(l, 'errOverlap', { when: when(overlap, settings.timeZone, l), what: formatWhat(overlap) }) } };
    const byLeader = await this.leaderName(sub.actor.personId, slot.teacherId);
    const intent: Settle = { t: 'move', slotId: slot.id, seq: slot.sequence + 1, by: sub.actor.personId, n: nonce(), startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), ...(byLeader !== undefined ? { byLeader } : {}) };
    await this.intend(slot.municipalityId, intent);
    if (!(await this.store.move(slot.id, startsAt, endsAt, slot.sequence))) {
      await this.abandon(intent);
      return { ok: false, errors: { date: bookingTexts.plain(l, 'moveStale') } };
    }
    const after = (await this.store.slot(slot.id))!;
    await this.settle(after, intent);
    // The teacher's calendar holds the old time: offer the updated invitation (same UID, higher SEQUENCE).
    const link = after.status === 'claimed' && sub.actor.personId === after.teacherId ? this.calendarLink(after, after.teacherId) : null;
    await this.sayAbout(ix, after, settings.timeZone, 'movedYou', {}, (l) => calendarRow(link, l));
    return { ok: true };
  }

  private async withdrawAction(ev: ActionEvent, ix: Interaction, retry = true): Promise<void> {
    const slot = await this.loadSlot(ix, ev.value);
    if (!slot) return;
    const me = ev.actor.personId;
    if (slot.agentId !== me) return this.say(ix, 'withdrawNotYours');
    // Once the lesson has begun nobody else can take over: reopening would only tell the teacher it was
    // "sent out again" and leave it unclaimed. What happened is "it did not happen".
    if (slot.status === 'claimed' && slot.startsAt <= this.now()) {
      return ix.respond((l) => simple(bookingTexts.for(l)('withdrawStarted'), [actions({ actionId: ACTIONS.notHeld, value: slot.id, label: bookingTexts.plain(l, 'notHeldButton') })]));
    }
    const tz = await this.tz(slot);
    const intent: Settle = { t: 'withdraw', slotId: slot.id, seq: slot.sequence + 1, by: me, agentName: slot.agentName ?? '' };
    if (slot.status === 'claimed') await this.intend(slot.municipalityId, intent);
    if (slot.status !== 'claimed' || !(await this.store.release(slot.id, me, slot.sequence))) {
      const now = (await this.store.slot(slot.id)) ?? slot;
      // Still theirs: the lesson was moved in between. Once more with the new version.
      if (retry && now.status === 'claimed' && now.agentId === me) return this.withdrawAction(ev, ix, false);
      return this.sayStatus(ix, 'notChangeable', now.status);
    }
    const link = this.calendarLink(slot, me);
    await this.sayAbout(ix, slot, tz, 'withdrawnYou', {}, (l) => calendarRow(link, l, true));
    await this.settle((await this.store.slot(slot.id))!, intent);
  }

  /** After an agent withdrew: the waitlist's first who can still come gets it, or it is announced again. */
  private async afterWithdraw(slot: SlotView, p: Extract<Settle, { t: 'withdraw' }>): Promise<void> {
    // The claimed version's reminders, held job and messages; earlier rounds.
    await this.cancelEarlierVersions(slot, ['a', 't', 'm']);
    // The first waitlisted agent who can still come gets it; the others stay on the list. Nobody is taken
    // off before it is settled, so a repeat after a crash finds the same list.
    for (const candidate of await this.store.waitlist(slot.id)) {
      const unable =
        candidate === slot.teacherId ||
        !(await this.store.hasRole(candidate, slot.schoolId, VISITING)) ||
        (await this.store.agentOverlaps(candidate, slot.startsAt, slot.endsAt, slot.id)).length > 0;
      if (unable) {
        await this.store.waitlistRemove(slot.id, candidate);
        continue;
      }
      if (slot.startsAt <= this.now()) break;
      // A claim of its own, settled the same way (its settle job covers a crash from here on).
      const claim: Settle = { t: 'claim', slotId: slot.id, seq: slot.sequence + 1, by: candidate, agentId: candidate, fromWaitlist: { previous: p.agentName } };
      await this.intend(slot.municipalityId, claim);
      if (await this.store.claim(slot.id, candidate, this.now(), slot.sequence)) {
        await this.settle((await this.store.slot(slot.id))!, claim);
        return;
      }
      break; // someone claimed it directly in the meantime
    }
    const reopened = (await this.store.slot(slot.id))!;
    if (reopened.status !== 'open' || reopened.sequence !== slot.sequence) return;
    await this.scheduleTimed(reopened);
    await this.message(reopened, reopened.teacherId, 'withdrawnTeacherReopened', { agent: p.agentName });
    await this.refreshAnnouncements(slot.id);
    await this.startRound(reopened, reopened.sequence, [p.by]);
  }

  private async waitlistAction(ev: ActionEvent, ix: Interaction): Promise<void> {
    const slot = await this.loadSlot(ix, ev.value);
    if (!slot) return;
    const me = ev.actor.personId;
    const tz = await this.tz(slot);
    if (slot.teacherId === me) return this.say(ix, 'claimOwn');
    if (!(await this.store.hasRole(me, slot.schoolId, VISITING))) return this.say(ix, 'claimNotAgent', { school: slot.schoolName });
    if (slot.agentId === me) return this.sayAbout(ix, slot, tz, 'waitlistOwn');
    if (slot.status === 'open') {
      return ix.respond((l) => simple(bookingTexts.for(l)('waitlistOpen'), [actions({ actionId: ACTIONS.claim, value: slot.id, label: bookingTexts.plain(l, 'claimButton'), style: 'primary' })]));
    }
    if (slot.status !== 'claimed') return this.sayStatus(ix, 'notOpenAnymore', slot.status);
    const n = await this.store.waitlistAdd(slot.id, me);
    await this.say(ix, 'waitlistJoined', { n, agent: slot.agentName ?? '' });
  }

  private async leaveWaitlistAction(ev: ActionEvent, ix: Interaction): Promise<void> {
    const slot = await this.loadSlot(ix, ev.value);
    if (!slot) return;
    // Only ever the acting person's own place on the list, whatever the button says.
    const waiting = await this.store.waitlist(slot.id);
    if (!waiting.includes(ev.actor.personId)) return this.say(ix, 'notOnWaitlist');
    await this.store.waitlistRemove(slot.id, ev.actor.personId);
    await this.say(ix, 'leftWaitlist');
  }

  // ── mine / ledige / home ───────────────────────────────────────────────────────────────────────

  private async visibleOpenSlots(actor: Actor, limit: number): Promise<SlotView[] | null> {
    const roles = await this.deps.directory.rolesOf(actor.personId);
    const agentAt = new Set(roles.filter((r) => r.role === 'learning_agent').map((r) => r.schoolId));
    const consultantAt = new Set(roles.filter((r) => r.role === 'consultant').map((r) => r.schoolId));
    if (agentAt.size === 0 && consultantAt.size === 0) return null;
    const candidates = await this.store.openSlots([...new Set([...agentAt, ...consultantAt])], this.now(), 50);
    // Who has the head start depends only on the teacher and the school (an open slot has no agent
    // to leave out), so each pair is looked up once, however many of their lessons are in it.
    const headStarts = new Map<string, Promise<string | null>>();
    const headStartOf = (s: SlotView) => {
      const key = `${s.teacherId}:${s.schoolId}`;
      if (!headStarts.has(key)) headStarts.set(key, this.headStartAgent(s));
      return headStarts.get(key)!;
    };
    const out: SlotView[] = [];
    for (const s of candidates) {
      if (s.teacherId === actor.personId) continue;
      const visible =
        (agentAt.has(s.schoolId) && s.announcedAt !== null) ||
        (consultantAt.has(s.schoolId) && s.escalatedAt !== null) ||
        (s.announcedAt === null && (await headStartOf(s)) === actor.personId);
      if (visible) out.push(s);
      if (out.length >= limit) break;
    }
    return out;
  }

  private async openCommand(actor: Actor, ix: Interaction): Promise<void> {
    const slots = await this.visibleOpenSlots(actor, 10);
    if (slots === null) return this.say(ix, 'openNotAgent');
    if (slots.length === 0) return this.say(ix, 'openNone');
    const blocks = await this.openBlocks(slots);
    await ix.respond((l) => ({ summary: bookingTexts.plain(l, 'openHeader'), blocks: [header(bookingTexts.plain(l, 'openHeader')), ...blocks(l)] }));
  }

  private async openBlocks(slots: SlotView[]): Promise<(l: Locale) => Block[]> {
    const tzs = await Promise.all(slots.map((s) => this.tz(s)));
    return (l) =>
      slots.flatMap((s, i) => [
        text(bookingTexts.for(l)('openLine', { when: when(s, tzs[i]!, l), teacher: s.teacherName, what: formatWhat(s), school: s.schoolName })),
        ...(s.focus ? [context(bookingTexts.for(l)('reminderFocus', { focus: s.focus }))] : []),
        actions({ actionId: ACTIONS.claim, value: s.id, label: bookingTexts.plain(l, 'claimButton'), style: 'primary' }),
      ]);
  }

  private async myCommand(actor: Actor, ix: Interaction): Promise<void> {
    const now = this.now();
    const settings = await this.settings(actor.municipalityId);
    const tz = settings.timeZone;
    const [asTeacher, asAgent, courses, held, roles] = await Promise.all([
      this.store.upcomingAsTeacher(actor.personId, now, 10),
      this.store.visitsAsAgent(actor.personId, now, new Date(now.getTime() + UPCOMING_HORIZON_MS), 10),
      this.store.coursesOf(actor.personId),
      this.store.heldCounts(actor.personId),
      this.deps.directory.rolesOf(actor.personId),
    ]);
    const visits = roles.some((r) => VISITING.includes(r.role));
    const weekStart = zoned(now, tz).startOf('week');
    const week = visits ? await this.store.visitsAsAgent(actor.personId, weekStart.toJSDate(), weekStart.plus({ weeks: 1 }).toJSDate(), 30) : [];
    const progress = courses.map((c) => progressLine(c, held.get(c.id) ?? 0, now, tz));

    await ix.respond((l) => {
      const t = bookingTexts.for(l);
      const blocks: Block[] = [header(bookingTexts.plain(l, 'myHeader'))];
      if (asTeacher.length === 0 && asAgent.length === 0) blocks.push(text(t('myNone')));
      for (const s of asTeacher) {
        blocks.push(text(teacherLine(s, tz, l)));
        blocks.push(actions(...(s.status === 'claimed' ? calendarButton(this.calendarLink(s, actor.personId), l) : []), ...teacherButtons(s, l)));
      }
      if (asAgent.length > 0) {
        blocks.push(divider(), text(boldAll(t('myAgentHeader'))));
        for (const s of asAgent) {
          blocks.push(text(agentLine(s, tz, l)));
          blocks.push(actions(...calendarButton(this.calendarLink(s, actor.personId), l), withdrawButton(s, l)));
        }
      }
      if (visits) {
        blocks.push(divider(), text(boldAll(t('myWeekHeader', { week: weekStart.weekNumber }))));
        blocks.push(
          week.length === 0
            ? context(t('myWeekNone'))
            : text(rich(...week.flatMap((s, i) => [i > 0 ? '\n' : '', agentLine(s, tz, l)]))),
        );
      }
      if (progress.length > 0) {
        blocks.push(divider(), text(boldAll(t('progressHeader'))));
        blocks.push(text(rich(...progress.flatMap((p, i) => [i > 0 ? '\n' : '', p(l)]))));
      }
      return { summary: bookingTexts.plain(l, 'myHeader'), blocks };
    });
  }

  private async home(actor: Actor): Promise<Block[]> {
    const now = this.now();
    const tz = (await this.settings(actor.municipalityId)).timeZone;
    const [asTeacher, asAgent, open] = await Promise.all([
      this.store.upcomingAsTeacher(actor.personId, now, 5),
      this.store.visitsAsAgent(actor.personId, now, new Date(now.getTime() + UPCOMING_HORIZON_MS), 5),
      this.visibleOpenSlots(actor, 5),
    ]);
    const openBlocks = open && open.length > 0 ? await this.openBlocks(open) : null;
    // The home is rendered for the actor's own locale.
    const l = actor.locale;
    const t = bookingTexts.for(l);
    const blocks: Block[] = [];
    if (asTeacher.length > 0 || asAgent.length > 0) {
      blocks.push(text(boldAll(t('homeUpcoming'))));
      for (const s of asTeacher) blocks.push(text(teacherLine(s, tz, l)));
      for (const s of asAgent) blocks.push(text(agentLine(s, tz, l)));
    }
    if (openBlocks) {
      if (blocks.length > 0) blocks.push(divider());
      blocks.push(text(boldAll(t('homeOpen'))), ...openBlocks(l));
    }
    return blocks;
  }
}

// ── Pure helpers ─────────────────────────────────────────────────────────────────────────────────

function nonce(): string {
  return randomUUID().slice(0, 8);
}

function reflectionKey(slotId: string): string {
  return `slot:${slotId}:reflection`;
}

function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}

/** The parameters most texts about a lesson use: {when}, {what} and {teacher}. */
function slotParams(slot: SlotView, tz: string, l: Locale): Record<string, string> {
  return { when: when(slot, tz, l), what: formatWhat(slot), teacher: slot.teacherName };
}

/** One of the teacher's own upcoming lessons, open or with its agent. */
function teacherLine(s: SlotView, tz: string, l: Locale): RichText {
  const t = bookingTexts.for(l);
  return s.status === 'claimed' ? t('myTeacherClaimed', { when: when(s, tz, l), what: formatWhat(s), agent: s.agentName ?? '' }) : t('myTeacherOpen', { when: when(s, tz, l), what: formatWhat(s) });
}

/** One of an agent's visits. */
function agentLine(s: SlotView, tz: string, l: Locale): RichText {
  return bookingTexts.for(l)('myAgentLine', { when: when(s, tz, l), teacher: s.teacherName, what: formatWhat(s) });
}

function boldAll(t: RichText): RichText {
  return t.map((s) => ({ ...s, bold: true }));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A stored announcement copy: `{ ref, locale }` as JSON, or (older rows) the bare platform ref in Danish. */
function parseStoredRef(stored: string): { ref: string; locale: Locale } {
  try {
    const v = JSON.parse(stored) as { ref?: unknown; locale?: unknown };
    if (typeof v.ref === 'string') return { ref: v.ref, locale: v.locale === 'en' ? 'en' : 'da' };
  } catch {
    // stored by something else: use as is
  }
  return { ref: stored, locale: 'da' };
}

/**
 * The course a lesson on this date belongs to: the one whose feedback window (between two sessions,
 * or within 120 days after the last) contains it.
 */
export function courseForDate(courses: CourseWithSessions[], at: Date): CourseWithSessions | null {
  const t = at.getTime();
  for (const c of courses) {
    const s = c.sessions;
    for (let i = 0; i + 1 < s.length; i++) if (t >= s[i]!.endsAt.getTime() && t <= s[i + 1]!.startsAt.getTime()) return c;
  }
  for (const c of courses) {
    const last = c.sessions.at(-1);
    if (last && t >= last.endsAt.getTime() && t <= last.endsAt.getTime() + 120 * 86_400_000) return c;
  }
  return null;
}

/** "1 af 2 feedbacks i Klasseledelse før kursusgang 3 den 14. oktober". */
export function progressLine(course: CourseWithSessions, done: number, now: Date, tz: string): (l: Locale) => RichText {
  const target = course.feedbackTarget;
  const last = course.sessions.at(-1);
  return (l) => {
    const t = bookingTexts.for(l);
    if (done >= target) return t('progressReached', { done, target, course: course.name });
    if (last && last.startsAt > now) return t('progressBefore', { done, target, course: course.name, session: last.number, date: formatDayMonth(last.startsAt, tz, l) });
    return t('progressAfter', { done, target, course: course.name });
  };
}

/** The schools where a person teaches (teacher or pedagogue), each once. */
function teachingSchools(roles: { schoolId: string; schoolName: string; role: Role }[]): { id: string; name: string }[] {
  const out = new Map<string, string>();
  for (const r of roles) if (TEACHING.includes(r.role)) out.set(r.schoolId, r.schoolName);
  return [...out].map(([id, name]) => ({ id, name }));
}
