// The runtime the Slack work thread builds in tests (see HarnessOptions.thread): the test flows
// instead of the product's, on the test's database file, with the real clock (a thread cannot
// share the test's manual clock). Loaded by the thread through tsx, not by vitest.
import type { Config } from '../../../src/config/index.js';
import { systemClock } from '../../../src/core/clock.js';
import { plain } from '../../../src/core/i18n/text.js';
import { text } from '../../../src/core/messages.js';
import { silentLogger } from '../../../src/core/logger.js';
import type { OpenThreadRuntime } from '../../../src/bot/slack/thread/runtime.js';
import { createRuntime, type FlowFactory } from '../../../src/runtime.js';
import { openDatabase, tuneConnection } from '../../../src/store/client.js';
import { probe } from './probe-flow.js';

/** Clicking "relay.tell" messages the person in the button's value, on whatever platform they use. */
const relay: FlowFactory = (deps) => ({
  name: 'relay',
  actions: {
    'relay.tell': async (ev, ix) => {
      const sent = await deps.chat.sendToPerson(ev.value ?? '', () => ({ summary: 'Hej fra Slack', blocks: [text(plain(`Hej fra ${ev.actor.personId}`))] }));
      await ix.respond(() => ({ summary: sent ? 'Sendt' : 'Ikke sendt', blocks: [text(plain(sent ? `Sendt via ${sent.platform}` : 'Ikke sendt'))] }));
    },
    'relay.crash': async () => {
      // A thread that dies mid-request (out of memory, a native crash) is started again.
      process.exit(3);
    },
  },
});

export const openThreadRuntime: OpenThreadRuntime = async (config: Config) => {
  const db = openDatabase(config.database);
  await tuneConnection(db, config.database);
  const runtime = await createRuntime({ config, db, clock: systemClock, logger: silentLogger, flows: [probe().flow, relay], owner: 'slack-thread-test' });
  return { runtime, close: () => db.$disconnect() };
};
