// stores.transaction: a state change, the jobs it schedules and the messages it queues commit — or
// roll back — as one, on SQLite and PostgreSQL; a query that bypasses the open transaction is refused
// at once (SQLite would otherwise wait for it forever); and work due now wakes a started worker.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../src/bot/memory/driver.js';
import type { FlowFactory } from '../../src/core/flow.js';
import { plain } from '../../src/core/i18n/text.js';
import { text } from '../../src/core/messages.js';
import type { FlowStores } from '../../src/flows/stores.js';
import { TEST_POSTGRES_URL } from '../support/database.js';
import { createScenario, type Scenario } from '../support/scenario.js';

let s: Scenario;
afterEach(async () => {
  await s?.runtime.jobs.stop();
  await s?.cleanup();
});

const noop: FlowFactory<FlowStores> = () => ({ name: 'noop', jobs: { 'noop.job': async () => undefined } });

async function world(provider: 'sqlite' | 'postgresql') {
  // The worker's own heartbeat only once a year: in these tests, work runs when a test says so or
  // when scheduling it woke the worker.
  s = await createScenario({ now: '2026-11-24T09:00:00Z', flows: [noop], provider, jobOptions: { heartbeat: '0 0 1 1 *' } });
  const teacher = await s.person({ name: 'Tina Thomsen', roles: [['teacher', 'Holmegårdsskolen']] });
  const schoolId = await s.school('Holmegårdsskolen');
  return { teacher, schoolId };
}

/** A slot, a job and a message in one transaction, which then fails (or not). */
async function decide(teacherId: string, schoolId: string, fail: boolean) {
  const { stores, clock } = s.runtime;
  await stores.transaction(async (tx) => {
    const slot = await tx.booking.createSlot({ schoolId, teacherId, createdById: teacherId, courseId: null, startsAt: new Date('2026-11-26T08:00:00Z'), endsAt: new Date('2026-11-26T08:45:00Z'), classGroup: '5.b', subject: 'dansk', room: null, focus: null });
    await tx.jobs.schedule({ kind: 'noop.job', payload: { slotId: slot.id }, runAt: clock.now(), idempotencyKey: `uow:${slot.id}` });
    await tx.chat.sendToPerson(teacherId, () => ({ summary: 'Hej', blocks: [text(plain('Lektionen er tilbudt.'))] }), { key: `uow:${slot.id}:told` });
    if (fail) throw new Error('the decision failed half-way');
  });
}

const suite = (provider: 'sqlite' | 'postgresql') => () => {
  it('rolls back the change, its jobs and its messages together', async () => {
    const { teacher, schoolId } = await world(provider);
    await expect(decide(teacher.personId, schoolId, true)).rejects.toThrow('half-way');
    expect(await s.runtime.db.slot.count()).toBe(0);
    expect(await s.runtime.db.job.count({ where: { idempotencyKey: { startsWith: 'uow:' } } })).toBe(0);
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(0);

    await decide(teacher.personId, schoolId, false);
    expect(await s.runtime.db.slot.count()).toBe(1);
    expect(await s.runtime.db.job.count({ where: { idempotencyKey: { startsWith: 'uow:' } } })).toBe(2);
    await s.runJobs();
    expect(s.chat.toPerson(teacher.personId).map((m) => messageText(m.message))).toEqual([expect.stringContaining('Lektionen er tilbudt.')]);
  });

  it('queues a message once however often it is asked for with the same key', async () => {
    const { teacher } = await world(provider);
    for (let i = 0; i < 3; i++) {
      await s.runtime.stores.transaction((tx) => tx.chat.sendToPerson(teacher.personId, () => ({ summary: 'Én gang', blocks: [] }), { key: 'uow:once' }));
      await s.runJobs();
    }
    expect(s.chat.toPerson(teacher.personId)).toHaveLength(1);
  });
};

describe('unit of work (SQLite)', () => {
  suite('sqlite')();

  it('refuses a query that bypasses the open transaction, at once, instead of waiting for it', async () => {
    const { teacher } = await world('sqlite');
    const started = Date.now();
    const err = await s.runtime.stores
      .transaction(async () => {
        await s.runtime.stores.booking.slot('bypass'); // the plain store, not tx.booking
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'StatementOutsideTransactionError' });
    // Not by the transaction's timeout (30 s): the refusal is immediate.
    expect(Date.now() - started).toBeLessThan(15_000);
    // The database is usable afterwards.
    expect(await s.runtime.directory.person(teacher.personId)).toMatchObject({ name: 'Tina Thomsen' });
  });

  it('a started worker sends a message queued now without waiting for its next minute', async () => {
    const { teacher } = await world('sqlite');
    // The heartbeat is yearly here (see world()), so only the wake-up after the commit can deliver
    // this within the deadline below.
    s.runtime.jobs.start('Europe/Copenhagen');
    await waitFor(async () => (await s.runtime.jobStore.counts(s.clock.now())).due === 0);
    await s.runtime.stores.transaction((tx) => tx.chat.sendToPerson(teacher.personId, () => ({ summary: 'Straks', blocks: [] }), { key: 'uow:now' }));
    await waitFor(() => s.chat.toPerson(teacher.personId).length === 1, 5_000);
    expect(s.chat.toPerson(teacher.personId)[0]!.message.summary).toBe('Straks');
  });
});

describe.skipIf(!TEST_POSTGRES_URL)('unit of work (PostgreSQL; set SPARRING_TEST_POSTGRES_URL to run)', suite('postgresql'));

async function waitFor(ok: () => boolean | Promise<boolean>, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('condition not met before the deadline');
    await new Promise((r) => setTimeout(r, 20));
  }
}
