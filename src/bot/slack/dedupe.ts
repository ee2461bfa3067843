// Duplicate deliveries produce one effect. Slack retries events (same event_id) and may resend an
// interaction payload (same trigger_id); the runtime records each id once in the database, so this
// also holds across processes (src/core/inbound.ts).
import { createHash } from 'node:crypto';

/** A stable id for an interactivity payload (command, block_actions, view_submission). */
export function interactionDeliveryId(kind: string, body: { trigger_id?: unknown }, fallback: unknown): string {
  if (typeof body.trigger_id === 'string' && body.trigger_id !== '') return `${kind}:${body.trigger_id}`;
  return `${kind}:sha256:${createHash('sha256').update(JSON.stringify(fallback)).digest('hex')}`;
}

