// Nudges per feedback window: when a window opens, each participant who still owes feedback for it
// and has no lesson booked in it gets one short message with a "Tilbyd en lektion" button; a week
// before the window closes, those still without a booking get one reminder. Never more: one message
// key per person, window and kind. Quiet hours and holidays are the job engine's (messagesStaff), and
// people who turned prompts off get nothing.
import type { Locale } from '../../core/i18n/catalogue.js';
import { COMMAND_WORDS } from '../../core/commands.js';
import { actions, context, text, type Message } from '../../core/messages.js';
import { dueBy, hasBookingIn, windowsFor, type FeedbackWindow } from '../../domain/feedback-windows.js';
import { ACTIONS as BOOKING_ACTIONS } from '../booking/views.js';
import { formatDayMonth } from '../booking/format.js';
import type { ProductDeps } from '../stores.js';
import { programmeKeys, type NudgeKind, type WindowJobPayload } from './keys.js';
import type { ProgrammeCourse } from './ports.js';
import { programmeTexts as T } from './texts.js';

const DAY_MS = 86_400_000;
/** The reminder comes this long before the window closes. */
export const REMINDER_BEFORE_CLOSE_MS = 7 * DAY_MS;
/**
 * A start nudge is only sent in the window's first two weeks (catch-up after downtime or a course
 * imported late). Finished jobs are kept 90 days (housekeeping), so a start job can never be pruned
 * and planned again while it could still run: no second nudge.
 */
export const START_GRACE_MS = 14 * DAY_MS;

/** When the window's reminder is due; null when the window is too short to need one. */
export function reminderAt(w: FeedbackWindow): Date | null {
  const at = new Date(w.end.getTime() - REMINDER_BEFORE_CLOSE_MS);
  return at > w.start ? at : null;
}

/** Until when a start nudge still makes sense: within the grace, and before the reminder takes over. */
export function startNudgeUntil(w: FeedbackWindow): Date {
  const limits = [w.start.getTime() + START_GRACE_MS, (reminderAt(w) ?? w.end).getTime()];
  return new Date(Math.min(...limits));
}

/** Is it still (or already) the moment for this kind of nudge in this window? */
export function nudgeDue(w: FeedbackWindow, kind: NudgeKind, now: Date): boolean {
  const t = now.getTime();
  if (kind === 'start') return t >= w.start.getTime() && t < startNudgeUntil(w).getTime();
  const r = reminderAt(w);
  return r !== null && t >= r.getTime() && t < w.end.getTime();
}

function nudgeMessage(course: ProgrammeCourse, w: FeedbackWindow, kind: NudgeKind, firstName: string, timeZone: string) {
  return (l: Locale): Message => {
    const t = T.for(l);
    const date = formatDayMonth(w.end, timeZone, l);
    const params = { name: firstName, course: course.name, after: w.afterSession, before: w.beforeSession ?? '', date };
    const key = kind === 'start' ? (w.beforeSession === null ? 'nudgeStartLast' : 'nudgeStart') : w.beforeSession === null ? 'nudgeReminderLast' : 'nudgeReminder';
    return {
      summary: T.plain(l, 'nudgeTitle'),
      blocks: [
        text(t(key, params)),
        actions({ actionId: BOOKING_ACTIONS.offerForCourse, value: course.id, label: T.plain(l, 'nudgeButton'), style: 'primary' }),
        // Every nudge says how to stop them, so a reminder never feels like control.
        context(t('nudgeOptOut', { settings: COMMAND_WORDS.settings[l] })),
      ],
    };
  };
}

/** The job of one window's start or reminder: everyone who should hear it, in one transaction. */
export async function windowJob(deps: ProductDeps, kind: NudgeKind, p: WindowJobPayload, now: Date): Promise<void> {
  const { stores } = deps;
  const course = await stores.programme.course(p.courseId);
  if (!course) return;
  const windows = windowsFor(course);
  const w = windows.find((x) => x.index === p.window);
  // The sessions moved since this was planned: the plan schedules the window's new moment.
  if (!w || !nudgeDue(w, kind, now)) return;
  const [people, lessons, settings] = await Promise.all([stores.programme.participants(course.id), stores.programme.courseLessons(course.id), deps.calendar(course.municipalityId)]);
  const owed = dueBy(windows, w);
  await stores.transaction(async (tx) => {
    for (const person of people) {
      if (person.promptsOff) continue;
      if (hasBookingIn(course, w, lessons, person.id)) continue;
      const held = lessons.filter((v) => v.teacherId === person.id && v.status === 'held').length;
      if (held >= owed) continue; // nothing owed by the end of this window
      await tx.chat.sendToPerson(person.id, nudgeMessage(course, w, kind, person.name.split(' ')[0]!, settings.timeZone), {
        key: programmeKeys.nudge(course.id, w.index, kind, person.id),
        // Held back past the window's end (a long holiday), it is no longer worth sending.
        notAfter: w.end,
      });
    }
  });
}
