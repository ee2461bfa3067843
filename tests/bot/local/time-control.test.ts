// The playground's time control over HTTP: the page shows the playground's time, says when it is
// outside school hours and offers the jump; each button moves the clock forward and runs what became
// due through the job engine — never available when a real platform is configured.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';
import { startFakeSlack, type FakeSlack } from '../slack/fake-slack.js';
import { SIGNING_SECRET } from '../slack/harness.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-time-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const move = (server: RunningServer, m: string) => fetch(`${server.url}/playground/time`, { method: 'POST', body: new URLSearchParams({ as: '', move: m }), redirect: 'manual' });
const page = async (server: RunningServer, query = '') => (await fetch(`${server.url}/${query}`)).text();

describe('time control in the playground alone', () => {
  let server: RunningServer;
  const clock = new ManualClock('2026-11-28T13:00:00Z'); // Saturday 14.00 in Copenhagen
  beforeAll(async () => {
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'alone.db')}`, PORT: '0', SPARRING_WORKER: 'false' });
    server = await startServer(config, { logger: silentLogger, clock });
  });
  afterAll(() => server?.stop());

  it('shows the time, says it is outside school hours and offers the jump to Monday 7.30', async () => {
    const html = await page(server);
    expect(html).toContain('lørdag 28. november 2026 kl. 14.00');
    expect(html).toContain('Det er uden for skoletid, så Sparring skriver ikke til nogen før mandag 30. november 2026 kl. 07.30.');
    expect(html).toContain('value="school"');
    expect(await page(server, '?lang=en')).toContain('It is outside school hours, so Sparring will not message anyone until Monday 30 November 2026 at 07:30.');

    expect((await move(server, 'school')).status).toBe(303);
    expect(clock.now().toISOString()).toBe('2026-11-30T06:30:00.000Z');
    const after = await page(server);
    expect(after).toContain('mandag 30. november 2026 kl. 07.30');
    expect(after).not.toContain('uden for skoletid');
  });

  it('moves an hour, a day and to next Monday at 8; refuses a move it does not know', async () => {
    clock.set('2026-11-30T09:00:00Z'); // Monday 10.00
    await move(server, 'hour');
    expect(clock.now().toISOString()).toBe('2026-11-30T10:00:00.000Z');
    await move(server, 'day');
    expect(clock.now().toISOString()).toBe('2026-12-01T10:00:00.000Z');
    await move(server, 'monday');
    expect(clock.now().toISOString()).toBe('2026-12-07T07:00:00.000Z'); // Monday 08.00 CET
    const bad = await move(server, 'back');
    expect(bad.status).toBe(400);
    expect(clock.now().toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  it('jumps to the next scheduled job and runs it, once', async () => {
    // The digest's and housekeeping's recurring jobs, as a started worker schedules them.
    await server.runtime.dispatcher.startFlows();
    const pending = await server.runtime.db.job.findMany({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' } });
    expect(pending.length).toBeGreaterThan(1);
    const next = pending[0]!.dueAt;
    expect(next.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(await page(server)).toContain('Spring til næste hændelse');

    await move(server, 'next');
    expect(clock.now().toISOString()).toBe(next.toISOString());
    const after = await server.runtime.db.job.findMany({ where: { id: { in: pending.map((j) => j.id) } } });
    for (const job of after) {
      const before = pending.find((j) => j.id === job.id)!;
      // What was due then ran (once: attempts 1); what is due later still waits.
      if (before.dueAt.getTime() <= next.getTime()) expect([job.status, job.attempts]).toEqual(['done', 1]);
      else expect(job.status).toBe('pending');
    }
    expect(await page(server)).toContain('Tiden er rykket frem til');
  });
});

describe('no time control with a real platform configured', () => {
  let server: RunningServer;
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
    const config = loadConfig({
      DATABASE_URL: `file:${join(dir, 'slack.db')}`,
      PORT: '0',
      SPARRING_WORKER: 'false',
      SPARRING_PLATFORMS: 'local,slack',
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    // Even handed a clock that could be moved, the server with Slack offers no way to move it.
    server = await startServer(config, { logger: silentLogger, clock: new ManualClock('2026-11-28T13:00:00Z') });
  });
  afterAll(async () => {
    await server?.stop();
    await fake?.stop();
  });

  it('shows no time bar and refuses the time route', async () => {
    const html = await page(server);
    expect(html).not.toContain('/playground/time');
    expect(html).not.toContain('Legepladsens tid');
    const res = await move(server, 'day');
    expect(res.status).toBe(404);
    expect(server.runtime.clock.now().toISOString()).toBe('2026-11-28T13:00:00.000Z');
  });
});

describe('the playground’s own clock over a restart', () => {
  it('runs on real time plus what it was moved ahead, and keeps that when the server restarts', async () => {
    const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'offset.db')}`, PORT: '0', SPARRING_WORKER: 'false' });
    let server = await startServer(config, { logger: silentLogger });
    const DAY = 86_400_000;
    try {
      expect(Math.abs(server.runtime.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
      await move(server, 'day');
      expect(server.runtime.clock.now().getTime() - Date.now()).toBeGreaterThan(DAY - 3_700_000); // a wall-clock day (23–25 h)
    } finally {
      await server.stop();
    }
    server = await startServer(config, { logger: silentLogger });
    try {
      expect(server.runtime.clock.now().getTime() - Date.now()).toBeGreaterThan(DAY - 3_700_000);
      expect(server.runtime.clock.now().getTime() - Date.now()).toBeLessThan(DAY + 3_700_000);
    } finally {
      await server.stop();
    }
  });
});
