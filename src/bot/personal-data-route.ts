// GET /my-data/:personId.json?e=…&t=… — a person's own data file behind the link "mine data" hands
// out (src/flows/privacy/link.ts). Anything that does not verify is a plain 404.
import type { Express } from 'express';
import { personalDataFileFor, type PersonalDataFilesDeps } from '../flows/privacy/index.js';

export function mountPersonalDataRoute(app: Express, deps: PersonalDataFilesDeps): void {
  app.get('/my-data/:file', async (req, res, next) => {
    try {
      const file = String(req.params.file ?? '');
      const e = typeof req.query.e === 'string' ? req.query.e : '';
      const t = typeof req.query.t === 'string' ? req.query.t : '';
      const result = file.endsWith('.json') ? await personalDataFileFor(deps, file.slice(0, -'.json'.length), e, t) : ({ status: 404 } as const);
      if (result.status !== 200) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      res.set('Content-Type', 'application/json; charset=utf-8');
      res.set('Content-Disposition', `attachment; filename="${result.filename}"`);
      // Personal data: never cached, never sent on as a referrer.
      res.set('Cache-Control', 'no-store');
      res.set('Referrer-Policy', 'no-referrer');
      res.send(result.body);
    } catch (err) {
      next(err);
    }
  });
}
