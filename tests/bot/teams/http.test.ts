// The /api/messages route under abuse: malformed requests get a 4xx and the process keeps serving.
// Authentication (app id set, JWT validation) is in auth.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
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
