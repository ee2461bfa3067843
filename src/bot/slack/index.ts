// The Slack adapter: a Bolt app that translates Slack ⇄ the runtime's neutral commands, actions,
// forms and messages. HTTP mode (the production default) serves POST /slack/events on the shared
// express app; with an app-level token it uses Socket Mode instead (no inbound traffic needed).
// The caller adds `driver` to the chat router, calls start() before listening and stop() on exit.
import { App, SocketModeReceiver, type ReceiverEvent } from '@slack/bolt';
import type { Express } from 'express';
import type { PlatformDriver } from '../../core/chat.js';
import type { Config } from '../../config/index.js';
import type { AdapterContext } from '../../core/adapter.js';
import { boltLogger, clientOptions } from './client.js';
import type { SlackDeps } from './deps.js';
import { SlackDriver } from './driver.js';
import { Pacer, SLACK_LIMITS } from './pacer.js';
import * as actions from './listeners/actions.js';
import * as commands from './listeners/commands.js';
import * as events from './listeners/events.js';
import * as views from './listeners/views.js';
import { SparringReceiver } from './receiver.js';

export interface SlackAdapter {
  driver: PlatformDriver;
  /** Verifies the token (auth.test) and, in Socket Mode, connects. */
  start(): Promise<void>;
  /** Disconnects (Socket Mode) and waits for listeners still running after their ack. */
  stop(): Promise<void>;
  /** Resolves when no listener is running (tests, graceful shutdown). */
  settled(): Promise<void>;
  mode: 'http' | 'socket';
}

/**
 * Bolt's App, keeping the requests it is processing: a listener runs on after its ack (the HTTP
 * receiver has already answered), and stop() and the tests wait for it to end.
 */
class SlackApp extends App {
  private readonly inFlight = new Set<Promise<void>>();

  override processEvent(event: ReceiverEvent): Promise<void> {
    const p = super.processEvent(event);
    const done = () => void this.inFlight.delete(p);
    this.inFlight.add(p);
    p.then(done, done);
    return p;
  }

  /** Resolves once nothing is being processed, including requests that arrive meanwhile. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

export function createSlackAdapter(options: { runtime: AdapterContext; slack: NonNullable<Config['slack']>; app?: Express }): SlackAdapter {
  const { runtime, slack } = options;
  const logger = runtime.logger.child({ platform: 'slack' });
  const blogger = boltLogger(logger);
  const socket = slack.appToken !== undefined;

  let receiver: SparringReceiver | undefined;
  if (!socket) {
    if (!slack.signingSecret) throw new Error('Slack in HTTP mode needs SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    if (!options.app) throw new Error('Slack in HTTP mode needs the HTTP app to mount /slack/events on');
    receiver = new SparringReceiver({
      signingSecret: slack.signingSecret,
      logger: blogger,
      onStatus: (status) => runtime.metrics.inboundRequest('slack', inboundOutcome(status)),
    });
    options.app.use(receiver.router);
  }
  const webOptions = clientOptions(slack.apiUrl);
  // Socket Mode's own Web API client (apps.connections.open with the app token) gets the same
  // options, so SLACK_API_URL applies to it too. Built here rather than by Bolt (`socketMode: true`)
  // so stop() can wait until the socket is really closed: Bolt's stop() does not.
  const socketReceiver = slack.appToken !== undefined ? new SocketModeReceiver({ appToken: slack.appToken, logger: blogger, installerOptions: { clientOptions: webOptions } }) : undefined;

  const bolt = new SlackApp({
    token: slack.botToken,
    receiver: receiver ?? socketReceiver,
    clientOptions: webOptions,
    logger: blogger,
    // auth.test runs in start(), where a bad token is an error the caller can report, not a crash.
    deferInitialization: true,
    convoStore: false,
  });
  bolt.error(async (err) => {
    logger.error({ err }, 'Slack listener failed');
  });

  const driver = new SlackDriver(bolt.client, runtime.directory, logger, new Pacer(SLACK_LIMITS, () => runtime.clock.now().getTime()));
  const deps: SlackDeps = { runtime, client: bolt.client, driver, logger };
  commands.register(bolt, deps);
  actions.register(bolt, deps);
  views.register(bolt, deps);
  events.register(bolt, deps);

  return {
    driver,
    mode: socket ? 'socket' : 'http',
    async start() {
      await bolt.init();
      if (socket) await bolt.start();
    },
    async stop() {
      if (socketReceiver) {
        // Resolves once the close handshake is done (or the client gave up on it after 30 s).
        const closed = new Promise<void>((resolve) => socketReceiver.client.once('disconnected', () => resolve()));
        await bolt.stop().then(
          () => closed,
          (err: unknown) => logger.warn({ err }, 'Socket Mode stop failed'),
        );
      }
      await bolt.settled();
    },
    settled: () => bolt.settled(),
  };
}

/** The outcome label of an answered Slack request, as the Teams route counts them too. */
function inboundOutcome(status: number): 'ok' | 'unauthorized' | 'rejected' | 'error' {
  if (status < 400) return 'ok';
  if (status === 401) return 'unauthorized';
  return status < 500 ? 'rejected' : 'error';
}
