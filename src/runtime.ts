// The composition root: builds the runtime (store repositories, outbox, chat router, job engine,
// flows, dispatcher) from a database, a clock and the configuration. Adapters and the CLI receive the
// result; tests build one per scenario with a manual clock.
import { randomBytes, randomUUID } from 'node:crypto';
import { ChatRouter } from './core/chat-router.js';
import type { ChatPort } from './core/chat.js';
import type { Clock } from './core/clock.js';
import { deliveryHandler } from './core/delivery.js';
import type { AdapterContext } from './core/adapter.js';
import { Dispatcher } from './core/dispatcher.js';
import { InboundPipeline } from './core/inbound.js';
import type { Flow, FlowConfig, FlowDeps, FlowFactory, Tx, UnitOfWork } from './core/flow.js';
import { JobEngine, type BoundScheduler } from './core/jobs/engine.js';
import type { Logger } from './core/logger.js';
import { RuntimeMetrics } from './core/metrics.js';
import { DELIVER_JOB, Outbox } from './core/outbox.js';
import { calendarSettings, nextMessageableMoment } from './domain/calendar/index.js';
import type { CalendarFilesDeps } from './flows/booking/index.js';
import type { PersonalDataFilesDeps } from './flows/privacy/link.js';
import type { FlowStores } from './flows/stores.js';
import { pingDatabase, type Db, type DbClient } from './store/client.js';
import { ConversationRepository } from './store/conversation-repository.js';
import { CopyRepository } from './store/copy-repository.js';
import { DirectoryRepository } from './store/directory-repository.js';
import { InboundRepository } from './store/inbound-repository.js';
import { createFlowStores } from './store/index.js';
import { JobRepository } from './store/job-repository.js';
import { MunicipalityRepository } from './store/municipality-repository.js';
import { SettingRepository } from './store/setting-repository.js';
import { inTransaction } from './store/unit-of-work.js';

export type { FlowDeps, FlowFactory } from './core/flow.js';
export type RuntimeConfig = FlowConfig;

export interface Runtime {
  config: FlowConfig;
  clock: Clock;
  logger: Logger;
  /** The Prisma client, for the composition root and tests; adapters and flows use the ports. */
  db: Db;
  /** Whether the database answers (health check). */
  ping(): Promise<boolean>;
  directory: DirectoryRepository;
  calendar: FlowDeps['calendar'];
  secrets: FlowDeps['secrets'];
  /** Sends now, through the platforms' drivers; adapters add theirs here. Flows use `outbox`. */
  chat: ChatRouter;
  /** The ChatPort flows get: queues each message as a delivery job. */
  outbox: ChatPort;
  stores: FlowStores & UnitOfWork<FlowStores>;
  jobs: JobEngine;
  jobStore: JobRepository;
  inbound: InboundRepository;
  municipalities: MunicipalityRepository;
  dispatcher: Dispatcher;
  metrics: RuntimeMetrics;
  flows: Flow[];
  /** The narrow part adapters are given (src/core/adapter.ts). */
  adapter: AdapterContext;
  /** What the calendar route serves invitations from (src/bot/calendar-route.ts). */
  calendarFiles: CalendarFilesDeps;
  /** What the personal-data route serves a person's own export from (src/bot/personal-data-route.ts). */
  personalDataFiles: PersonalDataFilesDeps;
}

export interface RuntimeOptions {
  config: FlowConfig;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Which flows to run; the default is every flow of the product (see src/flows/index.ts). */
  flows?: FlowFactory<FlowStores>[];
  /** Worker identity for job leases. */
  owner?: string;
  jobOptions?: Partial<ConstructorParameters<typeof JobEngine>[0]>;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, db, clock, logger } = options;
  const metrics = new RuntimeMetrics();
  const municipalities = new MunicipalityRepository(db, calendarSettings({ timeZone: config.timeZone }), clock);
  const calendar = (municipalityId: string | null) => municipalities.calendarSettings(municipalityId);
  const quietHoursFor = (m: MunicipalityRepository) => async (at: Date, municipalityId: string | null) => nextMessageableMoment(at, await m.calendarSettings(municipalityId));
  const jobStore = new JobRepository(db);
  const chat = new ChatRouter(new DirectoryRepository(db), clock, logger, metrics);
  const jobs = new JobEngine({
    store: jobStore,
    clock,
    owner: options.owner ?? `worker-${process.pid}-${randomUUID().slice(0, 8)}`,
    logger,
    metrics,
    nextMessageableMoment: quietHoursFor(municipalities),
    ...options.jobOptions,
  });
  metrics.watchJobs(jobStore, clock);

  /** The ports bound to one client: the database itself, or one transaction of it. */
  const portsFor = (client: DbClient, scheduler: BoundScheduler | JobEngine) => {
    const directory = new DirectoryRepository(client);
    const outbox = new Outbox({ directory, jobs: scheduler, copies: new CopyRepository(client), clock, platforms: () => chat.platforms() });
    return { stores: createFlowStores(client), directory, jobs: scheduler, chat: outbox, conversations: new ConversationRepository(client) };
  };
  const base = portsFor(db, jobs);
  const stores: FlowStores & UnitOfWork<FlowStores> = {
    ...base.stores,
    async transaction<T>(work: (tx: Tx<FlowStores>) => Promise<T>): Promise<T> {
      let scheduler: BoundScheduler | undefined;
      const result = await inTransaction(db, (client) => {
        scheduler = jobs.scheduler(new JobRepository(client), quietHoursFor(municipalities.withClient(client)));
        const p = portsFor(client, scheduler);
        return work({ ...p.stores, directory: p.directory, jobs: p.jobs, chat: p.chat, conversations: p.conversations });
      });
      // Committed: what is due now (a confirmation) goes out without waiting for the next minute.
      if (scheduler?.dueNow) jobs.wake();
      return result;
    },
  };

  const secrets = { links: await new SettingRepository(db).getOrCreate('link-secret', () => randomBytes(32).toString('hex')) };
  const deps: FlowDeps<FlowStores> = { clock, logger, config, calendar, directory: base.directory, stores, jobs, chat: base.chat, conversations: base.conversations, secrets };
  const factories = options.flows ?? (await import('./flows/index.js')).allFlows;
  const flows = factories.map((create) => create(deps));
  const inbound = new InboundRepository(db);
  const dispatcher = new Dispatcher(flows, { directory: base.directory, conversations: base.conversations, logger, metrics });
  const pipeline = new InboundPipeline({
    directory: base.directory,
    seen: inbound,
    clock,
    logger,
    defaultMunicipality: config.defaultMunicipality,
    locale: config.locale,
    notOnRoster: (municipalityId) => dispatcher.notOnRoster(municipalityId),
  });
  const adapter: AdapterContext = { dispatcher, inbound: pipeline, directory: base.directory, config, logger, metrics, clock };
  jobs.register(DELIVER_JOB, deliveryHandler({ router: chat, renderers: dispatcher.allRenderers(), copies: new CopyRepository(db), jobs, logger }));
  for (const [kind, handler] of dispatcher.allJobs()) jobs.register(kind, handler);

  return {
    config,
    clock,
    logger,
    db,
    ping: () => pingDatabase(db),
    directory: base.directory,
    calendar,
    secrets,
    chat,
    outbox: base.chat,
    stores,
    jobs,
    jobStore,
    inbound,
    municipalities,
    dispatcher,
    metrics,
    flows,
    adapter,
    calendarFiles: {
      store: base.stores.booking,
      timeZoneOf: async (municipalityId) => (await calendar(municipalityId)).timeZone,
      localeOf: async (personId) => (await base.directory.person(personId))?.locale ?? config.locale,
      now: () => clock.now(),
      secret: secrets.links,
    },
    personalDataFiles: { store: base.stores.privacy, secret: secrets.links, now: () => clock.now() },
  };
}
