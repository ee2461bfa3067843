// The signed, short-lived link behind "mine data": GET /my-data/<personId>.json?e=<expires>&t=<token>.
// The token is our own HMAC over person and expiry (like the calendar links, src/flows/booking/ics.ts);
// anything that does not verify, or has expired, is a plain 404.
import { linkToken, verifyLinkToken, type SignedFile } from '../../core/signed-link.js';
import type { PersonalDataStore } from './ports.js';

/** How long a link works: long enough to open it from another device, short enough not to linger. */
export const DATA_LINK_HOURS = 24;

export function dataToken(secret: string, personId: string, expires: number): string {
  return linkToken(secret, 'my-data', personId, expires);
}

export function dataUrl(publicUrl: string, secret: string, personId: string, now: Date): string {
  const expires = Math.floor(now.getTime() / 1000) + DATA_LINK_HOURS * 3600;
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}/my-data/${encodeURIComponent(personId)}.json?e=${expires}&t=${dataToken(secret, personId, expires)}`;
}

export interface PersonalDataFilesDeps {
  store: PersonalDataStore;
  secret: string;
  now: () => Date;
}

export async function personalDataFileFor(deps: PersonalDataFilesDeps, personId: string, expiresRaw: string, token: string): Promise<SignedFile> {
  const expires = Number(expiresRaw);
  if (!personId || !/^\d{1,12}$/.test(expiresRaw) || expires * 1000 <= deps.now().getTime()) return { status: 404 };
  if (!verifyLinkToken(deps.secret, token, 'my-data', personId, expires)) return { status: 404 };
  const data = await deps.store.exportOwn(personId, deps.now());
  if (!data) return { status: 404 };
  return { status: 200, filename: 'sparring-mine-data.json', body: `${JSON.stringify(data, null, 2)}\n`, contentType: 'application/json; charset=utf-8' };
}
