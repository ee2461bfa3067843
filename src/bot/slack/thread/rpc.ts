// Calls between the main thread and the Slack work thread over a MessagePort: `call` sends a
// method name with arguments and resolves with the other side's answer, `notify` sends without
// waiting, `handle` answers. Errors cross as plain objects and come back as the delivery errors the
// chat router understands (a permanent error must stay permanent, or it would be retried forever).
import type { MessagePort, Worker } from 'node:worker_threads';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../core/chat.js';

type Port = Pick<MessagePort | Worker, 'postMessage' | 'on' | 'off'>;
type Handler = (...args: any[]) => unknown;

interface WireError {
  name: string;
  message: string;
  reason?: string;
  retryAfterMs?: number;
}

type Envelope =
  | { rpc: 'call'; id: number; method: string; args: unknown[] }
  | { rpc: 'notify'; method: string; args: unknown[] }
  | { rpc: 'reply'; id: number; ok: true; value: unknown }
  | { rpc: 'reply'; id: number; ok: false; error: WireError };

export class Rpc {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly handlers = new Map<string, Handler>();
  private readonly listener = (m: Envelope) => this.receive(m);

  constructor(private readonly port: Port) {
    port.on('message', this.listener);
  }

  handle(method: string, fn: Handler): void {
    this.handlers.set(method, fn);
  }

  call<T>(method: string, ...args: unknown[]): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ rpc: 'call', id, method, args } satisfies Envelope);
    });
  }

  notify(method: string, ...args: unknown[]): void {
    this.port.postMessage({ rpc: 'notify', method, args } satisfies Envelope);
  }

  /** Fails every unanswered call (the other side is gone) and stops listening. */
  close(reason: string): void {
    this.port.off('message', this.listener);
    for (const w of this.waiting.values()) w.reject(new TransientDeliveryError(reason));
    this.waiting.clear();
  }

  private receive(m: Envelope): void {
    if (m?.rpc === 'reply') {
      const w = this.waiting.get(m.id);
      if (!w) return;
      this.waiting.delete(m.id);
      if (m.ok) w.resolve(m.value);
      else w.reject(fromWire(m.error));
      return;
    }
    if (m?.rpc !== 'call' && m?.rpc !== 'notify') return;
    const fn = this.handlers.get(m.method);
    const run = async () => {
      if (!fn) throw new Error(`no handler for "${m.method}"`);
      return fn(...m.args);
    };
    void run().then(
      (value) => {
        if (m.rpc === 'call') this.port.postMessage({ rpc: 'reply', id: m.id, ok: true, value } satisfies Envelope);
      },
      (err: unknown) => {
        if (m.rpc === 'call') this.port.postMessage({ rpc: 'reply', id: m.id, ok: false, error: toWire(err) } satisfies Envelope);
      },
    );
  }
}

function toWire(err: unknown): WireError {
  if (err instanceof PermanentDeliveryError) return { name: err.name, message: err.message, reason: err.reason };
  if (err instanceof TransientDeliveryError) return { name: err.name, message: err.message, ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}) };
  return { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) };
}

function fromWire(e: WireError): Error {
  if (e.name === 'PermanentDeliveryError') return new PermanentDeliveryError(e.reason ?? 'unknown', e.message);
  if (e.name === 'TransientDeliveryError') return new TransientDeliveryError(e.message, e.retryAfterMs);
  const err = new Error(e.message);
  err.name = e.name;
  return err;
}
