// Teams authentication for real: with an app id set, botbuilder validates the JWT Teams sends against
// the keys of an OpenID metadata document. Here a local token service on 127.0.0.1 publishes that
// document and its JWKS, and the bot is pointed at it with botbuilder's own settings
// (ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer), so the test holds the signing key:
// a token signed with it, with the claims the Bot Framework channel uses, must run the turn; the same
// token changed in any one way (other key, other audience, expired, no expiry, other issuer, other
// serviceUrl, key not endorsed for msteams …) must get 401 and have no effect. The keys are fetched
// once; while they cannot be fetched, requests get 503 and the bot stays up.
import { createHmac } from 'node:crypto';
import { AuthenticationConstants, MicrosoftAppCredentials } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTeamsAdapter } from '../../../src/bot/teams/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { FakeConnector } from './fake-connector.js';
import { startTeams, type TeamsHarness, type TeamsUser } from './harness.js';
import { closedPort, signingKey, TokenService } from './token-service.js';

const APP_ID = '11111111-2222-3333-4444-555555555555';
/** What botbuilder's (mocked) MSAL client would have fetched for the bot's outbound calls. */
const OUTBOUND_TOKEN = 'outbound-token-for-the-connector';

const trusted = signingKey('k1', ['msteams', 'skype']);
const attacker = signingKey('k1');
/** A key the metadata does serve, but endorsed for another channel only. */
const webchatOnly = signingKey('k2', ['webchat']);

describe('Teams route: authentication with an app id', () => {
  let h: TeamsHarness;
  let fake: FakeConnector;
  let tokens: TokenService;
  let anna: TeamsUser;
  const outbound: { credentials: string; endpoint: string; scope: string }[] = [];
  const reasons: string[] = [];
  let accepted = 0;

  beforeAll(async () => {
    fake = await new FakeConnector().start();
    tokens = await new TokenService([trusted, webchatOnly]).start();
    // Outbound calls (replies, member look-ups) need an AAD token for the app, which botbuilder gets
    // from login.microsoftonline.com through MSAL — not reachable here. Only that fetch is replaced;
    // which credentials botbuilder picked (and for which login URL and scope) is recorded.
    vi.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockImplementation(async function (this: MicrosoftAppCredentials) {
      outbound.push({ credentials: this.constructor.name, endpoint: this.oAuthEndpoint, scope: this.oAuthScope });
      return OUTBOUND_TOKEN;
    });
    // As `sparring serve` reads them from the environment.
    const teams = loadConfig({ SPARRING_PLATFORMS: 'teams', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-used', ToBotFromChannelOpenIdMetadataUrl: tokens.metadataUrl, ToBotFromChannelTokenIssuer: tokens.issuer }).teams!;
    h = await startTeams({ fake, appId: teams.appId, appPassword: teams.appPassword, openIdMetadataUrl: teams.openIdMetadataUrl, tokenIssuer: teams.tokenIssuer });
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
    await tokens?.stop();
  });

  /** A token as the Bot Framework channel signs it for this bot; `opts` change one thing. */
  const token = (opts: Parameters<TokenService['token']>[2] = {}) => tokens.token(APP_ID, fake.serviceUrl, opts);

  const hjaelp = () => h.personalActivity(anna, { type: 'message', text: 'hjælp' });

  /** Posts with this Authorization header and checks the turn ran (the bot replied) or had no effect. */
  async function expectAccepted(authorization: string) {
    fake.clear();
    const res = await h.post(hjaelp(), { authorization });
    expect(res.status).toBe(200);
    accepted += 1;
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
    // Twenty requests arrive together before any key is known: one fetch serves them all.
    const together = await Promise.all(Array.from({ length: 20 }, () => h.post(hjaelp(), { authorization: `Bearer ${token()}` })));
    expect(together.map((r) => r.status)).toEqual(Array(20).fill(200));
    accepted += 20;
    expect(tokens.hits).toEqual({ openid: 1, keys: 1 });
    await expectAccepted(`Bearer ${token()}`);
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
    await expectRejected(`Bearer ${token({ claims: { aud: 'https://api.botframework.com' } })}`, /Invalid AppId passed on token: https:\/\/api\.botframework\.com/);
    await expectRejected(`Bearer ${token({ claims: { iss: AuthenticationConstants.ToBotFromChannelTokenIssuer } })}`, /No valid identity/); // Microsoft's issuer, not the configured one
    await expectRejected(`Bearer ${token({ claims: { iss: 'https://evil.example.com' } })}`, /No valid identity/);
    await expectRejected(`Bearer ${token({ claims: { serviceurl: 'https://smba.trafficmanager.net/amer/' } })}`, /ServiceUrl claim do not match/);
  });

  it('rejects an expired token (beyond the 5-minute clock tolerance), and a token that never expires', async () => {
    await expectRejected(`Bearer ${token({ claims: { exp: Math.floor(Date.now() / 1000) - 600 } })}`, /token has expired/);
    await expectRejected(`Bearer ${token({ claims: { exp: undefined } })}`, /no expiry \(exp claim\)/);
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

  it('still accepts a good token after all that, counts the rejections, and fetched the keys only once', async () => {
    await expectAccepted(`Bearer ${token()}`);
    expect(accepted).toBeGreaterThan(20);
    expect(tokens.hits).toEqual({ openid: 1, keys: 1 });
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain(`sparring_inbound_requests_total{platform="teams",outcome="unauthorized"} ${rejected}`);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});

describe('Teams adapter: configuration guards', () => {
  it('refuses to start without an app id in production', () => {
    expect(() => createTeamsAdapter({ runtime: {} as never, teams: { appType: 'MultiTenant' }, env: 'production', app: {} as never })).toThrow(/MicrosoftAppId/);
  });

  it('refuses key metadata over plain http in production, naming the setting', () => {
    expect(() =>
      createTeamsAdapter({ runtime: {} as never, teams: { appId: APP_ID, appPassword: 'x', appType: 'MultiTenant', openIdMetadataUrl: 'http://127.0.0.1:1/openid' }, env: 'production', app: {} as never }),
    ).toThrow(/ToBotFromChannelOpenIdMetadataUrl must be an https URL/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/openid' }),
    ).toThrow(/ToBotFromChannelOpenIdMetadataUrl: must be an https URL in production/);
    expect(() => loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', ToBotFromChannelOpenIdMetadataUrl: 'keys.example' })).toThrow(/ToBotFromChannelOpenIdMetadataUrl: must be an http\(s\) URL/);
    const sovereign = loadConfig({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', ToBotFromChannelOpenIdMetadataUrl: 'https://keys.example/openid', ToBotFromChannelTokenIssuer: 'https://issuer.example' });
    expect(sovereign.teams).toMatchObject({ openIdMetadataUrl: 'https://keys.example/openid', tokenIssuer: 'https://issuer.example' });
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

describe('Teams route: when the signing keys cannot be fetched', () => {
  let fake: FakeConnector;
  beforeAll(async () => {
    fake = await new FakeConnector().start();
    vi.spyOn(MicrosoftAppCredentials.prototype, 'getToken').mockResolvedValue(OUTBOUND_TOKEN);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await fake?.stop();
  });

  it('answers 503 with Retry-After (not 500, not a crash), tries the key endpoint once, and recovers when it is back', async () => {
    const tokens = await new TokenService([trusted]).start();
    tokens.mode = 'failing';
    const h = await startTeams({ fake, appId: APP_ID, appPassword: 'x', openIdMetadataUrl: tokens.metadataUrl, tokenIssuer: tokens.issuer, signingKeysRetryMs: 1_000 });
    try {
      const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
      const post = (authorization: string) => h.post(h.personalActivity(anna, { type: 'message', text: 'hjælp' }), { authorization });
      const forged = `Bearer ${tokens.token(APP_ID, fake.serviceUrl, { key: attacker.privateKey })}`;
      const genuine = () => `Bearer ${tokens.token(APP_ID, fake.serviceUrl)}`;
      const answers = await Promise.all([...Array.from({ length: 10 }, () => post(forged)), post(genuine())]);
      for (const a of answers) expect(a).toEqual({ status: 503, body: { error: 'signing keys unavailable' } });
      const res = await fetch(`${h.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: forged }, body: JSON.stringify(h.personalActivity(anna, { type: 'message', text: 'hjælp' })) });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // One attempt for all of them (the next one only after signingKeysRetryMs).
      expect(tokens.hits.openid).toBe(1);
      expect(fake.calls).toHaveLength(0);
      // Garbage and foreign issuers are still refused at once, without keys.
      expect((await post('Bearer not-a-jwt')).status).toBe(401);
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
      const metrics = await (await fetch(`${h.url}/metrics`)).text();
      expect(metrics).toContain('sparring_inbound_requests_total{platform="teams",outcome="unavailable"} 12');

      // The endpoint comes back: after the retry interval a genuine token runs the turn, a forged one gets 401.
      tokens.mode = 'up';
      const deadline = Date.now() + 10_000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await post(genuine())).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      expect((await post(forged)).status).toBe(401);
      expect(tokens.hits.keys).toBe(1);
    } finally {
      await h.stop();
      await tokens.stop();
    }
  });

  it('keeps checking with the keys it has when a later refresh fails (botbuilder refreshes daily)', async () => {
    const tokens = await new TokenService([trusted]).start();
    const h = await startTeams({ fake, appId: APP_ID, appPassword: 'x', openIdMetadataUrl: tokens.metadataUrl, tokenIssuer: tokens.issuer });
    try {
      const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
      const post = (authorization: string) => h.post(h.personalActivity(anna, { type: 'message', text: 'hjælp' }), { authorization });
      expect((await post(`Bearer ${tokens.token(APP_ID, fake.serviceUrl)}`)).status).toBe(200);
      tokens.mode = 'failing';
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 3600_000 }); // past botbuilder's 24-hour refresh
      expect((await post(`Bearer ${tokens.token(APP_ID, fake.serviceUrl)}`)).status).toBe(200);
      expect((await post(`Bearer ${tokens.token(APP_ID, fake.serviceUrl, { key: attacker.privateKey, kid: 'k9' })}`)).status).toBe(401);
      expect(tokens.hits.openid).toBe(2);
    } finally {
      vi.useRealTimers();
      await h.stop();
      await tokens.stop();
    }
  });

  it('answers 503 when the key endpoint cannot be reached at all, and stays up', async () => {
    const tokens = new TokenService([trusted]);
    tokens.origin = `http://127.0.0.1:${await closedPort()}`; // nothing listens there
    const h = await startTeams({ fake, appId: APP_ID, appPassword: 'x', openIdMetadataUrl: tokens.metadataUrl, tokenIssuer: tokens.issuer });
    try {
      const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
      for (let i = 0; i < 3; i++) {
        const res = await h.post(h.personalActivity(anna, { type: 'message', text: 'hjælp' }), { authorization: `Bearer ${tokens.token(APP_ID, fake.serviceUrl, { key: attacker.privateKey })}` });
        expect(res.status).toBe(503);
      }
      expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    } finally {
      await h.stop();
    }
  });
});
