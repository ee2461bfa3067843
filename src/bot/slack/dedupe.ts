// Duplicate deliveries produce one effect. Slack retries events (same event_id) and may resend an
// interaction payload (same trigger_id); the runtime records each id once in the database, so this
// also holds across processes. A double click is two distinct payloads: a short in-memory window
// drops the second one (flows re-check the database anyway, e.g. a slot already claimed).
import { createHash } from 'node:crypto';

/** A stable id for an interactivity payload (command, block_actions, view_submission). */
export function interactionDeliveryId(kind: string, body: { trigger_id?: unknown }, fallback: unknown): string {
  if (typeof body.trigger_id === 'string' && body.trigger_id !== '') return `${kind}:${body.trigger_id}`;
  return `${kind}:sha256:${createHash('sha256').update(JSON.stringify(fallback)).digest('hex')}`;
}

export class DoubleClickGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly windowMs = 2_000) {}

  /** True the first time a key is seen within the window. */
  first(key: string, now = Date.now()): boolean {
    if (this.seen.size > 5_000) for (const [k, t] of this.seen) if (t <= now) this.seen.delete(k);
    const until = this.seen.get(key);
    if (until !== undefined && until > now) return false;
    this.seen.set(key, now + this.windowMs);
    return true;
  }
}
