// The booking flow's job kinds and idempotency keys, in one place. Every key of a slot starts with
// "slot:<id>:", so a change can cancel exactly what no longer applies:
//   slot:<id>:a<round>:…      one announcement round (round 0 = the offer; a withdrawal starts a new one)
//   slot:<id>:c:…             the consultants' copies (they are told once)
//   slot:<id>:t<seq>:…        timed work of version <seq>: escalation, expiry, reminders, held
//   slot:<id>:m<seq>:…        messages to the people involved in version <seq>
//   slot:<id>:copies:…        replacing the announcement copies after a change
//   slot:<id>:reflection      the reflection prompt (owned by the reflection flow)
// <seq> is the slot's sequence, bumped by every change (claim, withdraw, move, cancel): a change
// cancels the pending keys of earlier versions, never its own.
export const BOOKING_JOBS = {
  announce: 'booking.announce',
  consultants: 'booking.consultants',
  escalate: 'booking.escalate',
  expire: 'booking.expire',
  held: 'booking.held',
  copies: 'booking.copies',
} as const;

type Part = 'a' | 't' | 'm';

export const keys = {
  /** Every copy of a slot's announcement is remembered under this topic. */
  announcementTopic: (slotId: string) => `slot:${slotId}:announcement`,
  announce: (slotId: string, round: number) => `slot:${slotId}:a${round}:announce`,
  roundTo: (slotId: string, round: number, to: string) => `slot:${slotId}:a${round}:to:${to}`,
  roundConsultants: (slotId: string, round: number) => `slot:${slotId}:a${round}:consultants`,
  consultants: (slotId: string) => `slot:${slotId}:c:`,
  consultant: (slotId: string, personId: string) => `slot:${slotId}:c:to:${personId}`,
  timed: (slotId: string, seq: number) => `slot:${slotId}:t${seq}:`,
  timedJob: (slotId: string, seq: number, what: string) => `slot:${slotId}:t${seq}:${what}`,
  message: (slotId: string, seq: number, kind: string, personId: string) => `slot:${slotId}:m${seq}:${kind}:${personId}`,
  copies: (slotId: string) => `slot:${slotId}:copies:`,
  copiesPass: (slotId: string, seq: number, status: string, pass: 'now' | 'late') => `slot:${slotId}:copies:s${seq}:${status}:${pass}`,
  reflection: (slotId: string) => `slot:${slotId}:reflection`,
  /** Confirmations (and "moved" notes) of versions before `seq` still waiting: stale once the time changed. */
  earlierConfirmations: (slotId: string, seq: number) => Array.from({ length: seq }, (_, k) => [`slot:${slotId}:m${k}:confirm`, `slot:${slotId}:m${k}:movedAgent:`]).flat(),
  /** The prefixes of every version before `seq` for the given parts (a, t, m). */
  earlierVersions: (slotId: string, seq: number, parts: Part[]) => Array.from({ length: seq }, (_, k) => parts.map((part) => `slot:${slotId}:${part}${k}:`)).flat(),
};
