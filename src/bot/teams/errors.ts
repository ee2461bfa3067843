// Connector errors → the runtime's delivery errors. Measured with botbuilder 4.23.3 against the fake
// connector: a RestError carries statusCode and, from Teams' error body, code (e.g.
// "BotNotInConversationRoster"); 403/412 are not retried by the client; 429 is retried 3 times
// honouring Retry-After, 5xx 3 times with exponential back-off (≈5 s in all).
import { PermanentDeliveryError, TransientDeliveryError } from '../../core/chat.js';

interface RestErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } };
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function retryAfterMs(err: RestErrorLike, now = Date.now()): number | undefined {
  const raw = err.response?.headers?.get?.('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** Jitter keeps many retried sends from hitting Teams at the same moment. */
function withJitter(ms: number): number {
  return Math.round(ms + Math.random() * Math.max(1000, ms * 0.2));
}

export function classifyConnectorError(err: unknown): unknown {
  if (err instanceof PermanentDeliveryError || err instanceof TransientDeliveryError) return err;
  const e = (err ?? {}) as RestErrorLike;
  const status = e.statusCode ?? e.response?.status;
  const code = typeof e.code === 'string' ? e.code : undefined;
  // Every 403 (BotNotInConversationRoster, BotDisabledByAdmin, MessageWritesBlocked,
  // ConversationBlockedByUser, …) means "this person/channel cannot be written to": stop, mark, report.
  if (status === 403) return new PermanentDeliveryError(code ?? 'forbidden', `Teams refused the message (403 ${code ?? ''}): ${e.message ?? ''}`);
  if (status === 404) return new PermanentDeliveryError(code ?? 'not_found', `Teams does not know the conversation or message (404 ${code ?? ''})`);
  if (status === 429 || status === 412 || (status !== undefined && status >= 500)) {
    const after = retryAfterMs(e);
    return new TransientDeliveryError(`Teams answered ${status}${code ? ` ${code}` : ''} after the client's retries`, withJitter(after ?? 30_000));
  }
  // No status: the connector was not reached (DNS, reset, timeout). Worth another try later.
  if (status === undefined && err instanceof Error && !(err instanceof TypeError)) return new TransientDeliveryError(`Teams connector unreachable: ${err.message}`);
  return err;
}
