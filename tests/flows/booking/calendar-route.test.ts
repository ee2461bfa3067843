// GET /calendar/:slotId.ics over real HTTP: the signed link gives the file, anything else a 404.
import express from 'express';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { mountCalendarRoute } from '../../../src/bot/calendar-route.js';
import { listen } from '../../../src/bot/http.js';
import { calendarUrl } from '../../../src/flows/booking/index.js';
import { bookingWorld, click, offer, parseIcs, SECRET, type BookingWorld } from './helpers.js';

let w: BookingWorld;
let server: Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
  await w?.s.cleanup();
});

describe('booking: calendar route', () => {
  it('serves the current invitation for a signed link and 404 for a forged one', async () => {
    w = await bookingWorld('2026-10-20T08:00:00Z');
    const slotId = await offer(w, w.teacher);
    await w.s.runJobs();
    await click(w.s, w.agentA, 'booking.claim', slotId);
    const app = express();
    mountCalendarRoute(app, { ...w.s.runtime.calendarFiles, secret: SECRET });
    server = await listen(app, '127.0.0.1', 0);
    const port = (server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;

    const res = await fetch(calendarUrl(base, SECRET, slotId, w.agentA.personId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8; method=REQUEST');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const ics = parseIcs(await res.text());
    expect(ics.start.toISOString()).toBe('2026-10-26T08:00:00.000Z');

    // Someone else's person id with this token, a wrong secret, a missing token: all 404.
    const good = new URL(calendarUrl(base, SECRET, slotId, w.agentA.personId));
    good.searchParams.set('p', w.agentB.personId);
    expect((await fetch(good)).status).toBe(404);
    expect((await fetch(calendarUrl(base, 'wrong', slotId, w.agentA.personId))).status).toBe(404);
    expect((await fetch(`${base}/calendar/${slotId}.ics`)).status).toBe(404);
    expect((await fetch(`${base}/calendar/${slotId}`)).status).toBe(404);
  });
});
