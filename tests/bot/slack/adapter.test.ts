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
    expect(() => createSlackAdapter({ runtime: h.runtime, slack: { botToken: 'xoxb-x' }, app: express() })).toThrow(/SLACK_SIGNING_SECRET/);
    expect(() => createSlackAdapter({ runtime: h.runtime, slack: { botToken: 'xoxb-x', signingSecret: 's' } })).toThrow(/HTTP app/);
  });

  it('uses Socket Mode when an app-level token is set', () => {
    const adapter = createSlackAdapter({ runtime: h.runtime, slack: { botToken: 'xoxb-x', appToken: 'xapp-1-x', apiUrl: h.fake.apiUrl } });
    expect(adapter.mode).toBe('socket');
    expect(adapter.driver.platform).toBe('slack');
  });

  it('points the Web API client at SLACK_API_URL, with no absolute URLs and no waiting on rate limits', () => {
    expect(clientOptions('https://proxy.kommune.dk/slack/api/')).toMatchObject({ slackApiUrl: 'https://proxy.kommune.dk/slack/api/', allowAbsoluteUrls: false, rejectRateLimitedCalls: true });
    expect(clientOptions(undefined)).not.toHaveProperty('slackApiUrl');
  });
});

describe('linkRosterByEmail', () => {
  it('links roster persons without a Slack identity by email, waiting out a 429', async () => {
    const known = await h.person({ name: 'Ida Indmeldt', slackUserId: 'UIDA', roles: [['teacher', 'Kalbyrisskolen']], linked: 'none' });
    await h.person({ name: 'Teams Tove', slackUserId: 'UNOTHERE', roles: [['teacher', 'Kalbyrisskolen']], linked: 'none' });
    h.fake.users.delete('UNOTHERE');
    h.fake.on('users.lookupByEmail', (_args, n) => (n === 1 ? { status: 429, headers: { 'retry-after': '0' }, body: { ok: false, error: 'ratelimited' } } : undefined));
    const result = await h.adapter.linkRosterByEmail({ pauseMs: 0 });
    expect(result).toEqual({ linked: 1, notFound: 1, failed: 0 });
    const identity = await h.runtime.db.platformIdentity.findFirst({ where: { personId: known.personId, platform: 'slack' } });
    expect(identity).toMatchObject({ externalId: 'UIDA', tenantId: 'T0SKOLE' });
  });
});
