// GET <path>/<id><extension>?<param>=…&t=<token>: the file behind a link we sign ourselves
// (core/signed-link.ts). The flow checks the token and finds the file; anything that does not
// verify is a plain 404, so links cannot be guessed or used to find out whether something exists.
// Always the current version, never from a cache.
import type { Express } from 'express';
import type { SignedFile } from '../core/signed-link.js';

export interface SignedFileRoute {
  path: string;
  extension: string;
  /** The query parameter signed together with the id (the token is always `t`). */
  param: string;
  file(id: string, param: string, token: string): Promise<SignedFile>;
  /** Response headers beyond type, attachment name and no-store. */
  headers?: Record<string, string>;
}

export function mountSignedFileRoute(app: Express, route: SignedFileRoute): void {
  app.get(`${route.path}/:file`, async (req, res, next) => {
    try {
      const file = String(req.params.file ?? '');
      const query = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');
      const result = file.endsWith(route.extension) ? await route.file(file.slice(0, -route.extension.length), query(route.param), query('t')) : ({ status: 404 } as const);
      if (result.status !== 200) {
        res.status(404).json({ error: 'not found' });
        return;
      }
      res.set('Content-Type', result.contentType);
      res.set('Content-Disposition', `attachment; filename="${result.filename}"`);
      res.set('Cache-Control', 'no-store');
      for (const [name, value] of Object.entries(route.headers ?? {})) res.set(name, value);
      res.send(result.body);
    } catch (err) {
      next(err);
    }
  });
}
