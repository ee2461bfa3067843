// Calendar invitations (RFC 5545 / iTIP RFC 5546) for a visit, and the signed links that fetch them.
//
// - ical-generator writes the calendar; timezones-ical-library supplies the VTIMEZONE. Its data files
//   Europe/Copenhagen under the identical Europe/Berlin rules, so the TZID is renamed to the zone the
//   events use — otherwise clients would look for a VTIMEZONE that is not there.
// - Dates are handed over as luxon DateTimes: with a plain Date ical-generator would read the wall
//   clock of the *process* time zone.
// - UID is stable per slot, SEQUENCE is Slot.sequence (bumped on every change), so a moved visit
//   replaces the old entry and a cancelled one (METHOD:CANCEL) removes it.
// - Links carry an HMAC over slot id + person id: a link shows that person's current version.
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { Locale } from '../../core/i18n/catalogue.js';
import { toPlain } from '../../core/i18n/text.js';
import { linkToken, verifyLinkToken, type SignedFile } from '../../core/signed-link.js';
import { formatWhat } from './format.js';
import type { BookingStore, SlotView } from './port.js';
import { bookingTexts } from './texts.js';

export type IcsMethod = 'REQUEST' | 'CANCEL';

export function vtimezone(tz: string): string | null {
  const block = tzlib_get_ical_block(tz);
  const text = Array.isArray(block) ? block[0] : null;
  if (!text || !text.includes('BEGIN:VTIMEZONE')) return null;
  return text.replace(/^TZID:.*$/m, `TZID:${tz}`).replace(/^X-LIC-LOCATION:.*$/m, `X-LIC-LOCATION:${tz}`);
}

export function slotUid(slotId: string): string {
  return `slot-${slotId}@sparring`;
}

export interface IcsOptions {
  method: IcsMethod;
  timeZone: string;
  locale: Locale;
  /** DTSTAMP: when this version was produced. */
  stamp: Date;
  organizer: { name: string; email: string };
}

/** The .ics text for one visit. */
export function renderIcs(slot: SlotView, o: IcsOptions): string {
  const tz = o.timeZone;
  const cal = ical({
    prodId: { company: 'Sparring', product: 'booking', language: o.locale.toUpperCase() },
    method: o.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    // name null: no calendar-wide zone, so DTSTAMP stays in UTC; the generator adds the event's VTIMEZONE.
    timezone: { name: null, generator: vtimezone },
  });
  const t = bookingTexts.for(o.locale);
  const agent = slot.agentName ?? '–';
  const description = [
    toPlain(t('calendarDescription', { agent, teacher: slot.teacherName, classGroup: slot.classGroup, subject: slot.subject })),
    ...(slot.focus ? [toPlain(t('calendarFocus', { focus: slot.focus }))] : []),
  ].join('\n');
  const attendees = [
    { name: slot.teacherName, email: slot.teacherEmail },
    ...(slot.agentName && slot.agentEmail ? [{ name: slot.agentName, email: slot.agentEmail }] : []),
  ];
  cal.createEvent({
    id: slotUid(slot.id),
    sequence: slot.sequence,
    stamp: DateTime.fromJSDate(o.stamp, { zone: 'utc' }),
    start: DateTime.fromJSDate(slot.startsAt, { zone: tz }),
    end: DateTime.fromJSDate(slot.endsAt, { zone: tz }),
    timezone: tz,
    summary: bookingTexts.plain(o.locale, 'calendarSummary', { teacher: slot.teacherName, what: formatWhat(slot) }),
    description,
    location: [slot.room, slot.schoolName].filter(Boolean).join(', '),
    status: o.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: o.organizer,
    attendees: attendees.map((a) => ({ ...a, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED })),
  });
  return cal.toString();
}

// ── Signed links ─────────────────────────────────────────────────────────────────────────────────

export function calendarToken(secret: string, slotId: string, personId: string): string {
  return linkToken(secret, 'calendar', slotId, personId);
}

export function verifyCalendarToken(secret: string, slotId: string, personId: string, token: string): boolean {
  return verifyLinkToken(secret, token, 'calendar', slotId, personId);
}

export function calendarUrl(publicUrl: string, secret: string, slotId: string, personId: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/calendar/${encodeURIComponent(slotId)}.ics?p=${encodeURIComponent(personId)}&t=${calendarToken(secret, slotId, personId)}`;
}

/** Which version a person gets: the invitation while the visit stands and is theirs, else a cancellation. */
export function methodFor(slot: SlotView, personId: string): IcsMethod {
  const isParticipant = personId === slot.teacherId || personId === slot.agentId;
  return isParticipant && (slot.status === 'claimed' || slot.status === 'held') ? 'REQUEST' : 'CANCEL';
}

export interface CalendarFilesDeps {
  store: Pick<BookingStore, 'slot'>;
  timeZoneOf: (municipalityId: string) => Promise<string>;
  localeOf: (personId: string) => Promise<Locale>;
  now: () => Date;
  secret: string;
  organizer?: { name: string; email: string };
}

export const DEFAULT_ORGANIZER = { name: 'Sparring', email: 'noreply@sparring.invalid' };

/** GET /calendar/:slotId.ics?p=…&t=… — 404 for anything that does not verify. */
export async function calendarFileFor(deps: CalendarFilesDeps, slotId: string, personId: string, token: string): Promise<SignedFile> {
  if (!slotId || !personId || !verifyCalendarToken(deps.secret, slotId, personId, token)) return { status: 404 };
  const slot = await deps.store.slot(slotId);
  // A person who was never part of the visit has no version of it (the token already says so).
  if (!slot) return { status: 404 };
  const [tz, locale] = await Promise.all([deps.timeZoneOf(slot.municipalityId), deps.localeOf(personId)]);
  const method = methodFor(slot, personId);
  const body = renderIcs(slot, { method, timeZone: tz, locale, stamp: deps.now(), organizer: deps.organizer ?? DEFAULT_ORGANIZER });
  return { status: 200, filename: `sparring-${slot.id}.ics`, body, contentType: `text/calendar; charset=utf-8; method=${method}` };
}
