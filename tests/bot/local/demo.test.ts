// Example data in one click: on an empty database the playground offers "Indlæs eksempeldata"; it
// imports the examples through the real importers and offers lessons through the booking flow, so
// `mine` has something to show. `npm start -- --demo` does the same at start-up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../../src/cli/serve.js';
import { loadConfig } from '../../../src/config/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/logger.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const config = (name: string, env: Record<string, string> = {}) => loadConfig({ DATABASE_URL: `file:${join(dir, name)}`, PORT: '0', SPARRING_WORKER: 'false', ...env });

describe('the example-data button', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(config('button.db'), { logger: silentLogger, clock: new ManualClock('2026-11-24T09:00:00Z') }); // Tuesday 10.00
  });
  afterAll(() => server?.stop());

  it('is offered on an empty database and loads roster, courses, held visits and offered lessons', async () => {
    const empty = await (await fetch(`${server.url}/`)).text();
    expect(empty).toContain('Indlæs eksempeldata');

    const res = await fetch(`${server.url}/playground/demo`, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('Eksempeldata er indlæst. Prøv som lærer Line Bæk');
    expect(page).not.toContain('Indlæs eksempeldata');

    const db = server.runtime.db;
    expect(await db.person.count()).toBeGreaterThan(40);
    expect(await db.course.count()).toBeGreaterThan(0);
    expect(await db.slot.count({ where: { status: 'held' } })).toBe(6);
    const line = await db.person.findFirstOrThrow({ where: { email: 'line.baek@naestved.example' } });
    const mads = await db.person.findFirstOrThrow({ where: { email: 'mads.joergensen@naestved.example' } });
    // Offered through the booking flow: Mads had the head start as Line's previous agent, and took it.
    const booked = await db.slot.findFirstOrThrow({ where: { teacherId: line.id, status: 'claimed' } });
    expect(booked.agentId).toBe(mads.id);
    expect(booked.startsAt.getTime()).toBeGreaterThan(Date.parse('2026-11-24T09:00:00Z'));
    expect(await db.job.count({ where: { kind: 'booking.held', status: 'pending' } })).toBe(1);
    expect(await db.slot.count({ where: { status: 'open' } })).toBe(1);

    // `mine` shows the booked visit to the teacher.
    await fetch(`${server.url}/playground/command`, { method: 'POST', body: new URLSearchParams({ as: line.id, text: 'mine' }), redirect: 'manual' });
    const mine = await (await fetch(`${server.url}/?as=${line.id}`)).text();
    expect(mine).toContain('Mads Jørgensen');

    // The leader's `overblik` has figures to show: six teachers had a visit before this week.
    const soeren = await db.person.findFirstOrThrow({ where: { email: 'soeren.moeller@naestved.example' } });
    await fetch(`${server.url}/playground/command`, { method: 'POST', body: new URLSearchParams({ as: soeren.id, text: 'overblik' }), redirect: 'manual' });
    const overview = await (await fetch(`${server.url}/?as=${soeren.id}`)).text();
    expect(overview).toMatch(/6 af 14/);
  });

  it('changes nothing the second time: the database is not empty any more', async () => {
    const before = await server.runtime.db.slot.count();
    await fetch(`${server.url}/playground/demo`, { method: 'POST', redirect: 'manual' });
    expect(await (await fetch(`${server.url}/`)).text()).toContain('Der er allerede personer i databasen');
    expect(await server.runtime.db.slot.count()).toBe(before);
  });
});

describe('npm start -- --demo', () => {
  it('loads the example data at start-up into an empty database', async () => {
    const server = await startServer(config('flag.db'), { logger: silentLogger, clock: new ManualClock('2026-11-24T09:00:00Z'), demo: true });
    try {
      expect(server.demo).toMatchObject({ loaded: true, held: 6, offered: 2 });
    } finally {
      await server.stop();
    }
  });

  it('is not available with a real platform configured', async () => {
    const server = await startServer(config('teams.db', { SPARRING_PLATFORMS: 'local,teams', MicrosoftAppId: 'app', MicrosoftAppPassword: 'pw' }), { logger: silentLogger, demo: true });
    try {
      expect(server.demo).toBeNull();
      expect(await server.runtime.db.person.count()).toBe(0);
      expect(await (await fetch(`${server.url}/`)).text()).not.toContain('Indlæs eksempeldata');
      expect((await fetch(`${server.url}/playground/demo`, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});
