// HTTP receiver for POST /slack/events on the shared express app, and Bolt's receiver in HTTP mode.
// Signature verification is Bolt's own (HTTPModuleFunctions.parseAndVerifyHTTPRequest). The
// receiver acks itself, before Bolt sees the request: every listener acks first thing anyway, so an
// empty 200 at once is the same answer — only a modal's verdict (view_submission) travels in the
// ack, and for that it waits for the listener, within a deadline. The verified request is then
// handed to Bolt's processEvent on this thread. On top of that it
//  - rejects timestamps more than 5 minutes in the future (Bolt only rejects old ones),
//  - answers every malformed or unrecognisable body with a 4xx at once (Bolt would leave it to a
//    3 s timeout), and never lets a bad request reach the listeners;
//  - reads at most `bodyLimit` bytes (default Bolt's 4 MB) before the signature is checked: Bolt's
//    parseAndVerifyHTTPRequest buffers the whole body with no limit unless told one, so any
//    unauthenticated client could make the process hold gigabytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, type App, type Logger as BoltLogger, type Receiver } from '@slack/bolt';
import { Router } from 'express';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_S = 5 * 60;
/**
 * A modal's verdict is awaited this long at most; Slack gives up at 3 s. The listener has its own,
 * shorter deadline (views.ts: it then answers by DM); this one answers for a listener that never
 * acks (none registered, or one that failed before its ack).
 */
const ANSWER_DEADLINE_MS = 2_500;

/** What the ack carries: nothing (an empty 200), a text, or JSON such as `{ response_action: 'errors' }`. */
type AckBody = Record<string, unknown> | string | undefined;

/** Payloads whose ack carries the answer (a modal's verdict, options for a select); all others are acked at once. */
function answeredInAck(body: Record<string, unknown>): boolean {
  return body.type === 'view_submission' || body.type === 'block_suggestion';
}

export interface ReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
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

  constructor(private readonly options: ReceiverOptions) {
    this.router.post(SLACK_EVENTS_PATH, (req, res) => {
      res.once('finish', () => options.onStatus?.(res.statusCode));
      void this.handle(req, res).catch((err: unknown) => {
        options.logger.error('Slack request failed', err);
        if (!res.headersSent) http.buildNoBodyResponse(res, 500);
      });
    });
  }

  init(app: App): void {
    this.bolt = app;
  }

  // The shared HTTP server belongs to the caller; nothing to start or stop here.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts > Math.floor(Date.now() / 1000) + MAX_SKEW_S) {
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

    const event = { body: body as Record<string, unknown>, retryNum: http.extractRetryNumFromHTTPRequest(req), retryReason: http.extractRetryReasonFromHTTPRequest(req), customProperties: {} };
    if (!answeredInAck(event.body)) {
      http.buildContentResponse(res, undefined);
      // Bolt's errorHandler (index.ts) logs listener failures; this only catches Bolt's own.
      void this.bolt.processEvent({ ...event, ack: async () => undefined }).catch((err: unknown) => logger.error('Slack request failed', err));
      return;
    }
    // The listener's ack() carries the verdict; it comes before the listener ends (or not at all).
    const answer = await new Promise<AckBody>((resolve) => {
      const timer = setTimeout(() => resolve(undefined), ANSWER_DEADLINE_MS);
      const done = (response?: AckBody) => {
        clearTimeout(timer);
        resolve(response);
      };
      this.bolt!.processEvent({ ...event, ack: async (response?: unknown) => done(response as AckBody) }).then(
        () => done(),
        (err: unknown) => {
          logger.error('Slack request failed', err);
          done();
        },
      );
    });
    http.buildContentResponse(res, answer);
  }
}
