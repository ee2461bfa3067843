// The booking flow: offer → head start → announce → claim → confirmation (.ics) → reminders → held.
export { createBookingFlow, createBookingFlowWith, BOOKING_JOBS, REFLECTION_PROMPT_JOB, announcementTopic, courseForDate, progressLine, type BookingOptions } from './flow.js';
export type { BookingStore, SlotView, SlotStatus, NewSlot, CourseWithSessions, PersonRef } from './port.js';
export { calendarFileFor, calendarToken, calendarUrl, verifyCalendarToken, renderIcs, slotUid, vtimezone, methodFor, DEFAULT_ORGANIZER, type CalendarFileResult, type CalendarFilesDeps, type IcsMethod } from './ics.js';
export { bookingTexts } from './texts.js';
export { ACTIONS as BOOKING_ACTIONS, FORMS as BOOKING_FORMS } from './views.js';
export { validateLessonTime, validateLessonDetails, renderErrors, LIMITS as BOOKING_LIMITS } from './validation.js';
