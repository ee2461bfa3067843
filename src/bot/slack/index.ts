// The Slack adapter: a Bolt app that translates Slack ⇄ the runtime's neutral commands, actions,
// forms and messages. HTTP mode (the production default) serves POST /slack/events on the shared
// express app; with an app-level token it uses Socket Mode instead (no inbound traffic needed).
// In HTTP mode with `thread`, the listeners run in the Slack work thread (thread/) and this thread
// only verifies and acks; `handedIn` is that thread's side (requests arrive through `deliver`).
// The caller adds `driver` to the chat router, calls start() before listening and stop() on exit.
import { App, SocketModeReceiver } from '@slack/bolt';
import type { Express } from 'express';
import type { PlatformDriver } from '../../core/chat.js';
import type { Config } from '../../config/index.js';
import type { Runtime } from '../../runtime.js';
import { boltLogger, clientOptions } from './client.js';
import { DoubleClickGuard } from '../double-click.js';
import type { SlackDeps } from './deps.js';
import { SlackDriver } from './driver.js';
import { SlackIdentities } from './identity.js';
import * as actions from './listeners/actions.js';
import * as commands from './listeners/commands.js';
import * as events from './listeners/events.js';
import * as views from './listeners/views.js';
import { boltDeliverer, HandedInReceiver, type DeliverFn } from './deliver.js';
import { SparringReceiver } from './receiver.js';
import { SlackWorkThread } from './thread/host.js';
import { WorkTracker } from './work.js';

export interface SlackAdapter {
  driver: PlatformDriver;
  /** Verifies the token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /** Disconnects (Socket Mode) and waits for work still running after an ack. */
  stop(): Promise<void>;
  /** Resolves when no post-ack work is in flight (tests, graceful shutdown). */
  settled(): Promise<void>;
  /** False while the Slack work thread is down (restarting); /healthz reports it. */
  healthy(): boolean;
  /** Hands a verified request on to the listeners, wherever they run (see deliver.ts); the work thread feeds its own adapter through it. */
  deliver: DeliverFn;
  mode: 'http' | 'socket' | 'thread';
}

export interface SlackAdapterOptions {
  runtime: Runtime;
  slack: NonNullable<Config['slack']>;
  /** HTTP mode: the express app to mount /slack/events on. */
  app?: Express;
  /** HTTP mode: run listeners and post-ack work in the Slack work thread (thread/host.ts). */
  thread?: { config: Config; runtimeModule?: string; runtimeData?: unknown };
  /** Inside the work thread: nothing is mounted; requests arrive through `deliver`. */
  handedIn?: boolean;
}

export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { runtime, slack } = options;
  const logger = runtime.logger.child({ platform: 'slack' });
  const blogger = boltLogger(logger);
  const socket = slack.appToken !== undefined && !options.handedIn;
  const thread =
    options.thread && !socket && !options.handedIn
      ? new SlackWorkThread({ ...options.thread, logger, driverFor: (platform) => runtime.chat.driverFor(platform) })
      : undefined;
  if (thread) runtime.metrics.addRemote(() => thread.metrics());

  let receiver: SparringReceiver | undefined;
  // Post-ack work yields to requests still waiting for their ack (see work.ts).
  const work = new WorkTracker(logger, 8, () => (receiver?.pending ?? 0) > 0);
  const webOptions = clientOptions(slack.apiUrl);
  // Socket Mode's own Web API client (apps.connections.open with the app token) gets the same
  // options, so SLACK_API_URL applies to it too. Built here rather than by Bolt (`socketMode: true`)
  // so stop() can wait until the socket is really closed: Bolt's stop() does not.
  const socketReceiver = socket && slack.appToken ? new SocketModeReceiver({ appToken: slack.appToken, logger: blogger, installerOptions: { clientOptions: webOptions } }) : undefined;

  const bolt = new App({
    token: slack.botToken,
    receiver: socketReceiver ?? new HandedInReceiver(),
    clientOptions: webOptions,
    logger: blogger,
    // auth.test runs in start(), where a bad token is an error the caller can report, not a crash.
    deferInitialization: true,
    convoStore: false,
  });
  bolt.error(async (err) => {
    logger.error({ err }, 'Slack listener failed');
  });

  const driver = new SlackDriver(bolt.client, runtime.directory, logger);
  // With a work thread the listeners run there; this Bolt app only lends its client to the driver.
  if (!thread) {
    const deps: SlackDeps = { runtime, client: bolt.client, driver, identities: new SlackIdentities(runtime, bolt.client), work, clicks: new DoubleClickGuard(), logger };
    commands.register(bolt, deps);
    actions.register(bolt, deps);
    views.register(bolt, deps);
    events.register(bolt, deps);
  }
  const deliver = thread ? thread.deliver : boltDeliverer(bolt, logger);

  if (!socket && !options.handedIn) {
    if (!slack.signingSecret) throw new Error('Slack in HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    if (!options.app) throw new Error('Slack in HTTP mode needs the HTTP app to mount /slack/events on');
    receiver = new SparringReceiver({
      signingSecret: slack.signingSecret,
      logger: blogger,
      deliver,
      onAnswered: () => work.pump(),
      onStatus: (status) => runtime.metrics.inboundRequest('slack', inboundOutcome(status)),
    });
    options.app.use(receiver.router);
  }

  return {
    driver,
    mode: socket ? 'socket' : thread ? 'thread' : 'http',
    healthy: () => thread?.running ?? true,
    deliver,
    async start() {
      await bolt.init();
      if (socket) await bolt.start();
      if (thread) await thread.start();
    },
    async stop() {
      if (thread) await thread.stop();
      if (socketReceiver) {
        // Resolves once the close handshake is done (or the client gave up on it after 30 s).
        const closed = new Promise<void>((resolve) => socketReceiver.client.once('disconnected', () => resolve()));
        await bolt.stop().then(
          () => closed,
          (err: unknown) => logger.warn({ err }, 'Socket Mode stop failed'),
        );
      }
      await work.settled();
    },
    settled: async () => {
      await thread?.settled();
      await work.settled();
    },
  };
}

/** The outcome label of an answered Slack request, as the Teams route counts them too. */
function inboundOutcome(status: number): 'ok' | 'unauthorized' | 'rejected' | 'error' {
  if (status < 400) return 'ok';
  if (status === 401) return 'unauthorized';
  return status < 500 ? 'rejected' : 'error';
}
