// The runtime the Slack work thread builds in tests (see HarnessOptions.thread): test flows instead
// of the product's, on the test's database file, on the test's own manual clock (shared memory, so
// the test moves one clock for both threads). Loaded by the thread through tsx, not by vitest.
import type { Config } from '../../../src/config/index.js';
import { ManualClock, systemClock } from '../../../src/core/clock.js';
import { createBookingFlowWith } from '../../../src/flows/booking/index.js';
import { plain } from '../../../src/core/i18n/text.js';
import { text } from '../../../src/core/messages.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { OpenThreadRuntime } from '../../../src/bot/slack/thread/runtime.js';
import { createRuntime, type FlowFactory } from '../../../src/runtime.js';
import { openServerDatabase } from '../../../src/store/client.js';
import { probe } from './probe-flow.js';

/** Clicking "relay.tell" messages the person in the button's value, on whatever platform they use. */
const relay: FlowFactory = (deps) => ({
  name: 'relay',
  actions: {
    'relay.tell': async (ev, ix) => {
      await deps.chat.sendToPerson(ev.value ?? '', () => ({ summary: 'Hej fra Slack', blocks: [text(plain(`Hej fra ${ev.actor.personId}`))] }), { key: `relay:${ev.value}` });
      await ix.respond(() => ({ summary: 'Sendt', blocks: [text(plain('Sendt'))] }));
    },
    'relay.crash': async () => {
      // A thread that dies mid-request (out of memory, a native crash) is started again.
      process.exit(3);
    },
  },
});

/** Which flows the thread runs: the probe (and relay) flows, or the product's booking flow as booking.test.ts sets it up. */
export type ThreadFlows = 'probe' | 'booking';
export interface ThreadRuntimeData {
  clock?: SharedArrayBuffer;
  flows?: ThreadFlows;
  /** Fail to open with this message (a database the thread cannot reach). */
  fail?: string;
}

export const BOOKING_OPTIONS = { publicUrl: 'https://sparring.test', calendarSecret: 'test-secret' };

export const openThreadRuntime: OpenThreadRuntime = async (config: Config, data?: unknown) => {
  const { clock, flows, fail } = (data ?? {}) as ThreadRuntimeData;
  if (fail) throw new Error(fail);
  const db = await openServerDatabase(config.database);
  const runtime = await createRuntime({
    config,
    db,
    clock: clock ? new ManualClock(clock) : systemClock,
    logger: silentLogger,
    flows: flows === 'booking' ? [createBookingFlowWith(BOOKING_OPTIONS)] : [probe().flow, relay],
    owner: 'slack-thread-test',
  });
  return { runtime, close: () => db.$disconnect() };
};
