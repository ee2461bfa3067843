// Tokens for links we hand out ourselves (calendar invitations, a person's own data file): an HMAC
// over a purpose and the link's parts, checked in constant time. One place, so every link is signed
// and verified the same way.
import { createHmac, timingSafeEqual } from 'node:crypto';

const TOKEN_LENGTH = 32;

export function linkToken(secret: string, purpose: string, ...parts: (string | number)[]): string {
  return createHmac('sha256', secret).update([purpose, ...parts].join(':')).digest('base64url').slice(0, TOKEN_LENGTH);
}

/** What a signed link fetches: the file, or 404 for anything that does not verify or no longer exists. */
export type SignedFile = { status: 200; filename: string; body: string; contentType: string } | { status: 404 };

export function verifyLinkToken(secret: string, token: unknown, purpose: string, ...parts: (string | number)[]): boolean {
  if (typeof token !== 'string' || token.length !== TOKEN_LENGTH) return false;
  return timingSafeEqual(Buffer.from(token), Buffer.from(linkToken(secret, purpose, ...parts)));
}
