// One verified Slack request handed to Bolt. The HTTP receiver (receiver.ts) has already checked
// the signature and, for every kind but a modal submission, sent the ack; Bolt then routes the
// payload to our listeners, whose own `ack()` calls only matter for an answer that travels in the
// ack (a modal's field errors). The same function runs on the main thread or in the Slack work
// thread (thread/worker.ts), so the listeners cannot tell where they run.
import type { App, Receiver } from '@slack/bolt';
import type { Logger } from '../../core/logger.js';

export interface Delivery {
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
}

/** What the ack carries: nothing (an empty 200), a text, or JSON such as `{ response_action: 'errors' }`. */
export type AckBody = Record<string, unknown> | string | undefined;

/** Payloads whose ack carries the answer (a modal's verdict, options for a select); all others are acked at once. */
export function answeredInAck(body: Record<string, unknown>): boolean {
  return body.type === 'view_submission' || body.type === 'block_suggestion';
}

/** Resolves with the listener's ack (or nothing when no listener acked) — not when its work ends. */
export type DeliverFn = (delivery: Delivery) => Promise<AckBody>;

export function boltDeliverer(bolt: App, logger: Logger): DeliverFn {
  return (delivery) =>
    new Promise<AckBody>((resolve) => {
      const ack = async (response?: unknown): Promise<void> => resolve(response as AckBody);
      bolt
        .processEvent({ body: delivery.body, ack, retryNum: delivery.retryNum, retryReason: delivery.retryReason, customProperties: {} })
        .catch((err: unknown) => logger.error({ err }, 'Slack listener failed'))
        .finally(() => resolve(undefined));
    });
}

/**
 * Bolt wants a receiver; requests reach this one's app through `boltDeliverer`, never by itself
 * (the HTTP receiver and the work thread own the transport).
 */
export class HandedInReceiver implements Receiver {
  init(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
