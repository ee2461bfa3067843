// Connector errors → the runtime's delivery errors. Measured with botbuilder 4.23.3 against the fake
// connector: a RestError carries statusCode and, from Teams' error body, code (e.g.
// "BotNotInConversationRoster"). The driver's client does not retry (connector.ts), so every refusal
// arrives here at once and the job engine decides: a 429 is a rate limit (a retry no sooner than
// Retry-After, no attempt used); a 5xx a failed attempt, retried no sooner than Retry-After if it
// named one; 403/404 are permanent.
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
  const after = retryAfterMs(e);
  // Refused: nothing was posted. Without Retry-After, a 429 waits 30 s (Teams asks for back-off).
  if (status === 429) return new TransientDeliveryError(`Teams rate limit (429${code ? ` ${code}` : ''})`, withJitter(after ?? 30_000), { rateLimited: true });
  if (status === 412) return new TransientDeliveryError(`Teams answered 412${code ? ` ${code}` : ''}`, after === undefined ? undefined : withJitter(after), { notSent: true });
  // A 5xx may come after the connector posted the message: not "not sent".
  if (status !== undefined && status >= 500) return new TransientDeliveryError(`Teams answered ${status}${code ? ` ${code}` : ''}`, after === undefined ? undefined : withJitter(after));
  // No status, no answer (DNS, a reset, the timeout): the connector may or may not have taken it. Try later.
  if (status === undefined && err instanceof Error && !(err instanceof TypeError)) return new TransientDeliveryError(`Teams connector unreachable: ${err.message}`);
  return err;
}
