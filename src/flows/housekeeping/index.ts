// Housekeeping: keeps the runtime's own tables small. Delivery ids only matter while a platform may
// still retry (minutes to hours); finished jobs are kept for three months for the coordinator's view.
import type { Flow } from '../../core/flow.js';
import type { ProductFlowFactory } from '../stores.js';

const DAY = 24 * 3_600_000;
const JOB = 'housekeeping.daily';

export const createHousekeepingFlow: ProductFlowFactory = ({ stores, jobs, clock, logger }) => {
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
        logger.info({ deliveries, finished }, 'housekeeping pruned old rows');
        await schedule(ctx.now);
      },
    },
  };
  return flow;
};
