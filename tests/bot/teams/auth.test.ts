// Teams authentication for real: with an app id set, botbuilder validates the JWT Teams sends against
// the keys of an OpenID metadata document. Here that document and its JWKS are served by the fake
// connector on 127.0.0.1, so the test holds the "Microsoft" signing key: a token signed with it, with
// the claims the Bot Framework channel uses, must run the turn; the same token changed in any one way
// (other key, other audience, expired, other issuer, other serviceUrl, key not endorsed for msteams …)
// must get 401 and have no effect.
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { AuthenticationConstants, MicrosoftAppCredentials } from 'botframework-connector';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTeamsAdapter } from '../../../src/bot/teams/index.js';
import { FakeConnector } from './fake-connector.js';
import { startTeams, type TeamsHarness, type TeamsUser } from './harness.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const ISSUER = 'https://api.botframework.com';
/** What botbuilder's (mocked) MSAL client would have fetched for the bot's outbound calls. */
const OUTBOUND_TOKEN = 'outbound-token-for-the-connector';

const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** A key the metadata does serve, but endorsed for another channel only. */
const webchatOnly = generateKeyPairSync('rsa', { modulusLength: 2048 });

function jwkOf(key: KeyObject, kid: string, endorsements: string[]) {
  const { n, e } = key.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid, n, e, x5t: kid, endorsements };
}

describe('Teams route: authentication with an app id', () => {
  let h: TeamsHarness;
  let fake: FakeConnector;
  let anna: TeamsUser;
  const metadataHits = { openid: 0, keys: 0 };
  const outbound: { credentials: string; endpoint: string; scope: string }[] = [];
  const reasons: string[] = [];

  beforeAll(async () => {
    fake = await new FakeConnector().start();
    fake.app.get('/openid', (_req, res) => {
      metadataHits.openid += 1;
      res.json({ issuer: ISSUER, jwks_uri: `${fake.origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    });
    fake.app.get('/keys', (_req, res) => {
      metadataHits.keys += 1;
      res.json({ keys: [jwkOf(trusted.publicKey, 'k1', ['msteams', 'skype']), jwkOf(webchatOnly.publicKey, 'k2', ['webchat'])] });
    });
    // Outbound calls (replies, member look-ups) need an AAD token for the app, which botbuilder gets
    // from login.microsoftonline.com through MSAL — not reachable here. Only that fetch is replaced;
    // which credentials botbuilder picked (and for which login URL and scope) is recorded.
    vi.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockImplementation(async function (this: MicrosoftAppCredentials) {
      outbound.push({ credentials: this.constructor.name, endpoint: this.oAuthEndpoint, scope: this.oAuthScope });
      return OUTBOUND_TOKEN;
    });
    h = await startTeams({ fake, appId: APP_ID, appPassword: 'not-used', openIdMetadataUrl: `${fake.origin}/openid` });
    // Why each request was turned away; botbuilder's own console.error dumps stay out of the output.
    vi.spyOn(h.scenario.runtime.logger, 'warn').mockImplementation(((obj: unknown, msg?: string) => {
      if (msg === 'Teams request unauthorized') reasons.push(String((obj as { reason?: unknown }).reason));
    }) as never);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await h?.stop();
    await fake?.stop();
  });

  /** A token as the Bot Framework channel signs it for this bot; `claims`/`options` change one thing. */
  function token(opts: { key?: KeyObject; kid?: string; claims?: Record<string, unknown>; expiresIn?: number } = {}) {
    const now = Math.floor(Date.now() / 1000);
    const payload = { iss: ISSUER, aud: APP_ID, serviceurl: fake.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + (opts.expiresIn ?? 3600), ...opts.claims };
    return jwt.sign(payload, opts.key ?? trusted.privateKey, { algorithm: 'RS256', keyid: opts.kid ?? 'k1', noTimestamp: true });
  }

  const hjaelp = () => h.personalActivity(anna, { type: 'message', text: 'hjælp' });

  /** Posts with this Authorization header and checks the turn ran (the bot replied) or had no effect. */
  async function expectAccepted(authorization: string) {
    fake.clear();
    const res = await h.post(hjaelp(), { authorization });
    expect(res.status).toBe(200);
    const replies = await fake.waitFor(() => fake.delivered('reply').length > 0 && fake.delivered('reply'));
    expect(replies).toHaveLength(1);
    // The reply went out with the app's outbound token, not with the inbound one.
    expect(replies[0]!.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  }
  let rejected = 0;
  /** Posts with this Authorization header: 401, for `reason`, and no effect at all. */
  async function expectRejected(authorization: string | undefined, reason: RegExp) {
    rejected += 1;
    fake.clear();
    reasons.length = 0;
    const res = await h.post(hjaelp(), authorization === undefined ? {} : { authorization });
    expect(res.status).toBe(401);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(reason);
    expect(res.body).toEqual({ error: 'unauthorized' });
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.calls).toHaveLength(0); // no reply, no member look-up: the turn never ran
  }

  it('accepts a token signed with the metadata key, with the channel claims — and the turn runs', async () => {
    await expectAccepted(`Bearer ${token()}`);
    // The key came from the test's metadata document, fetched by botbuilder.
    expect(metadataHits.openid).toBeGreaterThanOrEqual(1);
    expect(metadataHits.keys).toBeGreaterThanOrEqual(1);
    // Outbound credentials are the public cloud's, as in production.
    expect(outbound.length).toBeGreaterThan(0);
    for (const o of outbound) {
      expect(o).toEqual({ credentials: 'MicrosoftAppCredentials', endpoint: 'https://login.microsoftonline.com/botframework.com', scope: 'https://api.botframework.com' });
    }
  });

  it('rejects the same token signed with another key (same kid), and an unknown kid', async () => {
    await expectRejected(`Bearer ${token({ key: attacker.privateKey })}`, /^invalid signature$/);
    await expectRejected(`Bearer ${token({ key: attacker.privateKey, kid: 'attacker' })}`, /Signing Key could not be retrieved/);
  });

  it('rejects a token for another audience, from another issuer, or for another serviceUrl', async () => {
    await expectRejected(`Bearer ${token({ claims: { aud: '99999999-2222-3333-4444-555555555555' } })}`, /Invalid AppId passed on token: 99999999-/);
    await expectRejected(`Bearer ${token({ claims: { aud: ISSUER } })}`, /Invalid AppId passed on token: https:\/\/api\.botframework\.com/);
    await expectRejected(`Bearer ${token({ claims: { iss: 'https://evil.example.com' } })}`, /No valid identity/);
    await expectRejected(`Bearer ${token({ claims: { serviceurl: 'https://smba.trafficmanager.net/amer/' } })}`, /ServiceUrl claim do not match/);
  });

  it('rejects an expired token (beyond the 5-minute clock tolerance)', async () => {
    await expectRejected(`Bearer ${token({ expiresIn: -600 })}`, /token has expired/);
  });

  it("rejects a token signed with a served key that is not endorsed for the activity's channel", async () => {
    await expectRejected(`Bearer ${token({ key: webchatOnly.privateKey, kid: 'k2' })}`, /Could not validate endorsement for key: k2/);
  });

  it('rejects a missing header, a non-Bearer scheme, garbage, an unsigned token and an HS256 token keyed with the public key', async () => {
    const good = token();
    await expectRejected(undefined, /Request is not authorized/);
    await expectRejected('', /Request is not authorized/);
    await expectRejected(`Basic ${good}`, /No valid identity/);
    await expectRejected(good, /No valid identity/); // no scheme
    await expectRejected('Bearer not-a-jwt', /No valid identity/);
    const [, payload] = good.split('.');
    const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
    await expectRejected(`Bearer ${b64(JSON.stringify({ alg: 'none', typ: 'JWT', kid: 'k1' }))}.${payload}.`, /jwt signature is required/);
    const hsHeader = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k1' }));
    const pem = trusted.publicKey.export({ format: 'pem', type: 'spki' });
    await expectRejected(`Bearer ${hsHeader}.${payload}.${b64(createHmac('sha256', pem).update(`${hsHeader}.${payload}`).digest())}`, /invalid algorithm/);
  });

  it('still accepts a good token after all that, and counts the rejections', async () => {
    await expectAccepted(`Bearer ${token()}`);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain(`sparring_inbound_requests_total{platform="teams",outcome="unauthorized"} ${rejected}`);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

describe('Teams adapter: configuration guards', () => {
  it('refuses to start without an app id in production', () => {
    expect(() => createTeamsAdapter({ runtime: {} as never, teams: { appType: 'MultiTenant' }, env: 'production', app: {} as never })).toThrow(/MicrosoftAppId/);
  });

  it('refuses a test metadata URL in production', () => {
    expect(() =>
      createTeamsAdapter({ runtime: {} as never, teams: { appId: APP_ID, appPassword: 'x', appType: 'MultiTenant' }, env: 'production', app: {} as never, openIdMetadataUrl: 'http://127.0.0.1:1/openid' }),
    ).toThrow(/tests only/);
  });

  it("without a test URL, validates against Microsoft's metadata and issuer (botbuilder's public-cloud defaults)", async () => {
    const h = await startTeams({ appId: APP_ID, appPassword: 'x' });
    try {
      // botbuilder internals, read only: what the adapter will check tokens against. No request is made.
      const adapter = (h.driver as unknown as { deps: { adapter: { botFrameworkAuthentication: { inner: Record<string, unknown> } } } }).deps.adapter;
      const auth = adapter.botFrameworkAuthentication.inner;
      expect(auth).toMatchObject({
        toBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
        toBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
        toBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
        toChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
        validateAuthority: true,
      });
      expect(AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl).toBe('https://login.botframework.com/v1/.well-known/openidconfiguration');
    } finally {
      await h.stop();
    }
  });
});
