// Post-ack work gives way to requests still waiting for their ack — but never for longer than
// maxDeferMs, so a steady flood cannot starve it.
import { expect, it } from 'vitest';
import { WorkTracker } from '../../../src/bot/slack/work.js';
import { silentLogger } from '../../../src/core/logger.js';

it('runs work at once when no ack is waiting, defers it while one is, and stops deferring after maxDeferMs', async () => {
  let pressure = false;
  const work = new WorkTracker(silentLogger, 8, () => pressure, 60);
  const started: string[] = [];
  const job = (name: string) => async () => {
    started.push(name);
  };

  await work.run('a', job('a'));
  expect(started).toEqual(['a']);

  pressure = true;
  const t0 = Date.now();
  const b = work.run('b', job('b'));
  await new Promise((r) => setTimeout(r, 20));
  expect(started).toEqual(['a']); // an ack is waiting: b waits
  await b; // still under pressure, but b has waited long enough
  expect(started).toEqual(['a', 'b']);
  expect(Date.now() - t0).toBeGreaterThanOrEqual(55);

  const c = work.run('c', job('c'));
  pressure = false;
  work.pump(); // the ack went out
  await c;
  expect(started).toEqual(['a', 'b', 'c']);
  await work.settled();
});
