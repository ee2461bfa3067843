// `sparring serve` (what `npm start` runs): migrate the database, build the runtime, mount the
// enabled platform adapters on one HTTP server, start the job worker, and shut down cleanly.
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { isLoopbackHost, type Config } from '../config/index.js';
import { isSettable, OffsetClock, systemClock, type Clock } from '../core/clock.js';
import { timeControl, type TimeControl } from '../core/jobs/time-travel.js';
import { createLogger, type Logger } from '../core/logger.js';
import { mountCalendarRoute } from '../bot/calendar-route.js';
import { mountPersonalDataRoute } from '../bot/personal-data-route.js';
import { createHttpApp, finishHttpApp, listen } from '../bot/http.js';
import { mountPrivacyPages } from '../bot/privacy/index.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { openServerDatabase, prepareSqlite } from '../store/client.js';
import { applyPendingMigrations } from '../store/migrate.js';
import { PlaygroundMessageRepository } from '../store/playground-message-repository.js';
import { SettingRepository } from '../store/setting-repository.js';
import { EX_USAGE } from './args.js';
import type { CommandContext } from './context.js';
import type { DemoOutcome } from '../demo/load.js';
import { cliTexts, serveUsage } from './texts.js';

export interface RunningServer {
  runtime: Runtime;
  server: Server;
  url: string;
  /** With `demo`: whether the example data was loaded (null: not without the playground alone). */
  demo?: DemoOutcome | null;
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Load the example data into an empty database (playground only): `npm start -- --demo`. */
  demo?: boolean;
}

/** Starts everything; used by `sparring serve` and by end-to-end tests. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  if (config.database.provider === 'sqlite' && !existsSync('data')) mkdirSync('data', { recursive: true });
  const { applied } = await applyPendingMigrations(config.database);
  if (applied.length > 0) logger.info({ applied }, 'applied database migrations');
  await prepareSqlite(config.database);

  const db = await openServerDatabase(config.database);
  // From here on, the configuration as it runs.
  config = withLocalPublicUrl(config);
  // The playground alone runs on a clock it may move forward (its time control); with a real
  // platform configured time is the system's, always.
  const clock = options.clock ?? (playgroundOnly(config) ? new OffsetClock(systemClock, await playgroundOffset(db)) : systemClock);
  const runtime = await createRuntime({ config, db, clock, logger, jobOptions: config.jobs });

  const app = createHttpApp(runtime, { workerEnabled: config.worker.enabled });
  const stops: (() => Promise<void>)[] = [];
  const started: Started = {};
  mountCalendarRoute(app, runtime.calendarFiles);
  mountPersonalDataRoute(app, runtime.personalDataFiles);
  mountPrivacyPages(app, config.locale, config.retentionMonths);
  try {
    await mountPlatforms(config, runtime, app, stops, options, started);
  } catch (err) {
    for (const stop of stops) await stop().catch(() => undefined);
    await db.$disconnect();
    throw err;
  }
  finishHttpApp(app, runtime);

  // The worker is running before the server answers, so /healthz is right from the first request.
  if (config.worker.enabled) {
    await runtime.dispatcher.startFlows();
    runtime.jobs.start(config.timeZone);
  }
  let server: Server;
  try {
    server = await listen(app, config.http.host, config.http.port);
  } catch (err) {
    await runtime.jobs.stop();
    for (const stop of stops) await stop().catch(() => undefined);
    await db.$disconnect();
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StartupError('http', new Error(`port ${config.http.port} on ${config.http.host} is already in use`));
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host}:${port}`;
  logger.info({ url, platforms: config.platforms, database: config.database.provider, worker: config.worker.enabled }, 'Sparring is running');

  let stopped = false;
  return {
    runtime,
    server,
    url,
    ...(options.demo ? { demo: started.demo ?? null } : {}),
    async stop() {
      if (stopped) return;
      stopped = true;
      await runtime.jobs.stop();
      for (const stop of stops) await stop().catch((err) => logger.warn({ err }, 'adapter stop failed'));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await db.$disconnect();
    },
  };
}

/** Only the local playground is configured: nobody on Slack or Teams can be messaged at a moved time. */
export function playgroundOnly(config: Config): boolean {
  return config.platforms.length > 0 && config.platforms.every((p) => p === 'local');
}

/** The playground's time control, when time may be moved: playground only, on a settable clock. */
function timeControlFor(config: Config, runtime: Runtime): TimeControl | undefined {
  if (!playgroundOnly(config) || !isSettable(runtime.clock)) return undefined;
  const time = timeControl(runtime.jobs, runtime.clock);
  const clock = runtime.clock;
  if (!(clock instanceof OffsetClock)) return time;
  // The playground's time is kept over a restart: what ran "on Thursday" stays in the past.
  const keep = async <T>(moved: T) => (await new SettingRepository(runtime.db).set(PLAYGROUND_OFFSET, String(clock.offsetMs)), moved);
  return { ...time, travelTo: async (to) => keep(await time.travelTo(to)), jumpToNextEvent: async () => keep(await time.jumpToNextEvent()) };
}

const PLAYGROUND_OFFSET = 'playground-clock-offset-ms';

/** How far the playground's clock was moved ahead before the last restart (0 the first time). */
async function playgroundOffset(db: Runtime['db']): Promise<number> {
  const kept = Number(await new SettingRepository(db).get(PLAYGROUND_OFFSET));
  return Number.isFinite(kept) && kept > 0 ? kept : 0;
}

/** The playground alone runs on this machine, so its links may point here; real platforms need SPARRING_PUBLIC_URL. */
function withLocalPublicUrl(config: Config): Config {
  if (config.http.publicUrl || config.platforms.some((p) => p !== 'local') || config.http.port === 0) return config;
  const host = config.http.host === '0.0.0.0' ? '127.0.0.1' : config.http.host;
  return { ...config, http: { ...config.http, publicUrl: `http://${host}:${config.http.port}` } };
}

async function mountPlatforms(config: Config, runtime: Runtime, app: import('express').Express, stops: (() => Promise<void>)[], options: StartOptions, started: Started): Promise<void> {
  // Adapters are imported lazily so a deployment only loads the SDKs it uses.
  for (const platform of config.platforms) {
    const mount = platformMounts[platform];
    try {
      const stop = await mount(config, runtime, app, options, started);
      if (stop) stops.push(stop);
    } catch (err) {
      throw new StartupError(platform, err);
    }
  }
}

/** A platform could not be started; the message says which settings to check. */
export class StartupError extends Error {
  constructor(
    readonly platform: string,
    cause: unknown,
  ) {
    const reason = (cause as { data?: { error?: string } })?.data?.error ?? (cause instanceof Error ? cause.message : String(cause));
    const check: Record<string, string> = {
      slack: 'Check SLACK_BOT_TOKEN (and SLACK_APP_TOKEN for Socket Mode), and that Slack — or SLACK_API_URL — can be reached from this server.',
      teams: 'Check MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType and MicrosoftAppTenantId.',
      local: 'The local playground could not start. It has no login: set HOST to 127.0.0.1 (or leave it unset), or leave local out of SPARRING_PLATFORMS.',
      http: 'Set PORT (and HOST) to a free address, or stop the other program using it.',
    };
    super(`Sparring cannot start ${platform}: ${reason}\n${check[platform] ?? ''}`, { cause });
    this.name = 'StartupError';
  }
}

/** Mounts one platform; returns how to stop it, if it needs stopping. */
type Mount = (config: Config, runtime: Runtime, app: import('express').Express, options: StartOptions, started: Started) => Promise<(() => Promise<void>) | void>;

/** What mounting did beyond the routes: the example data's outcome, when asked for (null: not available). */
interface Started {
  demo?: DemoOutcome | null;
}

const platformMounts: Record<Config['platforms'][number], Mount> = {
  slack: async (config, runtime, app) => {
    const { createSlackAdapter } = await import('../bot/slack/index.js');
    const adapter = createSlackAdapter({ runtime: runtime.adapter, slack: config.slack!, app });
    runtime.chat.addDriver(adapter.driver);
    await adapter.start();
    return () => adapter.stop();
  },
  teams: async (config, runtime, app) => {
    const { createTeamsAdapter } = await import('../bot/teams/index.js');
    const adapter = createTeamsAdapter({ runtime: runtime.adapter, teams: config.teams!, env: config.env, app });
    runtime.chat.addDriver(adapter.driver);
    return () => adapter.stop();
  },
  local: async (config, runtime, app, options, started) => {
    // No login, so never on an address another machine can reach (loadConfig refuses such a HOST too).
    if (!isLoopbackHost(config.http.host)) throw new Error(`it only listens on this machine, and HOST is "${config.http.host}"`);
    const { createPlayground } = await import('../bot/local/index.js');
    // Example data and time travel only where nobody real can be messaged: the playground alone.
    const alone = playgroundOnly(config);
    const demo = alone ? async (peopleReady: () => Promise<void>) => (await import('../demo/load.js')).loadDemo(runtime, peopleReady) : undefined;
    const chatLog = new PlaygroundMessageRepository(runtime.db);
    const playground = await createPlayground({ runtime: { ...runtime.adapter, jobs: runtime.jobs, chatLog, time: timeControlFor(config, runtime), demo }, app });
    runtime.chat.addDriver(playground.driver);
    if (options.demo) started.demo = await playground.loadDemo();
  },
};

export const serve = async (ctx: CommandContext): Promise<number> => {
  const locale = ctx.config.locale;
  const demo = ctx.args.length === 1 && ctx.args[0] === '--demo';
  if (ctx.args.length > 0 && !demo) {
    ctx.stderr.write(`${cliTexts.plain(locale, 'serveArguments', { args: ctx.args.join(' ') })}\n\n${serveUsage(locale)}`);
    return EX_USAGE;
  }
  let running: RunningServer;
  try {
    running = await startServer(ctx.config, { demo });
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    ctx.stderr.write(`${err.message}\n`);
    return 1;
  }
  // Last resort: a promise nobody awaited must not take the whole bot down; log and count it.
  process.on('unhandledRejection', (err) => {
    running.runtime.logger.error({ err }, 'unhandled promise rejection');
    running.runtime.metrics.turnError('process');
  });
  if (demo) {
    const outcome = running.demo;
    const said = !outcome ? cliTexts.plain(locale, 'demoNotPlayground') : outcome.loaded ? cliTexts.plain(locale, 'demoLoaded', { people: outcome.people, courses: outcome.courses, held: outcome.held, offered: outcome.offered }) : cliTexts.plain(locale, 'demoNotEmpty');
    ctx.stdout.write(`${said}\n`);
  }
  if (ctx.config.platforms.includes('local')) {
    ctx.stdout.write(`\nSparring is running. Open the playground: ${running.url}/\n\n`);
  }
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  await running.stop();
  return 0;
};
