// HTTP receiver for POST /slack/events on the shared express app. Signature verification is
// Bolt's own (HTTPModuleFunctions.parseAndVerifyHTTPRequest); on top of it this receiver
//  - rejects timestamps more than 5 minutes in the future (Bolt only rejects old ones),
//  - answers every malformed or unrecognisable body with a 4xx at once (Bolt would leave it to a
//    3 s timeout), and never lets a bad request reach the listeners;
//  - reads at most `bodyLimit` bytes (default Bolt's 4 MB) before the signature is checked: Bolt's
//    parseAndVerifyHTTPRequest buffers the whole body with no limit unless told one, so any
//    unauthenticated client could make the process hold gigabytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, HTTPResponseAck, type App, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { Router } from 'express';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_S = 5 * 60;

export interface ReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  now?: () => number;
  /** Called whenever a request has been answered (the adapter then resumes post-ack work). */
  onAnswered?: () => void;
  /** Called with the HTTP status of every answered request (for the inbound-requests metric). */
  onStatus?: (status: number) => void;
  /** Largest body read before verification (bytes); Slack's payloads are far below. */
  bodyLimit?: number;
}

/** Events, commands and interactivity payloads Bolt can route; anything else is a 400. */
function recognisable(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const b = body as Record<string, unknown>;
  if (typeof b.command === 'string') return typeof b.team_id === 'string' && typeof b.user_id === 'string';
  if (b.type === 'event_callback') return typeof b.event === 'object' && b.event !== null && typeof (b.event as { type?: unknown }).type === 'string';
  if (b.type === 'block_actions') return Array.isArray(b.actions) && typeof b.user === 'object' && b.user !== null;
  if (b.type === 'view_submission' || b.type === 'view_closed') return typeof b.view === 'object' && b.view !== null && typeof b.user === 'object' && b.user !== null;
  return typeof b.type === 'string';
}

export class SparringReceiver implements Receiver {
  readonly router = Router();
  private bolt: App | undefined;
  private waiting = 0;

  constructor(private readonly options: ReceiverOptions) {
    this.router.post(SLACK_EVENTS_PATH, (req, res) => {
      this.waiting += 1;
      let counted = true;
      const answered = () => {
        if (!counted) return;
        counted = false;
        this.waiting -= 1;
        options.onAnswered?.();
      };
      res.once('finish', () => options.onStatus?.(res.statusCode));
      res.once('finish', answered);
      res.once('close', answered);
      void this.handle(req, res).catch((err: unknown) => {
        options.logger.error('Slack request failed', err);
        if (!res.headersSent) http.buildNoBodyResponse(res, 500);
      });
    });
  }

  /** Requests received and not yet answered (acks still to send). */
  get pending(): number {
    return this.waiting;
  }

  init(app: App): void {
    this.bolt = app;
  }

  // The shared HTTP server belongs to the caller; nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    const now = (this.options.now ?? Date.now)();
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > Math.floor(now / 1000) + MAX_SKEW_S) {
      logger.warn('Slack request rejected: timestamp in the future');
      return http.buildNoBodyResponse(res, 401);
    }

    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest({ signingSecret: this.options.signingSecret, logger, bodyLimit: this.options.bodyLimit ?? http.defaultBodyLimit }, req);
    } catch (err) {
      if (http.isRawBodyError(err)) {
        // The rest of the body is never read: the connection cannot carry another request.
        res.setHeader('Connection', 'close');
        return http.buildNoBodyResponse(res, err.type === 'entity.too.large' ? 413 : 400);
      }
      logger.warn(`Slack request rejected: ${err instanceof Error ? err.message : String(err)}`);
      return http.buildNoBodyResponse(res, 401);
    }

    let body: unknown;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch {
      return http.buildNoBodyResponse(res, 400);
    }
    const b = body as Record<string, unknown> | null;
    if (b && typeof b === 'object' && b.ssl_check) return http.buildSSLCheckResponse(res);
    if (b && typeof b === 'object' && b.type === 'url_verification') return http.buildUrlVerificationResponse(res, b);
    if (!recognisable(body)) return http.buildNoBodyResponse(res, 400);
    if (!this.bolt) return http.buildNoBodyResponse(res, 503);

    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body as Record<string, unknown>,
      httpResponse: res,
    });
    try {
      await this.bolt.processEvent({
        body: body as Record<string, unknown>,
        ack: ack.bind(),
        retryNum: http.extractRetryNumFromHTTPRequest(req),
        retryReason: http.extractRetryReasonFromHTTPRequest(req),
        customProperties: {},
      });
    } catch (error) {
      const acked = await http.defaultProcessEventErrorHandler({ error: error as Error, logger, request: req, response: res, storedResponse: ack.storedResponse });
      if (acked) ack.ack();
    }
  }
}
