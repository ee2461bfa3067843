// GET /my-data/:personId.json?e=…&t=… — a person's own data file behind the link "mine data" hands
// out (src/flows/privacy/link.ts). Anything that does not verify is a plain 404
// (src/bot/signed-file-route.ts).
import type { Express } from 'express';
import { personalDataFileFor, type PersonalDataFilesDeps } from '../flows/privacy/index.js';
import { mountSignedFileRoute } from './signed-file-route.js';

export function mountPersonalDataRoute(app: Express, deps: PersonalDataFilesDeps): void {
  mountSignedFileRoute(app, {
    path: '/my-data',
    extension: '.json',
    param: 'e',
    file: (personId, expires, token) => personalDataFileFor(deps, personId, expires, token),
    // Personal data: never sent on as a referrer either.
    headers: { 'Referrer-Policy': 'no-referrer' },
  });
}
