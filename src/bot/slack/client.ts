// Web API client settings and error translation. The client never retries by itself: a retry of a
// call that timed out could post a message twice, under the job engine's own retry. The job engine
// owns retries: a 429 is rejected at once (rejectRateLimitedCalls) and becomes a
// TransientDeliveryError carrying Retry-After, which the engine (and the pacer, pacer.ts) honours.
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';
import type { Logger } from '../../core/logger.js';

/** How long one Web API call may take; the job lease must be longer (config: SPARRING_JOB_LEASE_SECONDS). */
export const SLACK_TIMEOUT_MS = 10_000;

export function clientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // Method names only: a payload can never steer the bot's token to another host.
    allowAbsoluteUrls: false,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: SLACK_TIMEOUT_MS,
  };
}

/** Errors that retrying will not fix: the router marks the person or channel unreachable. */
export const PERMANENT_ERRORS = new Set([
  'channel_not_found',
  'not_in_channel',
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'is_archived',
  'cannot_dm_bot',
  'user_is_restricted',
]);

interface SlackErrorShape {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
  message?: string;
}

/** The Slack error code ("channel_not_found", …) of a Web API failure, if it has one. */
export function slackErrorCode(err: unknown): string | undefined {
  return (err as SlackErrorShape | undefined)?.data?.error;
}

/** Maps a Web API failure to the runtime's delivery errors. */
export function toDeliveryError(err: unknown): Error {
  const e = err as SlackErrorShape;
  if (e?.code === 'slack_webapi_rate_limited_error') {
    const seconds = typeof e.retryAfter === 'number' && e.retryAfter > 0 ? e.retryAfter : 1;
    return new TransientDeliveryError(`Slack rate limit (retry after ${seconds} s)`, seconds * 1000, { rateLimited: true });
  }
  const code = slackErrorCode(err);
  if (code && PERMANENT_ERRORS.has(code)) return new PermanentDeliveryError(code, `Slack: ${code}`);
  // Slack answered "ok: false": it refused the call, so nothing was posted.
  if (code) return new TransientDeliveryError(`Slack: ${code}`, undefined, { notSent: true });
  // A timeout, a dropped connection or a 5xx: Slack may have posted the message all the same.
  if (e?.code === 'slack_webapi_request_error' || e?.code === 'slack_webapi_http_error') {
    return new TransientDeliveryError(`Slack unreachable: ${e.message ?? 'request failed'}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The SDKs' log lines that carry a payload after these words: Web API request and response bodies
 * (message texts, e-mail addresses from users.info), Socket Mode envelopes (what people typed, form
 * answers) and ack bodies. Only the words are logged; the Web API's `apiCall('<method>') start`
 * line still says which method was called.
 */
const PAYLOAD_LINES = [
  'http request body:', // @slack/web-api
  'http request result:',
  'Received a message on the WebSocket:', // @slack/socket-mode
  'Sending a WebSocket message:',
  'Unable to parse an incoming WebSocket message',
  'Calling ack()',
  'ack() call begins', // Bolt's receivers
  'ack() response stored',
  'ack() response sent',
];

/** One SDK log line, without anything that could carry a payload. */
function logLine(args: unknown[]): string {
  const first = typeof args[0] === 'string' ? args[0] : '';
  const payload = PAYLOAD_LINES.find((words) => first.startsWith(words));
  if (payload) return `${payload} (not logged: may hold private text)`;
  // Bolt's developer mode logs whole request bodies as JSON; Sparring never turns it on.
  if (first.startsWith('{')) return '(request body not logged)';
  // Strings and error messages as they are; objects (bodies, arguments) only by their kind.
  return args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : typeof a === 'object' && a !== null ? '[object]' : String(a))).join(' ');
}

/**
 * Bolt, the Web API client and the Socket Mode client log through the project's pino logger, at
 * every level without request bodies, message texts or e-mail addresses (see PAYLOAD_LINES).
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = 'info' as LogLevel;
  return {
    debug: (...msg) => child.debug(logLine(msg)),
    info: (...msg) => child.info(logLine(msg)),
    warn: (...msg) => child.warn(logLine(msg)),
    error: (...msg) => child.error(logLine(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
