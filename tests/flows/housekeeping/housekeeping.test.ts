// Old delivery ids and finished jobs are pruned daily; failed jobs and recent rows stay.
import { afterEach, expect, it } from 'vitest';
import { createHousekeepingFlow } from '../../../src/flows/housekeeping/index.js';
import { createScenario, type Scenario } from '../../support/scenario.js';

let s: Scenario;
afterEach(() => s?.cleanup());

it('prunes delivery ids after a week and finished jobs after three months, every day', async () => {
  s = await createScenario({ now: '2026-11-23T03:00:00Z', flows: [createHousekeepingFlow] });
  const db = s.runtime.db;
  await db.processedDelivery.create({ data: { platform: 'slack', deliveryId: 'old', receivedAt: new Date('2026-11-10T00:00:00Z') } });
  await db.processedDelivery.create({ data: { platform: 'slack', deliveryId: 'recent', receivedAt: new Date('2026-11-22T00:00:00Z') } });
  const job = (key: string, status: string, updatedAt: string) =>
    db.job.create({ data: { kind: 'x', payload: '{}', idempotencyKey: key, dueAt: new Date(updatedAt), requestedAt: new Date(updatedAt), status, updatedAt: new Date(updatedAt) } });
  await job('done-old', 'done', '2026-07-01T00:00:00Z');
  await job('failed-old', 'failed', '2026-07-01T00:00:00Z');
  await job('done-recent', 'done', '2026-11-01T00:00:00Z');

  await s.runtime.dispatcher.startFlows();
  await s.advanceTo('2026-11-24T04:00:00Z', 3_600_000);
  expect((await db.processedDelivery.findMany()).map((d) => d.deliveryId)).toEqual(['recent']);
  const keys = (await db.job.findMany({ where: { kind: 'x' } })).map((j) => j.idempotencyKey).sort();
  expect(keys).toEqual(['done-recent', 'failed-old']);
  // …and tomorrow's run is scheduled.
  expect(await db.job.count({ where: { kind: 'housekeeping.daily', status: 'pending' } })).toBe(1);
});
