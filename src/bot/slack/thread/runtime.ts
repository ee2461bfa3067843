// The Slack work thread's own runtime: the same flows, repositories and chat router as the main
// thread, on its own database connection (SQLite in WAL mode takes readers and one writer from
// several connections; PostgreSQL gets a pool per thread). It runs no job worker: the main thread
// does, and picks up the jobs this thread schedules exactly as another instance's.
import type { Config } from '../../../config/index.js';
import { systemClock } from '../../../core/clock.js';
import { createLogger } from '../../../core/logger.js';
import { createRuntime, type Runtime } from '../../../runtime.js';
import { openServerDatabase } from '../../../store/client.js';

export interface ThreadRuntime {
  runtime: Runtime;
  close(): Promise<void>;
}

/**
 * What a runtime module exports; tests name their own module to run test flows in the thread, and
 * hand it `data` (structured-cloned; a SharedArrayBuffer stays shared, e.g. a test's clock).
 */
export type OpenThreadRuntime = (config: Config, data?: unknown) => Promise<ThreadRuntime>;

export const openThreadRuntime: OpenThreadRuntime = async (config) => {
  const db = await openServerDatabase(config.database);
  const logger = createLogger(config.logLevel).child({ thread: 'slack' });
  const runtime = await createRuntime({ config, db, clock: systemClock, logger });
  return { runtime, close: () => db.$disconnect() };
};
