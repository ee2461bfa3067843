// GET /calendar/:slotId.ics?p=<personId>&t=<token> — the calendar invitation behind the "Add to
// calendar" buttons of the booking flow. The token is our own HMAC over slot and person (see
// src/flows/booking/ics.ts); anything that does not verify is a plain 404, so links cannot be
// guessed or used to find out whether a slot exists.
import type { Express } from 'express';
import { calendarFileFor, type CalendarFilesDeps } from '../flows/booking/index.js';

/** `deps` come from the composition root (runtime.calendarFiles); the secret must be the one links are signed with. */
export function mountCalendarRoute(app: Express, deps: CalendarFilesDeps): void {
  app.get('/calendar/:file', async (req, res, next) => {
    try {
      const file = String(req.params.file ?? '');
      const p = typeof req.query.p === 'string' ? req.query.p : '';
      const t = typeof req.query.t === 'string' ? req.query.t : '';
      if (!file.endsWith('.ics')) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      const result = await calendarFileFor(deps, file.slice(0, -'.ics'.length), p, t);
      if (result.status !== 200) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      res.set('Content-Type', result.contentType);
      res.set('Content-Disposition', `attachment; filename="${result.filename}"`);
      // Always the current version: a moved visit must not come from a cache.
      res.set('Cache-Control', 'no-store');
      res.send(result.body);
    } catch (err) {
      next(err);
    }
  });
}
