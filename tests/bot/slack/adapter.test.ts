// Adapter construction: HTTP mode needs a signing secret and the HTTP app; an app-level token
// switches to Socket Mode (nothing is connected until start()).
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../src/bot/slack/index.js';
import { clientOptions } from '../../../src/bot/slack/client.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('createSlackAdapter', () => {
  it('refuses HTTP mode without a signing secret or an app to mount on', () => {
    expect(() => createSlackAdapter({ runtime: h.runtime.adapter, slack: { botToken: 'xoxb-x' }, app: express() })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackAdapter({ runtime: h.runtime.adapter, slack: { botToken: 'xoxb-x', signingSecret: 's' } })).toThrow(/HTTP app/);
  });

  it('uses Socket Mode when an app-level token is set', () => {
    const adapter = createSlackAdapter({ runtime: h.runtime.adapter, slack: { botToken: 'xoxb-x', appToken: 'xapp-1-x', apiUrl: h.fake.apiUrl } });
    expect(adapter.mode).toBe('socket');
    expect(adapter.driver.platform).toBe('slack');
  });

  it('points the Web API client at SLACK_API_URL, with no absolute URLs and no waiting on rate limits', () => {
    expect(clientOptions('https://proxy.kommune.dk/slack/api/')).toMatchObject({ slackApiUrl: 'https://proxy.kommune.dk/slack/api/', allowAbsoluteUrls: false, rejectRateLimitedCalls: true });
    expect(clientOptions(undefined)).not.toHaveProperty('slackApiUrl');
  });
});

describe('people who never wrote to the bot', () => {
  it('are found by email when a message must reach them; a 429 is retried later; unknown people are not asked about again at once', async () => {
    const known = await h.person({ name: 'Ida Indmeldt', slackUserId: 'UIDA', roles: [['teacher', 'Kalbyrisskolen']], linked: 'none' });
    const gone = await h.person({ name: 'Teams Tove', slackUserId: 'UNOTHERE', roles: [['teacher', 'Kalbyrisskolen']], linked: 'none' });
    h.fake.users.delete('UNOTHERE');
    const hello = () => ({ summary: 'Hej', blocks: [] });

    h.fake.on('users.lookupByEmail', (_args, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '7' }, body: { ok: false, error: 'ratelimited' } } : undefined));
    await expect(h.runtime.chat.sendToPerson(known.personId, hello)).rejects.toMatchObject({ name: 'TransientDeliveryError', retryAfterMs: 7000 });
    // Retry-After is honoured: no second look-up before the 7 s are up.
    await expect(h.runtime.chat.sendToPerson(known.personId, hello)).rejects.toMatchObject({ name: 'TransientDeliveryError', rateLimited: true });
    expect(h.fake.all('users.lookupByEmail')).toHaveLength(1);
    h.clock.advance(7000);
    expect(await h.runtime.chat.sendToPerson(known.personId, hello)).toMatchObject({ platform: 'slack' });
    const identity = await h.runtime.db.platformIdentity.findFirst({ where: { personId: known.personId, platform: 'slack' } });
    expect(identity).toMatchObject({ externalId: 'UIDA', tenantId: 'T0SKOLE' });
    h.fake.on('users.lookupByEmail', undefined);

    const lookups = () => h.fake.all('users.lookupByEmail').length;
    const before = lookups();
    expect(await h.runtime.chat.sendToPerson(gone.personId, hello)).toBeNull();
    expect(await h.runtime.chat.sendToPerson(gone.personId, hello)).toBeNull();
    expect(lookups()).toBe(before + 1);
  });
});
