// GET /calendar/:slotId.ics?p=<personId>&t=<token> — the calendar invitation behind the "Add to
// calendar" buttons of the booking flow. The token is our own HMAC over slot and person (see
// src/flows/booking/ics.ts); anything that does not verify is a plain 404 (src/bot/signed-file-route.ts).
import type { Express } from 'express';
import { calendarFileFor, type CalendarFilesDeps } from '../flows/booking/index.js';
import { mountSignedFileRoute } from './signed-file-route.js';

/** `deps` come from the composition root (runtime.calendarFiles); the secret must be the one links are signed with. */
export function mountCalendarRoute(app: Express, deps: CalendarFilesDeps): void {
  mountSignedFileRoute(app, { path: '/calendar', extension: '.ics', param: 'p', file: (slotId, personId, token) => calendarFileFor(deps, slotId, personId, token) });
}
