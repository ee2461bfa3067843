// Timed work of one version of a slot, scheduled in the transaction of the change that made it:
// - open: escalation (consultants + an honest word to the teacher) a few working days before, and
//   "unclaimed" at the start if still nobody has taken it;
// - claimed: reminders to teacher and agent the working day before and an hour before (queued
//   messages, dropped if held back past the start), and "held" at the end.
// A later change cancels these by their version prefix (keys.ts).
import { addWorkingHours, instantFromLocal, localDate, previousWorkingDay, workingDaysBefore, workingHoursBetween, type CalendarSettings } from '../../domain/calendar/index.js';
import type { ProductTx } from '../stores.js';
import { calendarLink, maxDate, now, type BookingContext } from './context.js';
import { BOOKING_JOBS, keys } from './keys.js';
import type { SlotView } from './port.js';
import { reminder } from './views.js';

export async function scheduleTimed(ctx: BookingContext, tx: ProductTx, slot: SlotView, settings: CalendarSettings): Promise<void> {
  const at = now(ctx);
  const seq = slot.sequence;
  const job = (kind: string, what: string, runAt: Date, messagesStaff = true) =>
    tx.jobs.schedule({ kind, payload: { slotId: slot.id, seq }, runAt, idempotencyKey: keys.timedJob(slot.id, seq, what), messagesStaff, municipalityId: slot.municipalityId });
  if (slot.status === 'open') {
    // Never escalate before the agents had their chance: after the announcement they get the
    // consultants' delay, or — for short-notice lessons — half the working time left before it.
    const o = ctx.o;
    const notBefore = slot.announcedAt
      ? maxDate(at, addWorkingHours(slot.announcedAt, Math.min(o.consultantDelayHours, workingHoursBetween(slot.announcedAt, slot.startsAt, settings) / 2), settings))
      : addWorkingHours(at, o.headStartHours, settings);
    const escalateAt = maxDate(workingDaysBefore(slot.startsAt, o.escalateWorkingDays, settings), notBefore);
    if (escalateAt < slot.startsAt) await job(BOOKING_JOBS.escalate, 'escalate', escalateAt);
    await job(BOOKING_JOBS.expire, 'expire', slot.startsAt, false);
  } else if (slot.status === 'claimed' && slot.agentId) {
    const dayBefore = instantFromLocal(previousWorkingDay(localDate(slot.startsAt, settings.timeZone), settings), ctx.o.dayBeforeReminderAt, settings.timeZone);
    const hourBefore = new Date(slot.startsAt.getTime() - ctx.o.reminderMinutesBefore * 60_000);
    for (const personId of [slot.teacherId, slot.agentId]) {
      const who = personId === slot.teacherId ? 'teacher' : 'agent';
      const link = calendarLink(ctx, slot, personId);
      for (const [kind, when] of [['day', dayBefore], ['hour', hourBefore]] as const) {
        if (when <= at) continue;
        // Held back by quiet hours past the start, a reminder is only noise: dropped then.
        await tx.chat.sendToPerson(personId, (l) => reminder(slot, settings.timeZone, l, who, kind, link), {
          key: keys.timedJob(slot.id, seq, `reminder-${kind}:${personId}`),
          at: when,
          notAfter: slot.startsAt,
        });
      }
    }
    await job(BOOKING_JOBS.held, 'held', slot.endsAt, false);
  }
}
