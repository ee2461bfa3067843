// The Slack work thread: Bolt, our listeners and a runtime of its own, fed by the main thread's
// HTTP receiver over a MessagePort. Handlers are registered before anything else so no request
// that arrives during start-up is dropped; they wait until the runtime is ready.
import { setPriority } from 'node:os';
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

// Acks come first: when both threads want the CPU, this one waits. On Linux the nice value is per
// thread, so this lowers only the work thread; elsewhere it may lower the process or be refused.
if (process.platform === 'linux') {
  try {
    setPriority(10);
  } catch {
    // not allowed here (some containers); the work thread then shares the CPU equally
  }
}

const port = parentPort!;
const data = workerData as WorkThreadData;
const rpc = new Rpc(port);

async function open(): Promise<{ adapter: SlackAdapter; thread: ThreadRuntime }> {
  const { openThreadRuntime } = (await import(data.runtimeModule)) as { openThreadRuntime: OpenThreadRuntime };
  const thread = await openThreadRuntime(data.config, data.runtimeData);
  const { runtime } = thread;
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
