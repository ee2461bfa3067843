// The booking flow: offer → head start → announce → claim → confirmation (.ics) → reminders → held.
// Only what other modules use; the flow's own pieces import each other directly.
export { createBookingFlow, createBookingFlowWith, type BookingOptions } from './flow.js';
export type { BookingStore, SlotView, SlotStatus, NewSlot, CourseWithSessions, PersonRef } from './port.js';
export { calendarFileFor, calendarUrl, type CalendarFilesDeps } from './ics.js';
