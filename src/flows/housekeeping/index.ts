// Housekeeping: keeps the runtime's own tables small and personal data no longer than promised
// (docs/privacy.md). Delivery ids only matter while a platform may still retry (minutes to hours);
// finished jobs are kept for three months for the coordinator's view; failed jobs keep their row but
// lose their payload after a month; reflection texts go SPARRING_RETENTION_MONTHS after the school year.
import type { Flow } from '../../core/flow.js';
import type { ProductFlowFactory } from '../stores.js';
import { DEFAULT_RETENTION_MONTHS, FAILED_JOB_PAYLOAD_DAYS, reflectionRetentionCutoff } from './retention.js';

const DAY = 24 * 3_600_000;
const JOB = 'housekeeping.daily';

export const createHousekeepingFlow: ProductFlowFactory = ({ stores, jobs, clock, logger, config }) => {
  const retentionMonths = config.retentionMonths ?? DEFAULT_RETENTION_MONTHS;
  const schedule = (from: Date) =>
    jobs.schedule({ kind: JOB, payload: {}, runAt: new Date(from.getTime() + DAY), idempotencyKey: `housekeeping:${new Date(from.getTime() + DAY).toISOString().slice(0, 10)}`, messagesStaff: false });

  const flow: Flow = {
    name: 'housekeeping',
    onStart: async () => {
      await schedule(clock.now());
    },
    jobs: {
      [JOB]: async (_payload: unknown, ctx) => {
        const deliveries = await stores.housekeeping.pruneDeliveries(new Date(ctx.now.getTime() - 7 * DAY));
        const finished = await stores.housekeeping.pruneFinishedJobs(new Date(ctx.now.getTime() - 90 * DAY));
        const failedPayloads = await stores.housekeeping.pruneFailedJobPayloads(new Date(ctx.now.getTime() - FAILED_JOB_PAYLOAD_DAYS * DAY));
        const reflectionTexts = await stores.housekeeping.pruneReflectionTexts(reflectionRetentionCutoff(ctx.now, retentionMonths, config.timeZone));
        logger.info({ deliveries, finished, failedPayloads, reflectionTexts }, 'housekeeping pruned old rows');
        await schedule(ctx.now);
      },
    },
  };
  return flow;
};
