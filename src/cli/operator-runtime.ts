// The flows' dependencies for an operators' command (digest, report) run next to the server: the same
// database and flows, no platform adapters. Messages it decides are queued in the jobs table, and the
// running server's worker delivers them (within a minute). Reachability is judged by the platforms
// the configuration enables, as the server does.
import type { Config } from '../config/index.js';
import type { ChatPort } from '../core/chat.js';
import { systemClock, type Clock } from '../core/clock.js';
import { silentLogger } from '../core/logger.js';
import type { ProductDeps } from '../flows/stores.js';
import { createRuntime } from '../runtime.js';
import { openDatabase, type Db } from '../store/client.js';

export interface OperatorRuntime {
  deps: ProductDeps;
  close(): Promise<void>;
}

export async function operatorRuntime(config: Config, opts: { db?: Db; clock?: Clock } = {}): Promise<OperatorRuntime> {
  const db = opts.db ?? (await openDatabase(config.database));
  const runtime = await createRuntime({ config, db, clock: opts.clock ?? systemClock, logger: silentLogger });
  const outbox = runtime.flowDeps.chat;
  const chat: ChatPort = Object.assign(Object.create(outbox) as ChatPort, { platforms: () => [...config.platforms] });
  return {
    deps: { ...runtime.flowDeps, chat },
    close: async () => {
      if (!opts.db) await db.$disconnect();
    },
  };
}
