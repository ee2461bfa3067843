// What every step of the booking flow shares: its dependencies, its options and small helpers for
// answering the acting person. Each step (offer.ts, claim.ts, …) takes a BookingContext.
//
// Two rules the steps follow:
// - Action values and form private values are never trusted: every handler reloads the slot and the
//   actor's roles from the database before it changes anything.
// - A change is one transaction: the conditional update, the jobs it implies and the messages it
//   causes commit together (stores.transaction). Inside it only `tx` is used; calendar settings are
//   read before it starts.
import type { Interaction } from '../../core/chat.js';
import type { Role } from '../../core/directory.js';
import type { Locale } from '../../core/i18n/catalogue.js';
import type { Block } from '../../core/messages.js';
import type { CalendarSettings, ClockTime } from '../../domain/calendar/index.js';
import type { ProductDeps } from '../stores.js';
import { formatWhat, statusText } from './format.js';
import { calendarUrl } from './ics.js';
import type { BookingStore, SlotView } from './port.js';
import { bookingTexts, type BookingTextKey } from './texts.js';
import { simple, when } from './views.js';

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

export type ResolvedOptions = Required<Omit<BookingOptions, 'publicUrl'>> & { publicUrl: string | null };

export const TEACHING: Role[] = ['teacher', 'pedagogue'];
export const VISITING: Role[] = ['learning_agent', 'consultant'];
/** How far ahead "mine" and the home list an agent's visits. */
export const UPCOMING_HORIZON_MS = 400 * 86_400_000;
/** A send that was under way when copies were replaced has finished (or its lease expired) by then. */
export const LATE_COPIES_MS = 6 * 60_000;

export interface BookingContext {
  deps: ProductDeps;
  /** Reads (and single-statement changes) outside a transaction. */
  store: BookingStore;
  o: ResolvedOptions;
}

export function bookingContext(deps: ProductDeps, options: BookingOptions): BookingContext {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as BookingOptions;
  return {
    deps,
    store: deps.stores.booking,
    o: {
      headStartHours: 4,
      consultantDelayHours: 8,
      escalateWorkingDays: 2,
      dayBeforeReminderAt: '12:00',
      reminderMinutesBefore: 60,
      calendarSecret: deps.secrets.links,
      ...defined,
      publicUrl: options.publicUrl ?? deps.config.http?.publicUrl ?? null,
    },
  };
}

export const now = (ctx: BookingContext): Date => ctx.deps.clock.now();

export const settingsOf = (ctx: BookingContext, municipalityId: string): Promise<CalendarSettings> => ctx.deps.calendar(municipalityId);

export async function tzOf(ctx: BookingContext, slot: SlotView): Promise<string> {
  return (await settingsOf(ctx, slot.municipalityId)).timeZone;
}

export function calendarLink(ctx: BookingContext, slot: SlotView, personId: string): string | null {
  return ctx.o.publicUrl ? calendarUrl(ctx.o.publicUrl, ctx.o.calendarSecret, slot.id, personId) : null;
}

// ── Answers to the acting person ─────────────────────────────────────────────────────────────────

export function say(ix: Interaction, key: BookingTextKey, params?: Record<string, string | number>, extra: (l: Locale) => Block[] = () => []): Promise<void> {
  return ix.respond((l) => simple(bookingTexts.for(l)(key, params), extra(l)));
}

/** The parameters most texts about a lesson use: {when}, {what} and {teacher}. */
export function slotParams(slot: SlotView, tz: string, l: Locale): Record<string, string> {
  return { when: when(slot, tz, l), what: formatWhat(slot), teacher: slot.teacherName };
}

/** Says `key` with "when" filled in for the slot, in the person's language. */
export function sayAbout(ix: Interaction, slot: SlotView, tz: string, key: BookingTextKey, params: Record<string, string> = {}, extra: (l: Locale) => Block[] = () => []): Promise<void> {
  return ix.respond((l) => simple(bookingTexts.for(l)(key, { ...slotParams(slot, tz, l), ...params }), extra(l)));
}

/** "Cannot be changed any more" / "not open any more", with the slot's status in the person's language. */
export function sayStatus(ix: Interaction, key: 'notChangeable' | 'notOpenAnymore', status: SlotView['status']): Promise<void> {
  return ix.respond((l) => simple(bookingTexts.for(l)(key, { status: statusText(status, l) })));
}

/** The slot a button or form names, or an answer that it does not exist. */
export async function loadSlot(ctx: BookingContext, ix: Interaction, id: string | undefined): Promise<SlotView | null> {
  const slot = id ? await ctx.store.slot(id) : null;
  if (!slot) await say(ix, 'notFound');
  return slot;
}

// ── Who may do what ──────────────────────────────────────────────────────────────────────────────

export async function rolesAt(ctx: BookingContext, personId: string, schoolId: string): Promise<Set<Role>> {
  const roles = await ctx.deps.directory.rolesOf(personId);
  return new Set(roles.filter((r) => r.schoolId === schoolId).map((r) => r.role));
}

/** The teacher, or a leader of the slot's school. */
export async function mayManage(ctx: BookingContext, personId: string, slot: SlotView): Promise<boolean> {
  if (personId === slot.teacherId) return true;
  return (await rolesAt(ctx, personId, slot.schoolId)).has('leader');
}

/** The teacher's previous agent, if they may still visit at this school. `reads` is the store or a transaction's. */
export async function headStartAgent(reads: BookingStore, slot: Pick<SlotView, 'id' | 'teacherId' | 'schoolId'>): Promise<string | null> {
  const prev = await reads.previousAgent(slot.teacherId, slot.id);
  if (!prev || prev === slot.teacherId) return null;
  return (await reads.hasRole(prev, slot.schoolId, VISITING)) ? prev : null;
}

/** A person's name as the directory has it ('' when unknown). */
export async function nameOf(ctx: BookingContext, personId: string): Promise<string> {
  return (await ctx.deps.directory.person(personId))?.name ?? '';
}

/** The actor's name when they act on someone else's lesson (a leader); undefined for the teacher. */
export async function leaderName(ctx: BookingContext, actorId: string, teacherId: string): Promise<string | undefined> {
  return actorId !== teacherId ? nameOf(ctx, actorId) : undefined;
}

export function maxDate(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

export function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
