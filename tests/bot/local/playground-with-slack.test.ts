// SPARRING_PLATFORMS=local,slack: the playground and Slack on one server. The playground's form
// parser must not swallow Slack's form-encoded requests (slash commands, clicks), whose raw bytes
// the signature is computed over.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { startFakeSlack, TEAM_ID, type FakeSlack } from '../slack/fake-slack.js';
import { sign, SIGNING_SECRET } from '../slack/harness.js';

let dir: string;
let server: RunningServer;
let fake: FakeSlack;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-playground-slack-'));
  fake = await startFakeSlack();
  const config = loadConfig({
    DATABASE_URL: `file:${join(dir, 'sparring.db')}`,
    PORT: '0',
    HOST: '127.0.0.1',
    SPARRING_WORKER: 'false',
    LOG_LEVEL: 'silent',
    SPARRING_PLATFORMS: 'local,slack',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  server = await startServer(config, { logger: silentLogger });
});

afterAll(async () => {
  await server?.stop();
  await fake?.stop();
  await rm(dir, { recursive: true, force: true });
});

it('a signed slash command still reaches Slack when the playground is mounted first', async () => {
  const body = new URLSearchParams({
    team_id: TEAM_ID,
    channel_id: 'DSTRANGER',
    user_id: 'USTRANGER',
    command: '/sparring',
    text: 'hjælp',
    response_url: fake.responseUrl('cmd-1'),
    trigger_id: 'trigger.playground.1',
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const res = await fetch(`${server.url}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': sign(body, ts) },
    body,
    signal: AbortSignal.timeout(5_000),
  });
  expect(res.status).toBe(200);
  // Answered after the ack, through the response_url, by the listener `sparring serve` registered.
  // Generous: other test files may be using the CPU.
  const deadline = Date.now() + 15_000;
  while (fake.responses.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(fake.responses[0]?.body).toMatchObject({ response_type: 'ephemeral' });
  expect(JSON.stringify(fake.responses[0]?.body)).toContain('finde dig på listen');
  // The playground itself still works.
  expect((await fetch(`${server.url}/`)).status).toBe(200);
});
