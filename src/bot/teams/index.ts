// The Microsoft Teams adapter: a teams-ai (v1) Application on botbuilder's CloudAdapter, served on
// POST /api/messages of the shared express app. Teams AI v1 is legacy (v2 needs Node ≥ 22.12), so
// every Teams type stays inside src/bot/teams — the rest of the code sees a PlatformDriver.
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import { CallerIdConstants, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../../config/index.js';
import type { PlatformDriver } from '../../core/chat.js';
import type { AdapterContext } from '../../core/adapter.js';
import { withoutClientRetries } from './connector.js';
import { DEFAULT_SERVICE_URL, TeamsDriver, TeamsEndpoints, type ConnectorSource } from './driver.js';
import { registerListeners } from './listeners.js';
import { shareSigningKeyFetches, SigningKeysUnavailable, signingKeyUrls, sparringAuthConfiguration } from './auth.js';

export interface TeamsAdapterOptions {
  runtime: AdapterContext;
  teams: NonNullable<Config['teams']>;
  env: Config['env'];
  app: Express;
  /** Where proactive messages go before any activity told us the tenant's regional service URL. */
  defaultServiceUrl?: string;
  /** After the signing keys could not be fetched, wait this long before trying again (default 30 s). */
  signingKeysRetryMs?: number;
  /** Largest request body accepted; Teams activities are far below. */
  maxBodyBytes?: number;
  /** How long a delivery waits for the connector's answer (default 10 s, unanswered.ts); tests shorten it. */
  answerWaitMs?: number;
}

export interface TeamsAdapterHandle {
  driver: PlatformDriver;
  stop(): Promise<void>;
}

/**
 * Exposes botbuilder's activity processing so the route, not botbuilder, decides every HTTP status;
 * and gives the driver connector clients made the way botbuilder makes them for a proactive turn
 * (the bot's credentials for that service URL), minus the client's own retries (connector.ts).
 */
class SparringTeamsAdapter extends TeamsAdapter implements ConnectorSource {
  constructor(
    private readonly appId: string,
    ...options: ConstructorParameters<typeof TeamsAdapter>
  ) {
    super(...options);
  }

  /**
   * Authenticates the request, then runs the turn with a connector client without botbuilder's own
   * retries: a reply within the turn is sent at most once too; a refusal reaches the flow's
   * interaction, which queues the answer as a delivery (core/answer-later.ts).
   */
  async handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const auth = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    const inner = auth.connectorFactory;
    return this.processActivity(inner ? { ...auth, connectorFactory: new NoRetryConnectorFactory(inner) } : auth, activity, logic);
  }

  async connector(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const factory = this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(this.appId));
    return withoutClientRetries(await factory.create(serviceUrl, audience));
  }
}

/** botbuilder's connector factory for a turn, handing out clients without their own retries. */
class NoRetryConnectorFactory extends ConnectorFactory {
  constructor(private readonly inner: ConnectorFactory) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return withoutClientRetries(await this.inner.create(serviceUrl, audience));
  }
}

export function createTeamsAdapter(options: TeamsAdapterOptions): TeamsAdapterHandle & { driver: TeamsDriver } {
  const { runtime, teams, env, app } = options;
  const appId = teams.appId ?? '';
  // Config already refuses this; fail closed here too, since an empty app id turns authentication off.
  if (appId === '' && env === 'production') {
    throw new Error('Teams: MicrosoftAppId and MicrosoftAppPassword must be set in production — without them Teams requests are not authenticated');
  }
  if (teams.openIdMetadataUrl?.startsWith('http://') && env === 'production') {
    throw new Error('Teams: ToBotFromChannelOpenIdMetadataUrl must be an https URL in production');
  }
  if (appId === '') runtime.logger.warn('Teams authentication is OFF (MicrosoftAppId is empty): for local development and tests only');

  const adapter = new SparringTeamsAdapter(
    appId,
    {
      MicrosoftAppId: appId,
      MicrosoftAppPassword: teams.appPassword ?? '',
      MicrosoftAppType: teams.appType,
      MicrosoftAppTenantId: teams.tenantId ?? '',
      ...(teams.openIdMetadataUrl || teams.tokenIssuer ? publicCloudWith(teams) : {}),
    },
    undefined,
    sparringAuthConfiguration(),
  );
  if (appId !== '') for (const url of signingKeyUrls(teams.openIdMetadataUrl)) shareSigningKeyFetches(url, options.signingKeysRetryMs ?? 30_000);
  const application = new Application({
    adapter,
    botAppId: appId,
    // The typing timer is per Application, not per turn: with concurrent turns it misbehaves.
    startTypingTimer: false,
    removeRecipientMention: true,
    longRunningMessages: false,
  });
  application.error(async (context, err) => {
    // botbuilder swallows turn errors (Teams still gets 200): make them visible.
    runtime.logger.error({ err, activityType: context.activity?.type }, 'Teams turn failed');
    runtime.metrics.turnError('teams');
  });

  const endpoints = new TeamsEndpoints(options.defaultServiceUrl ?? DEFAULT_SERVICE_URL);
  const driver = new TeamsDriver({ adapter, appId, configuredTenantId: teams.tenantId, directory: runtime.directory, endpoints, logger: runtime.logger, answerWaitMs: options.answerWaitMs });
  registerListeners(application, { runtime, driver, endpoints });

  const inFlight = new Set<Promise<unknown>>();
  let stopping = false;

  const router = express.Router();
  router.post(
    '/api/messages',
    (req: Request, res: Response, next: NextFunction) => {
      if (stopping) return void res.status(503).json({ error: 'shutting down' });
      if (!req.is('application/json')) {
        runtime.metrics.inboundRequest('teams', 'rejected');
        return void res.status(415).json({ error: 'expected application/json' });
      }
      next();
    },
    express.json({ limit: options.maxBodyBytes ?? 256 * 1024, strict: true }),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      if (problem) {
        runtime.metrics.inboundRequest('teams', 'rejected');
        return void res.status(400).json({ error: problem });
      }
      const activity = fixActivity(req.body as Activity);
      const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
      const work = adapter.handle(auth, activity, (context) => application.run(context).then(() => undefined));
      inFlight.add(work);
      try {
        const invoke = await work;
        runtime.metrics.inboundRequest('teams', 'ok');
        res.status(invoke?.status ?? 200);
        if (invoke?.body !== undefined) res.json(invoke.body);
        else res.end();
      } catch (err) {
        if (err instanceof SigningKeysUnavailable) {
          // Nothing can be checked now: say so (Teams retries), rather than 401 a genuine request or crash with 500.
          runtime.metrics.inboundRequest('teams', 'unavailable');
          runtime.logger.warn({ url: err.url, reason: err.message }, 'Teams request not checked: signing keys unavailable (ToBotFromChannelOpenIdMetadataUrl)');
          res.set('Retry-After', String(Math.max(1, err.retryAfterSeconds)));
          return void res.status(503).json({ error: 'signing keys unavailable' });
        }
        if (isAuthError(err)) {
          runtime.metrics.inboundRequest('teams', 'unauthorized');
          runtime.logger.warn({ reason: (err as Error).message }, 'Teams request unauthorized');
          return void res.status(401).json({ error: 'unauthorized' });
        }
        runtime.metrics.inboundRequest('teams', 'error');
        runtime.metrics.turnError('teams');
        runtime.logger.error({ err }, 'Teams request failed');
        if (!res.headersSent) res.status(500).json({ error: 'internal error' });
      } finally {
        inFlight.delete(work);
      }
    },
  );
  // Body-parser errors (bad JSON 400, too large 413, bad charset 415) stay 4xx and stay here.
  router.use('/api/messages', (err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (err as { status?: unknown }).status;
    if (typeof status !== 'number' || status < 400 || status >= 500) return next(err);
    runtime.metrics.inboundRequest('teams', 'rejected');
    res.status(status).json({ error: 'bad request' });
  });
  app.use(router);

  return {
    driver,
    async stop() {
      stopping = true;
      await Promise.allSettled([...inFlight]);
    },
  };
}

/**
 * botbuilder's public-cloud settings with the channel's key metadata URL and/or token issuer replaced
 * (ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer — e.g. a local token service).
 * Setting any one of these settings makes botbuilder use the given ones only — no defaults for the
 * rest — so the metadata URL alone left the token issuer unset: every token, even a correctly signed
 * one, was dropped as "No valid identity" before a key was fetched.
 */
function publicCloudWith(teams: { openIdMetadataUrl?: string; tokenIssuer?: string }): Record<string, string | boolean> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: teams.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: teams.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/** Why a parsed body cannot be an activity, or null. botbuilder itself would throw outside any handler. */
export function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'body must be a JSON object';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type.trim() === '') return 'activity has no type';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//.test(a.serviceUrl)) return 'activity has no serviceUrl';
  for (const key of ['from', 'recipient', 'conversation'] as const) {
    if (a[key] !== undefined && (typeof a[key] !== 'object' || a[key] === null)) return `activity.${key} must be an object`;
  }
  if (!a.conversation || typeof (a.conversation as { id?: unknown }).id !== 'string') return 'activity has no conversation id';
  return null;
}

/** What botbuilder's validateAndFixActivity does: dates arrive as strings. */
function fixActivity(a: Activity): Activity {
  const raw = a as unknown as Record<string, unknown>;
  for (const key of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    if (typeof raw[key] === 'string') {
      raw[`raw${key[0]!.toUpperCase()}${key.slice(1)}`] = raw[key];
      raw[key] = new Date(raw[key] as string);
    }
  }
  return a;
}

/** botbuilder throws AuthenticationError, and lets jsonwebtoken's errors (bad signature …) through. */
function isAuthError(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  const status = (err as { statusCode?: unknown })?.statusCode;
  return (
    name === 'AuthenticationError' ||
    name === 'JsonWebTokenError' ||
    name === 'TokenExpiredError' ||
    name === 'NotBeforeError' ||
    (err instanceof Error && err.constructor.name === 'AuthenticationError') ||
    status === 401
  );
}
