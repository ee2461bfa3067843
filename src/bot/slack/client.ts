// Web API client settings and error translation. Interactive paths must never wait for a rate
// limit: a 429 is rejected at once (rejectRateLimitedCalls) and becomes a TransientDeliveryError
// carrying Retry-After, which the job engine honours when it retries the job.
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { webApi } from '@slack/bolt';
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';
import type { Logger } from '../../core/logger.js';

export function clientOptions(apiUrl: string | undefined): webApi.WebClientOptions {
  return {
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
    // Method names only: a payload can never steer the bot's token to another host.
    allowAbsoluteUrls: false,
    rejectRateLimitedCalls: true,
    // The default is ten retries over ~30 minutes; two quick retries cover network blips.
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000, randomize: true },
    timeout: 10_000,
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
    return new TransientDeliveryError(`Slack rate limit (retry after ${seconds} s)`, seconds * 1000);
  }
  const code = slackErrorCode(err);
  if (code && PERMANENT_ERRORS.has(code)) return new PermanentDeliveryError(code, `Slack: ${code}`);
  if (e?.code === 'slack_webapi_request_error' || e?.code === 'slack_webapi_http_error') {
    return new TransientDeliveryError(`Slack unreachable: ${e.message ?? 'request failed'}`);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** Bolt and the Web API client log through the project's pino logger. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = 'info' as LogLevel;
  const text = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    debug: (...msg) => child.debug(text(msg)),
    info: (...msg) => child.info(text(msg)),
    warn: (...msg) => child.warn(text(msg)),
    error: (...msg) => child.error(text(msg)),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
