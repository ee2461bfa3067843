// What both fault suites (Slack and Teams) put in the queue before they start the server, and how
// they read it back: the weekly digest of Herlufsholm Skole (week 48, one delivery per leader), and
// the deliveries' jobs. Quiet hours are tested in tests/core and tests/flows; CI runs at any hour, so
// the queued deliveries are marked as not waiting for working hours.
import type { ManualClock } from '../../src/core/clock.js';
import type { Scenario } from '../support/scenario.js';

/** Monday 30 November 2026, 08:00 in Copenhagen: the digest of week 48 is due. */
export const MONDAY = '2026-11-30T07:00:00Z';

/** The digest flow's own job, run in the test at Monday 08:00: it queues one delivery per leader. */
export async function queueDigest(s: Scenario, school = 'Herlufsholm Skole'): Promise<void> {
  const schoolId = await s.school(school);
  const digest = s.runtime.flows.find((f) => f.name === 'digest')!;
  const clock = s.clock as ManualClock;
  await digest.jobs!['digest.weekly']!({ schoolId, isoYear: 2026, isoWeek: 48 }, {
    jobId: 'test',
    kind: 'digest.weekly',
    attempt: 1,
    idempotencyKey: `digest:${schoolId}:2026-W48`,
    now: clock.now(),
    unfinishedAttemptSince: null,
    markAttemptStarted: async () => undefined,
  });
  await dueNowAtAnyHour(s);
}

/** Every queued delivery due now, whatever the hour. */
export async function dueNowAtAnyHour(s: Scenario): Promise<void> {
  await s.runtime.db.job.updateMany({ where: { kind: 'chat.deliver' }, data: { messagesStaff: false, dueAt: new Date() } });
}

export function deliveries(s: Scenario) {
  return s.runtime.db.job.findMany({ where: { kind: 'chat.deliver' } });
}

export async function allDelivered(s: Scenario): Promise<boolean> {
  const jobs = await deliveries(s);
  return jobs.length > 0 && jobs.every((j) => j.status === 'done');
}
