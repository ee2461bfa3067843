// The /api/messages route under abuse: malformed requests get a 4xx and the process keeps serving;
// with an app id set, botbuilder's JWT validation turns away requests without a valid token.
import { generateKeyPairSync, createSign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector } from './fake-connector.js';
import { startTeams, type TeamsHarness } from './harness.js';

let h: TeamsHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

async function raw(url: string, body: string, contentType = 'application/json', headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
  return res.status;
}

describe('Teams route: malformed requests', () => {
  it('answers 4xx to bad JSON, JSON without type, wrong content type and huge bodies — and keeps serving', async () => {
    h = await startTeams();
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    const valid = h.personalActivity(anna, { type: 'message', text: 'hjælp' });
    const noType = { ...valid } as Record<string, unknown>;
    delete noType.type;

    expect(await raw(h.url, '{"type": "message", ')).toBe(400);
    expect(await raw(h.url, JSON.stringify(noType))).toBe(400);
    expect(await raw(h.url, JSON.stringify({ ...valid, type: '' }))).toBe(400);
    expect(await raw(h.url, JSON.stringify([valid]))).toBe(400);
    expect(await raw(h.url, 'null')).toBe(400);
    expect(await raw(h.url, '"message"')).toBe(400);
    expect(await raw(h.url, JSON.stringify({ ...valid, from: 'x' }))).toBe(400);
    expect(await raw(h.url, JSON.stringify({ ...valid, serviceUrl: undefined }))).toBe(400);
    expect(await raw(h.url, JSON.stringify(valid), 'text/plain')).toBe(415);
    expect(await raw(h.url, 'type=message', 'application/x-www-form-urlencoded')).toBe(415);
    expect(await raw(h.url, JSON.stringify({ ...valid, text: 'x'.repeat(2_000_000) }))).toBe(413);

    // Still alive and still working.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    expect((await h.post(valid)).status).toBe(200);
    expect(h.fake.delivered('reply')).toHaveLength(1);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/sparring_inbound_requests_total\{platform="teams",outcome="rejected"\} (9|1\d)/);
  });

  it('counts a failed turn and still answers Teams', async () => {
    h = await startTeams();
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    // The connector refuses the reply: the turn fails inside botbuilder.
    h.fake.failNext((c) => c.kind === 'reply', { status: 400, body: { error: { code: 'BadArgument', message: 'nope' } } });
    const res = await h.post(h.personalActivity(anna, { type: 'message', text: 'hjælp' }));
    expect(res.status).toBeLessThan(500);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/sparring_turn_errors_total\{platform="teams"\} 1/);
  });
});

describe('Teams route: authentication with an app id', () => {
  function base64url(v: Buffer | string) {
    return Buffer.from(v).toString('base64url');
  }

  it('rejects requests without a token or with a forged one (401) and stays up', async () => {
    const fake = await new FakeConnector().start();
    // Microsoft's signing keys, as far as this test is concerned: only the fake's key k1 is trusted.
    const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = trusted.publicKey.export({ format: 'jwk' });
    fake.app.get('/openid', (_req, res) => void res.json({ issuer: 'https://api.botframework.com', jwks_uri: `${fake.origin}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    fake.app.get('/keys', (_req, res) => void res.json({ keys: [{ kty: 'RSA', use: 'sig', kid: 'k1', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }));
    h = await startTeams({ fake, appId: '11111111-2222-3333-4444-555555555555', appPassword: 'not-used', openIdMetadataUrl: `${fake.origin}/openid` });
    const anna = await h.user({ name: 'Anna Lærer', roles: [['teacher', 'Holmegårdsskolen']] });
    const activity = h.personalActivity(anna, { type: 'message', text: 'hjælp' });

    const forge = (kid: string) => {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
      const payload = base64url(JSON.stringify({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', serviceUrl: fake.serviceUrl, nbf: now - 60, exp: now + 3600 }));
      const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(attacker.privateKey);
      return `${header}.${payload}.${base64url(signature)}`;
    };

    expect((await h.post(activity)).status).toBe(401);
    expect((await h.post(activity, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    expect((await h.post(activity, { authorization: `Bearer ${forge('k1')}` })).status).toBe(401); // right kid, wrong signature
    expect((await h.post(activity, { authorization: `Bearer ${forge('unknown')}` })).status).toBe(401);
    expect(h.fake.delivered()).toHaveLength(0); // nothing reached a flow
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    await fake.stop();
  });

  it('refuses to start without an app id in production', async () => {
    const { createTeamsAdapter } = await import('../../../src/bot/teams/index.js');
    const express = (await import('express')).default;
    expect(() => createTeamsAdapter({ runtime: {} as never, teams: { appType: 'MultiTenant' }, env: 'production', app: express() })).toThrow(/MicrosoftAppId/);
  });
});
