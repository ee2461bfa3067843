// The composition root: builds the runtime (store repositories, chat router, job engine, flows,
// dispatcher) from a database, a clock and the configuration. Adapters and the CLI receive the
// result; tests build one per scenario with a manual clock.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Config } from './config/index.js';
import { ChatRouter } from './core/chat-router.js';
import type { Clock } from './core/clock.js';
import { Dispatcher } from './core/dispatcher.js';
import type { Flow } from './core/flow.js';
import { JobEngine } from './core/jobs/engine.js';
import type { Logger } from './core/logger.js';
import { RuntimeMetrics } from './core/metrics.js';
import { calendarSettings, nextMessageableMoment, type CalendarSettings } from './domain/calendar/index.js';
import type { FlowStores } from './flows/stores.js';
import { pingDatabase, type Db } from './store/client.js';
import { createFlowStores } from './store/index.js';
import { DeliveryRepository } from './store/delivery-repository.js';
import { DirectoryRepository } from './store/directory-repository.js';
import { JobRepository } from './store/job-repository.js';
import { MunicipalityRepository } from './store/municipality-repository.js';
import { SettingRepository } from './store/setting-repository.js';

export type RuntimeConfig = Pick<Config, 'timeZone' | 'locale' | 'defaultMunicipality'> & { http?: Partial<Config['http']> };

/** What every flow may use. Flows take the parts they need; none of it is platform-specific. */
export interface FlowDeps {
  chat: ChatRouter;
  jobs: Pick<JobEngine, 'schedule' | 'cancel'>;
  clock: Clock;
  directory: DirectoryRepository;
  calendar: (municipalityId: string | null) => Promise<CalendarSettings>;
  logger: Logger;
  stores: FlowStores;
  config: RuntimeConfig;
  /** Signs links the bot hands out (calendar files); shared by every instance via the database. */
  secrets: { links: string };
}

export type FlowFactory = (deps: FlowDeps) => Flow;

export interface Runtime extends Omit<FlowDeps, 'jobs'> {
  /** The Prisma client, for the composition root and tests; adapters and flows use the ports. */
  db: Db;
  /** Whether the database answers (health check). */
  ping(): Promise<boolean>;
  jobs: JobEngine;
  jobStore: JobRepository;
  deliveries: DeliveryRepository;
  municipalities: MunicipalityRepository;
  dispatcher: Dispatcher;
  metrics: RuntimeMetrics;
  flows: Flow[];
}

export interface RuntimeOptions {
  config: RuntimeConfig;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Which flows to run; the default is every flow of the product (see src/flows/index.ts). */
  flows?: FlowFactory[];
  /** Worker identity for job leases. */
  owner?: string;
  jobOptions?: Partial<ConstructorParameters<typeof JobEngine>[0]>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, db, clock, logger } = options;
  const metrics = new RuntimeMetrics();
  const directory = new DirectoryRepository(db);
  const fallback = calendarSettings({ timeZone: config.timeZone });
  const municipalities = new MunicipalityRepository(db, fallback);
  const calendar = (municipalityId: string | null) => municipalities.calendarSettings(municipalityId);
  const jobStore = new JobRepository(db);
  const deliveries = new DeliveryRepository(db);
  const chat = new ChatRouter(directory, clock, logger, metrics);
  const jobs = new JobEngine({
    store: jobStore,
    clock,
    owner: options.owner ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`,
    logger,
    metrics,
    nextMessageableMoment: async (at, municipalityId) => nextMessageableMoment(at, await calendar(municipalityId)),
    ...options.jobOptions,
  });
  metrics.watchJobs(jobStore, clock);

  const secrets = { links: await new SettingRepository(db).getOrCreate('link-secret', () => randomBytes(32).toString('hex')) };
  const deps: FlowDeps = { chat, jobs, clock, directory, calendar, logger, stores: createFlowStores(db), config, secrets };
  const factories = options.flows ?? (await import('./flows/index.js')).allFlows;
  const flows = factories.map((create) => create(deps));
  const dispatcher = new Dispatcher(flows, { directory, deliveries, logger, metrics });
  for (const [kind, handler] of dispatcher.allJobs()) jobs.register(kind, handler);

  return { ...deps, db, ping: () => pingDatabase(db), jobs, jobStore, deliveries, municipalities, dispatcher, metrics, flows };
}
