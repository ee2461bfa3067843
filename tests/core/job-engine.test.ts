// The job engine against a real SQLite file: quiet hours, catch-up, idempotency, retries, leases.
import { afterEach, describe, expect, it } from 'vitest';
import { PermanentJobError } from '../../src/core/jobs/types.js';
import type { FlowFactory } from '../../src/core/flow.js';
import { TEST_POSTGRES_URL } from '../support/database.js';
import { createScenario as createScenarioFor, type Scenario } from '../support/scenario.js';

const ran: { key: string; at: string; attempt: number }[] = [];
let failuresLeft = 0;
const probeFlow: FlowFactory = () => ({
  name: 'probe',
  jobs: {
    'probe.record': async (payload: { key: string }, ctx) => {
      ran.push({ key: payload.key, at: ctx.now.toISOString(), attempt: ctx.attempt });
    },
    'probe.flaky': async (payload: { key: string }, ctx) => {
      ran.push({ key: payload.key, at: ctx.now.toISOString(), attempt: ctx.attempt });
      if (failuresLeft-- > 0) throw new Error('platform hiccup');
    },
    'probe.permanent': async () => {
      throw new PermanentJobError('user is not reachable');
    },
  },
});

let s: Scenario;
afterEach(async () => {
  ran.length = 0;
  await s?.cleanup();
});

const suite = (provider: 'sqlite' | 'postgresql') => () => {
  const createScenario = (o: Parameters<typeof createScenarioFor>[0]) => createScenarioFor({ ...o, provider });

  it('moves a job due Friday 17:00 to Monday 07:30 and runs it then, once', async () => {
    s = await createScenario({ now: '2026-11-27T12:00:00Z', flows: [probeFlow] }); // Friday 13:00 CET
    await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'a' }, runAt: new Date('2026-11-27T16:00:00Z'), idempotencyKey: 'probe:a' });
    const job = await s.runtime.jobStore.findByKey('probe:a');
    expect(job?.dueAt.toISOString()).toBe('2026-11-30T06:30:00.000Z'); // Monday 07:30 CET
    await s.advanceTo('2026-11-30T06:29:00Z');
    expect(ran).toEqual([]);
    await s.advanceTo('2026-11-30T07:00:00Z');
    expect(ran.map((r) => r.key)).toEqual(['a']);
    await s.advanceTo('2026-12-01T07:00:00Z');
    expect(ran).toHaveLength(1);
  });

  it('runs a job due Thursday before Easter on the Tuesday after Easter Monday', async () => {
    s = await createScenario({ now: '2027-03-24T10:00:00Z', flows: [probeFlow] });
    // 2027: Easter Sunday 28 March; the school Easter holiday covers the week before; Easter Monday 29 March.
    await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'easter' }, runAt: new Date('2027-03-25T15:30:00Z'), idempotencyKey: 'probe:easter' });
    const job = await s.runtime.jobStore.findByKey('probe:easter');
    expect(job?.dueAt.toISOString()).toBe('2027-03-30T05:30:00.000Z'); // Tuesday 07:30 CEST
  });

  it('treats scheduling the same idempotency key twice as a no-op', async () => {
    s = await createScenario({ now: '2026-11-24T09:00:00Z', flows: [probeFlow] });
    const first = await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'x' }, runAt: new Date('2026-11-24T09:00:00Z'), idempotencyKey: 'probe:x' });
    const second = await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'x' }, runAt: new Date('2026-11-24T09:30:00Z'), idempotencyKey: 'probe:x' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false });
    expect(await s.runtime.jobStore.list({ keyPrefix: 'probe:x' })).toHaveLength(1);
    await s.runJobs();
    await s.runJobs();
    expect(ran).toHaveLength(1);
  });

  it('brings a cancelled job back when its key is scheduled again, but never a finished one', async () => {
    s = await createScenario({ now: '2026-11-24T09:00:00Z', flows: [probeFlow] });
    const spec = { kind: 'probe.record', payload: { key: 'again' }, runAt: new Date('2026-11-24T10:00:00Z'), idempotencyKey: 'slot:1:c:karen' };
    await s.runtime.jobs.schedule(spec);
    const first = await s.runtime.jobStore.findByKey(spec.idempotencyKey);
    expect(await s.runtime.jobs.cancel('slot:1:')).toBe(1);
    expect(await s.runtime.jobs.schedule({ ...spec, runAt: new Date('2026-11-24T11:00:00Z') })).toEqual({ created: true });
    expect((await s.runtime.jobStore.findByKey(spec.idempotencyKey))?.id).toBe(first?.id);
    await s.advanceTo('2026-11-24T10:30:00Z');
    expect(ran).toEqual([]);
    await s.advanceTo('2026-11-24T11:30:00Z');
    expect(ran.map((r) => r.key)).toEqual(['again']);
    expect(await s.runtime.jobs.schedule(spec)).toEqual({ created: false });
    await s.advanceTo('2026-11-24T13:00:00Z');
    expect(ran).toHaveLength(1);
  });

  it('cancels by several key prefixes in one call, and nothing outside them', async () => {
    s = await createScenario({ now: '2026-11-24T09:00:00Z', flows: [probeFlow] });
    const keys = ['slot:1:a0:announce', 'slot:1:t0:remind', 'slot:1:a1:announce', 'slot:10:a0:announce', 'slot:1:m0:karen'];
    for (const key of keys) await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key }, runAt: new Date('2026-11-24T10:00:00Z'), idempotencyKey: key });
    expect(await s.runtime.jobs.cancel(['slot:1:a0:', 'slot:1:t0:', 'slot:1:m0:'])).toBe(3);
    expect(await s.runtime.jobs.cancel([])).toBe(0);
    await s.advanceTo('2026-11-24T10:30:00Z');
    expect(ran.map((r) => r.key).sort()).toEqual(['slot:10:a0:announce', 'slot:1:a1:announce']);
  });

  it('catches up after downtime: jobs missed during 3 hours run once when the worker returns', async () => {
    s = await createScenario({ now: '2026-11-24T08:00:00Z', flows: [probeFlow] }); // Tuesday 09:00
    for (let i = 0; i < 6; i++) {
      await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: `m${i}` }, runAt: new Date(Date.parse('2026-11-24T08:00:00Z') + i * 30 * 60_000), idempotencyKey: `probe:m${i}` });
    }
    s.clock.set('2026-11-24T11:00:00Z'); // the process was down from 09:00 to 12:00
    const result = await s.runJobs();
    expect(result.ran).toBe(6);
    expect(new Set(ran.map((r) => r.key)).size).toBe(6);
    expect((await s.runJobs()).ran).toBe(0);
  });

  it('defers a job that became due while staff may not be messaged (caught up at night)', async () => {
    s = await createScenario({ now: '2026-11-24T14:00:00Z', flows: [probeFlow] }); // Tuesday 15:00
    await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'late' }, runAt: new Date('2026-11-24T14:50:00Z'), idempotencyKey: 'probe:late' });
    s.clock.set('2026-11-24T20:00:00Z'); // worker was down; back at 21:00
    expect((await s.runJobs()).deferred).toBe(1);
    expect(ran).toEqual([]);
    expect((await s.runtime.jobStore.findByKey('probe:late'))?.dueAt.toISOString()).toBe('2026-11-25T06:30:00.000Z');
  });

  it('retries with growing delays and ends failed after the limit', async () => {
    s = await createScenario({ now: '2026-11-24T08:00:00Z', flows: [probeFlow] });
    failuresLeft = 100;
    await s.runtime.jobs.schedule({ kind: 'probe.flaky', payload: { key: 'f' }, runAt: s.clock.now(), idempotencyKey: 'probe:f', messagesStaff: false, maxAttempts: 4 });
    await s.advanceTo('2026-11-25T08:00:00Z', 60_000);
    expect(ran.map((r) => r.attempt)).toEqual([1, 2, 3, 4]);
    const gaps = ran.slice(1).map((r, i) => Date.parse(r.at) - Date.parse(ran[i]!.at));
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
    const job = await s.runtime.jobStore.findByKey('probe:f');
    expect(job?.status).toBe('failed');
    expect(job?.lastError).toContain('platform hiccup');
    const metrics = await s.runtime.metrics.registry.metrics();
    expect(metrics).toMatch(/sparring_jobs_failed_total\{kind="probe.flaky"\} 1/);
    expect(metrics).toMatch(/sparring_jobs\{state="failed"\} 1/);
  });

  it('fails a permanent error at once, without retrying', async () => {
    s = await createScenario({ now: '2026-11-24T08:00:00Z', flows: [probeFlow] });
    await s.runtime.jobs.schedule({ kind: 'probe.permanent', payload: {}, runAt: s.clock.now(), idempotencyKey: 'probe:p' });
    const result = await s.runJobs();
    expect(result.failed).toBe(1);
    const job = await s.runtime.jobStore.findByKey('probe:p');
    expect(job).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('picks up a job whose worker crashed once the lease has expired', async () => {
    s = await createScenario({ now: '2026-11-24T08:00:00Z', flows: [probeFlow] });
    await s.runtime.jobs.schedule({ kind: 'probe.record', payload: { key: 'crash' }, runAt: s.clock.now(), idempotencyKey: 'probe:crash' });
    const { id } = (await s.runtime.jobStore.findByKey('probe:crash'))!;
    // Another worker claims it and dies without finishing.
    const claimed = await s.runtime.jobStore.claim(id, 'dead-worker', s.clock.now(), new Date(s.clock.now().getTime() + 5 * 60_000));
    expect(claimed).not.toBeNull();
    expect((await s.runJobs()).ran).toBe(0);
    s.clock.advance(6 * 60_000);
    expect((await s.runJobs()).ran).toBe(1);
    expect(ran.map((r) => r.key)).toEqual(['crash']);
  });
};

describe('job engine (SQLite)', suite('sqlite'));
describe.skipIf(!TEST_POSTGRES_URL)('job engine (PostgreSQL; set SPARRING_TEST_POSTGRES_URL to run)', suite('postgresql'));
