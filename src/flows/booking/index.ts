// The booking flow: a teacher offers a lesson, learning agents claim it, the visit happens.
//
// Life of a slot (every future step is a job or a queued message, so a restart loses nothing):
//   offer → [head start: the teacher's previous agent is told first] → every agent of the school is
//   told (agents' channel if linked, else direct messages) → the school's consultants some working
//   hours later → a few working days before: escalation (consultants + an honest word to the
//   teacher) → at the start, still open: "unclaimed".
//   claim → confirmations (+ .ics link) → reminders the working day before and 1 hour before →
//   at the end: "held" (unless someone said it did not happen) → the reflection prompt.
//
// One step per file, each taking the shared BookingContext (context.ts); job kinds and keys in keys.ts.
import type { ProductFlowFactory } from '../stores.js';
import { announceJob, consultantsJob } from './announce.js';
import { cancelAction, moveAction, moveSubmit, withdrawAction } from './change.js';
import { claimAction, leaveWaitlistAction, waitlistAction } from './claim.js';
import { bookingContext, type BookingOptions } from './context.js';
import { ANNOUNCEMENT_RENDERER, announcementRenderer, copiesJob } from './copies.js';
import { escalateJob, expireJob } from './escalate.js';
import { heldAction, heldJob, notHeldAction } from './held.js';
import { home, myCommand, openCommand } from './home.js';
import { BOOKING_JOBS } from './keys.js';
import { offerCommand, offerSubmit } from './offer.js';
import { ACTIONS, FORMS } from './views.js';

export type { BookingOptions } from './context.js';
export type { BookingStore, SlotView, SlotStatus, NewSlot, CourseWithSessions, PersonRef } from './port.js';
export { calendarFileFor, calendarUrl, type CalendarFilesDeps } from './ics.js';
export { ACTIONS as BOOKING_ACTIONS } from './views.js';

export function createBookingFlowWith(options: BookingOptions = {}): ProductFlowFactory {
  return (deps) => {
    const ctx = bookingContext(deps, options);
    return {
      name: 'booking',
      commands: {
        offer: (ev, ix) => offerCommand(ctx, ev.actor, ix),
        my: (ev, ix) => myCommand(ctx, ev.actor, ix),
        open: (ev, ix) => openCommand(ctx, ev.actor, ix),
      },
      actions: {
        [ACTIONS.claim]: (ev, ix) => claimAction(ctx, ev, ix),
        [ACTIONS.cancel]: (ev, ix) => cancelAction(ctx, ev, ix),
        [ACTIONS.move]: (ev, ix) => moveAction(ctx, ev, ix),
        [ACTIONS.withdraw]: (ev, ix) => withdrawAction(ctx, ev, ix),
        [ACTIONS.waitlist]: (ev, ix) => waitlistAction(ctx, ev, ix),
        [ACTIONS.leaveWaitlist]: (ev, ix) => leaveWaitlistAction(ctx, ev, ix),
        [ACTIONS.held]: (ev, ix) => heldAction(ctx, ev, ix),
        [ACTIONS.notHeld]: (ev, ix) => notHeldAction(ctx, ev, ix),
        // A link button: Slack still reports the click; the browser does the work.
        [ACTIONS.calendar]: async () => undefined,
        [ACTIONS.offerForCourse]: (ev, ix) => offerCommand(ctx, ev.actor, ix, ev.value),
      },
      forms: {
        [FORMS.offer]: (sub, ix) => offerSubmit(ctx, sub, ix),
        [FORMS.move]: (sub, ix) => moveSubmit(ctx, sub, ix),
      },
      jobs: {
        [BOOKING_JOBS.announce]: (p) => announceJob(ctx, p),
        [BOOKING_JOBS.consultants]: (p) => consultantsJob(ctx, p),
        [BOOKING_JOBS.escalate]: (p) => escalateJob(ctx, p),
        [BOOKING_JOBS.expire]: (p) => expireJob(ctx, p),
        [BOOKING_JOBS.held]: (p) => heldJob(ctx, p),
        [BOOKING_JOBS.copies]: (p) => copiesJob(ctx, p),
      },
      renderers: { [ANNOUNCEMENT_RENDERER]: announcementRenderer(ctx) },
      home: (actor) => home(ctx, actor),
    };
  };
}

export const createBookingFlow: ProductFlowFactory = createBookingFlowWith();
