// The one HTTP server: health and metrics here, platform endpoints mounted by the adapters
// (Slack on /slack/events, Teams on /api/messages, the playground on /).
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { RuntimeMetrics } from '../core/metrics.js';

/** What the health and metrics routes read. */
export interface HttpContext {
  ping(): Promise<boolean>;
  jobs: { lastTickAt: Date | null; startedAtTime: Date | null };
  clock: Clock;
  metrics: RuntimeMetrics;
  logger: Logger;
}

export interface HealthState {
  /** Whether this process runs the job worker (SPARRING_WORKER). */
  workerEnabled: boolean;
}

export function createHttpApp(runtime: HttpContext, health: HealthState): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', async (_req, res) => {
    const database = await runtime.ping();
    const lastTick = runtime.jobs.lastTickAt;
    // The worker wakes every minute; three missed wake-ups (or a first tick that never ends) means
    // it is stuck.
    const since = lastTick ?? runtime.jobs.startedAtTime;
    const workerAlive = !health.workerEnabled || (since !== null && runtime.clock.now().getTime() - since.getTime() < 3 * 60_000);
    const ok = database && workerAlive;
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unhealthy',
      database: database ? 'ok' : 'unreachable',
      worker: health.workerEnabled ? (workerAlive ? 'alive' : 'stalled') : 'disabled',
      lastTick: lastTick?.toISOString() ?? null,
    });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', runtime.metrics.registry.contentType);
    res.send(await runtime.metrics.registry.metrics());
  });

  return app;
}

/** Last in the chain: malformed requests get a 4xx and the process stays up. */
export function finishHttpApp(app: Express, runtime: Pick<HttpContext, 'logger'>): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (err as { status?: unknown }).status === 'number' ? (err as { status: number }).status : 500;
    if (status >= 500) runtime.logger.error({ err, path: req.path }, 'request failed');
    if (!res.headersSent) res.status(status).json({ error: status >= 500 ? 'internal error' : 'bad request' });
  });
}

export function listen(app: Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    // Express 5 calls back with the error (e.g. EADDRINUSE) instead of only emitting it.
    const server = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(server)));
  });
}
