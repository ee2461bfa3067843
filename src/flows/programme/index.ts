// The programme flow: the bot drives the feedback windows instead of waiting. Nudges at a window's
// start and a week before it closes (nudges.ts), the learning agents' Monday overview
// (agent-week.ts), both planned daily (plan.ts); and `kapacitet` (capacity.ts), which the booking
// flow enforces. Job kinds and keys in keys.ts.
import type { Flow } from '../../core/flow.js';
import type { ProductFlowFactory } from '../stores.js';
import { agentWeekJob } from './agent-week.js';
import { capacityCommand } from './capacity.js';
import { PROGRAMME_JOBS, type AgentWeekPayload, type WindowJobPayload } from './keys.js';
import { windowJob } from './nudges.js';
import { planProgramme, scheduleNextPlan } from './plan.js';

export const createProgrammeFlow: ProductFlowFactory = (deps) => {
  const flow: Flow = {
    name: 'programme',
    onStart: async () => {
      const now = deps.clock.now();
      await planProgramme(deps, now);
      await scheduleNextPlan(deps, now);
    },
    commands: {
      capacity: (ev, ix) => capacityCommand(deps, ev, ix),
    },
    jobs: {
      [PROGRAMME_JOBS.plan]: async (_p: unknown, ctx) => {
        await planProgramme(deps, ctx.now);
        await scheduleNextPlan(deps, ctx.now);
      },
      [PROGRAMME_JOBS.windowStart]: (p: WindowJobPayload, ctx) => windowJob(deps, 'start', p, ctx.now),
      [PROGRAMME_JOBS.windowReminder]: (p: WindowJobPayload, ctx) => windowJob(deps, 'reminder', p, ctx.now),
      [PROGRAMME_JOBS.agentWeek]: (p: AgentWeekPayload, ctx) => agentWeekJob(deps, p, ctx.now),
    },
  };
  return flow;
};
