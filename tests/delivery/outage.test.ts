// A long platform outage (issue #13, fault 6): a delivery keeps trying through at least 24 hours of
// transient failures, counted from the first one, with waits capped at 30 minutes; only then does it
// count as failed. A platform that comes back within the day gets the message once. Rate limits
// never count toward "failed".
import { afterEach, expect, it } from 'vitest';
import { TransientDeliveryError, type PlatformDriver } from '../../src/core/chat.js';
import { createScenario, type Scenario } from '../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

const HOUR = 3_600_000;

/** The playground's platform, down (503) while `down()` says so; counts what got through. */
function flakyPlatform(down: () => boolean, error = () => new TransientDeliveryError('platform answered 503')) {
  const delivered: string[] = [];
  const driver: PlatformDriver = {
    platform: 'local',
    async sendDirect(target) {
      if (down()) throw error();
      delivered.push(target.personId);
      return { platform: 'local', ref: String(delivered.length) };
    },
    postChannel: async () => {
      throw new Error('not used');
    },
    reply: async () => {
      throw new Error('not used');
    },
    update: async () => undefined,
  };
  return { driver, delivered };
}

async function queueOne(): Promise<string> {
  const teacher = await s.person({ name: 'Tove Tålmodig', roles: [['teacher', 'Herlufsholm Skole']] });
  await s.runtime.stores.transaction((tx) => tx.chat.sendToPerson(teacher.personId, () => ({ summary: 'Hej', blocks: [] }), { key: 'outage:1', quietHoursApply: false }));
  return teacher.personId;
}

/** Runs the worker at each moment the delivery is due, until it is settled or `until` is reached. */
async function runThrough(until: number): Promise<{ waits: number[] }> {
  const waits: number[] = [];
  let last = s.clock.now().getTime();
  for (;;) {
    await s.runtime.jobs.tick();
    const job = (await s.runtime.jobStore.findByKey('outage:1'))!;
    if (job.status !== 'pending' || job.dueAt.getTime() > until) return { waits };
    waits.push(job.dueAt.getTime() - last);
    last = job.dueAt.getTime();
    s.clock.set(job.dueAt);
  }
}

it('keeps trying through 24 hours of outage (waits capped at 30 minutes), then counts as failed', async () => {
  s = await createScenario({ now: '2026-11-24T08:00:00Z' });
  const platform = flakyPlatform(() => true);
  s.runtime.chat.addDriver(platform.driver);
  await queueOne();
  const start = s.clock.now().getTime();

  const { waits } = await runThrough(start + 23.5 * HOUR);
  let job = (await s.runtime.jobStore.findByKey('outage:1'))!;
  expect(job.status).toBe('pending');
  expect(job.attempts).toBeGreaterThan(job.maxAttempts); // 20 tries alone would have given up hours ago
  expect(job.failingSince?.getTime()).toBe(start);
  expect(Math.max(...waits)).toBeLessThanOrEqual(30 * 60_000);

  await runThrough(start + 48 * HOUR);
  job = (await s.runtime.jobStore.findByKey('outage:1'))!;
  expect(job.status).toBe('failed');
  expect(job.finishedAt!.getTime() - start).toBeGreaterThanOrEqual(24 * HOUR);
  expect(job.finishedAt!.getTime() - start).toBeLessThan(24 * HOUR + 31 * 60_000);
  expect(platform.delivered).toEqual([]);
}, 90_000);

it('a platform back after 20 hours gets the message, once', async () => {
  s = await createScenario({ now: '2026-11-24T08:00:00Z' });
  const start = s.clock.now().getTime();
  const platform = flakyPlatform(() => s.clock.now().getTime() < start + 20 * HOUR);
  s.runtime.chat.addDriver(platform.driver);
  const personId = await queueOne();
  await runThrough(start + 48 * HOUR);
  expect((await s.runtime.jobStore.findByKey('outage:1'))!.status).toBe('done');
  expect(platform.delivered).toEqual([personId]);
}, 90_000);

it('rate limits never count: 30 refusals with Retry-After leave every attempt unused', async () => {
  s = await createScenario({ now: '2026-11-24T08:00:00Z' });
  let refusals = 30;
  const platform = flakyPlatform(
    () => refusals-- > 0,
    () => new TransientDeliveryError('429', 60_000, { rateLimited: true }),
  );
  s.runtime.chat.addDriver(platform.driver);
  await queueOne();
  const { waits } = await runThrough(s.clock.now().getTime() + 48 * HOUR);
  const job = (await s.runtime.jobStore.findByKey('outage:1'))!;
  expect(job.status).toBe('done');
  expect(job.attempts).toBe(1);
  expect(waits.every((w) => w >= 60_000)).toBe(true);
  expect(platform.delivered).toHaveLength(1);
}, 90_000);
