// Inbound Teams authentication. botbuilder checks every token (signature against the channel's
// published keys, issuer, audience, expiry, endorsements); this file only adds what it leaves out:
//  - a token without `exp` is refused (jsonwebtoken checks expiry only when the claim is present);
//  - the signing keys are fetched once at a time, and a failed fetch is not repeated for every
//    request (botbuilder fetches again for each request while it has no keys, and for each of several
//    requests arriving together), so a flood of forged tokens cannot become a flood of key fetches;
//  - keys that cannot be fetched are reported as such (the route answers 503), not as a crash (500).
import { AuthenticationConfiguration, AuthenticationConstants, AuthenticationError, SkillValidation, type Claim } from 'botframework-connector';
// Not exported from the package index: the per-URL key cache botbuilder's token check reads from.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata.js';

const UNAUTHORIZED = 401;

/** Runs after botbuilder has verified a token's signature and claims; throwing refuses the request. */
export function sparringAuthConfiguration(): AuthenticationConfiguration {
  return new AuthenticationConfiguration([], async (claims: Claim[]) => {
    // Without a validator botbuilder refuses skill tokens itself; with one it leaves them to us. Sparring is no skill host.
    if (SkillValidation.isSkillClaim(claims)) throw new AuthenticationError('Unauthorized Access. Request is not authorized. Skill Claims require validation.', UNAUTHORIZED);
    const exp = claims.find((c) => c.type === 'exp')?.value as unknown;
    if (typeof exp !== 'number') throw new AuthenticationError('Unauthorized. The token has no expiry (exp claim).', UNAUTHORIZED);
  });
}

/** The keys that sign Teams' tokens could not be fetched, so no token can be checked now. */
export class SigningKeysUnavailable extends Error {
  constructor(
    readonly url: string,
    readonly retryAfterSeconds: number,
    cause: unknown,
  ) {
    super(`the signing keys could not be fetched from ${url}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SigningKeysUnavailable';
  }
}

type KeyCache = { refreshCache(): Promise<void>; keys?: unknown[] };
const shared = new WeakSet<object>();

/**
 * Makes botbuilder's key cache for `url` fetch once at a time and, after a failed fetch, wait
 * `retryAfterMs` before the next attempt (requests meanwhile get SigningKeysUnavailable at once).
 * Keys already fetched stay in use if a later refresh fails. The check itself stays botbuilder's.
 */
export function shareSigningKeyFetches(url: string, retryAfterMs: number): void {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, OpenIdMetadata> }).openIdMetadataCache;
  if (!(cache instanceof Map)) throw new Error('botframework-connector changed: JwtTokenExtractor has no key cache to share (see src/bot/teams/auth.ts)');
  let metadata = cache.get(url);
  if (!metadata) {
    metadata = new OpenIdMetadata(url);
    cache.set(url, metadata);
  }
  if (shared.has(metadata)) return;
  shared.add(metadata);
  const keys = metadata as unknown as KeyCache;
  const fetchKeys = keys.refreshCache.bind(metadata);
  let running: Promise<void> | null = null;
  let failed: { at: number; err: unknown } | null = null;
  const haveKeys = () => Array.isArray(keys.keys) && keys.keys.length > 0;
  keys.refreshCache = () => {
    if (running) return running;
    const waited = failed ? Date.now() - failed.at : Infinity;
    if (failed && waited < retryAfterMs) {
      // Older keys are still good while the endpoint is away; without any, nothing can be checked.
      return haveKeys() ? Promise.resolve() : Promise.reject(new SigningKeysUnavailable(url, Math.ceil((retryAfterMs - waited) / 1000), failed.err));
    }
    running = fetchKeys()
      .then(
        () => {
          failed = null;
        },
        (err: unknown) => {
          failed = { at: Date.now(), err };
          if (!haveKeys()) throw new SigningKeysUnavailable(url, Math.ceil(retryAfterMs / 1000), err);
        },
      )
      .finally(() => {
        running = null;
      });
    return running;
  };
}

/** Where botbuilder fetches keys: the channel's metadata (configurable) and the emulator/skill one. */
export function signingKeyUrls(channelMetadataUrl: string | undefined): string[] {
  return [channelMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl, AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl];
}
