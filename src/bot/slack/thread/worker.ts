// The Slack work thread: Bolt, our listeners and a runtime of its own, fed by the main thread's
// HTTP receiver over a MessagePort. Handlers are registered before anything else so no request
// that arrives during start-up is dropped; they wait until the runtime is ready.
import { parentPort, workerData } from 'node:worker_threads';
import type { Config } from '../../../config/index.js';
import type { Delivery } from '../deliver.js';
import { createSlackAdapter, type SlackAdapter } from '../index.js';
import { lowerThreadPriority } from './priority.js';
import { RemoteDriver } from './remote-driver.js';
import { Rpc } from './rpc.js';
import type { OpenThreadRuntime, ThreadRuntime } from './runtime.js';

export interface WorkThreadData {
  config: Config;
  /** URL of a module exporting `openThreadRuntime`. */
  runtimeModule: string;
  /** Passed to that module (tests). */
  runtimeData?: unknown;
}

const port = parentPort!;
const data = workerData as WorkThreadData;
const rpc = new Rpc(port);

async function open(): Promise<{ adapter: SlackAdapter; thread: ThreadRuntime }> {
  const { openThreadRuntime } = (await import(data.runtimeModule)) as { openThreadRuntime: OpenThreadRuntime };
  const thread = await openThreadRuntime(data.config, data.runtimeData);
  const { runtime } = thread;
  // As on the main thread (cli/serve.ts): a promise nobody awaited must not end the thread.
  process.on('unhandledRejection', (err) => {
    runtime.logger.error({ err }, 'unhandled promise rejection in the Slack work thread');
    runtime.metrics.turnError('slack');
  });
  const priority = await lowerThreadPriority(runtime.logger);
  runtime.logger.debug({ priority }, 'Slack work thread started');
  for (const platform of data.config.platforms) if (platform !== 'slack') runtime.chat.addDriver(new RemoteDriver(platform, rpc));
  const adapter = createSlackAdapter({ runtime, slack: data.config.slack!, handedIn: true });
  runtime.chat.addDriver(adapter.driver);
  await adapter.start();
  return { adapter, thread };
}

const ready = open();
// A failed start is reported once, below; the handlers then never run.
ready.catch(() => undefined);

rpc.handle('deliver', async (delivery: Delivery) => (await ready).adapter.deliver(delivery));
rpc.handle('settled', async () => (await ready).adapter.settled());
rpc.handle('metrics', async () => (await ready).thread.runtime.metrics.snapshot());
rpc.handle('stop', async () => {
  const { adapter, thread } = await ready;
  await adapter.stop();
  await thread.close();
});

ready.then(
  () => port.postMessage({ ready: true }),
  (err: unknown) => port.postMessage({ failed: err instanceof Error ? err.message : String(err) }),
);
