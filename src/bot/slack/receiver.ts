// HTTP receiver for POST /slack/events on the shared express app. Signature verification is
// Bolt's own (HTTPModuleFunctions.parseAndVerifyHTTPRequest). The receiver acks itself, before Bolt
// sees the request: every listener acks first thing anyway, so an empty 200 at once is the same
// answer — only a modal's verdict (view_submission) travels in the ack, and for that it waits for
// the listener. The verified request is then handed to `deliver`: Bolt on this thread, or Bolt in
// the Slack work thread (thread/host.ts), so acks never wait behind post-ack work. On top of that
//  - rejects timestamps more than 5 minutes in the future (Bolt only rejects old ones),
//  - answers every malformed or unrecognisable body with a 4xx at once (Bolt would leave it to a
//    3 s timeout), and never lets a bad request reach the listeners;
//  - reads at most `bodyLimit` bytes (default Bolt's 4 MB) before the signature is checked: Bolt's
//    parseAndVerifyHTTPRequest buffers the whole body with no limit unless told one, so any
//    unauthenticated client could make the process hold gigabytes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPModuleFunctions as http, type Logger as BoltLogger } from '@slack/bolt';
import { Router } from 'express';
import { answeredInAck, type Delivery, type DeliverFn } from './deliver.js';

export const SLACK_EVENTS_PATH = '/slack/events';
const MAX_SKEW_S = 5 * 60;
/**
 * A modal's verdict is awaited this long at most; Slack gives up at 3 s. The listener has its own,
 * shorter deadline (views.ts: it then answers by DM); this one guards the hand-over itself, e.g. to
 * a work thread that is busy or restarting.
 */
const ANSWER_DEADLINE_MS = 2_500;

export interface ReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
  /** Where verified requests go (Bolt, here or in the work thread). */
  deliver: DeliverFn;
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

export class SparringReceiver {
  readonly router = Router();
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

    const delivery: Delivery = {
      body: body as Record<string, unknown>,
      retryNum: http.extractRetryNumFromHTTPRequest(req),
      retryReason: http.extractRetryReasonFromHTTPRequest(req),
    };
    if (!answeredInAck(delivery.body)) {
      http.buildContentResponse(res, undefined);
      void this.options.deliver(delivery).catch((err: unknown) => logger.error('Slack delivery failed', err));
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ANSWER_DEADLINE_MS);
    });
    const answer = await Promise.race([this.options.deliver(delivery), late]).catch((err: unknown) => {
      logger.error('Slack delivery failed', err);
      return undefined;
    });
    clearTimeout(timer);
    http.buildContentResponse(res, answer);
  }
}
