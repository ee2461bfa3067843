// The playground's time travel drives the job engine's own tick: each job runs once, in the order
// of its due time, with the clock at that time — also the jobs scheduled by jobs on the way.
import { afterEach, expect, it } from 'vitest';
import type { FlowFactory } from '../../src/core/flow.js';
import type { JobEngine } from '../../src/core/jobs/engine.js';
import { timeControl } from '../../src/core/jobs/time-travel.js';
import { createScenario, type Scenario } from '../support/scenario.js';

const ran: { key: string; at: string }[] = [];
let engine: JobEngine;
const probeFlow: FlowFactory = () => ({
  name: 'probe',
  jobs: {
    'probe.record': async (payload: { key: string; then?: string }, ctx) => {
      ran.push({ key: payload.key, at: ctx.now.toISOString() });
      // A job that causes another half an hour later (as a held visit causes a reflection prompt).
      if (payload.then) {
        await engine.schedule({ kind: 'probe.record', payload: { key: payload.then }, runAt: new Date(ctx.now.getTime() + 30 * 60_000), idempotencyKey: `probe:${payload.then}`, messagesStaff: false });
      }
    },
  },
});

let s: Scenario;
afterEach(async () => {
  ran.length = 0;
  await s?.cleanup();
});

async function setUp(now: string) {
  s = await createScenario({ now, flows: [probeFlow] });
  engine = s.runtime.jobs;
  return timeControl(engine, s.clock);
}

const schedule = (key: string, runAt: string, extra: { then?: string; messagesStaff?: boolean } = {}) =>
  engine.schedule({ kind: 'probe.record', payload: { key, then: extra.then }, runAt: new Date(runAt), idempotencyKey: `probe:${key}`, messagesStaff: extra.messagesStaff ?? false });

it('runs every job on the way once, in order, each at its own due time (and those they cause)', async () => {
  const time = await setUp('2026-11-23T08:00:00Z');
  await schedule('c', '2026-11-24T09:00:00Z');
  await schedule('a', '2026-11-23T09:00:00Z', { then: 'a-follow-up' });
  await schedule('b', '2026-11-23T11:00:00Z');

  const result = await time.travelTo(new Date('2026-11-25T08:00:00Z'));
  expect(ran).toEqual([
    { key: 'a', at: '2026-11-23T09:00:00.000Z' },
    { key: 'a-follow-up', at: '2026-11-23T09:30:00.000Z' },
    { key: 'b', at: '2026-11-23T11:00:00.000Z' },
    { key: 'c', at: '2026-11-24T09:00:00.000Z' },
  ]);
  expect(result.ran).toBe(4);
  expect(s.clock.now().toISOString()).toBe('2026-11-25T08:00:00.000Z');

  // Nothing runs twice: moving on again finds nothing left.
  await time.travelTo(new Date('2026-11-26T08:00:00Z'));
  expect(ran).toHaveLength(4);
  expect(await time.nextEventAt()).toBeNull();
});

it('jumps to the next event and runs only what is due then', async () => {
  const time = await setUp('2026-11-23T08:00:00Z');
  await schedule('first', '2026-11-23T10:00:00Z');
  await schedule('second', '2026-11-23T12:00:00Z');
  expect((await time.nextEventAt())?.toISOString()).toBe('2026-11-23T10:00:00.000Z');

  await time.jumpToNextEvent();
  expect(s.clock.now().toISOString()).toBe('2026-11-23T10:00:00.000Z');
  expect(ran.map((r) => r.key)).toEqual(['first']);

  await time.jumpToNextEvent();
  expect(ran.map((r) => r.key)).toEqual(['first', 'second']);
  expect(await time.jumpToNextEvent()).toBeNull(); // nothing left: time stays where it is
  expect(s.clock.now().toISOString()).toBe('2026-11-23T12:00:00.000Z');
});

it('never moves time back, and stops before jobs due after the target', async () => {
  const time = await setUp('2026-11-23T08:00:00Z');
  await schedule('later', '2026-11-23T15:00:00Z');
  await time.travelTo(new Date('2026-11-23T07:00:00Z'));
  expect(s.clock.now().toISOString()).toBe('2026-11-23T08:00:00.000Z');
  await time.travelTo(new Date('2026-11-23T14:59:00Z'));
  expect(ran).toEqual([]);
});

it('a message to staff decided on a Saturday goes out Monday at 07.30, when the jump lands there', async () => {
  const time = await setUp('2026-11-28T13:00:00Z'); // Saturday 14:00 in Copenhagen
  expect((await time.messageableFrom(null)).toISOString()).toBe('2026-11-30T06:30:00.000Z');
  await schedule('announce', '2026-11-28T13:00:00Z', { messagesStaff: true });
  await time.jumpToNextEvent();
  expect(ran).toEqual([{ key: 'announce', at: '2026-11-30T06:30:00.000Z' }]);
  expect((await time.messageableFrom(null)).toISOString()).toBe('2026-11-30T06:30:00.000Z');
});
