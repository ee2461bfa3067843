// Slack's side of a Socket Mode connection, on loopback: a WebSocket server that says hello, sends
// envelopes (the same payloads the HTTP tests post), records the client's acks and its close.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { expect, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

/** Bounded waits: everything here happens on loopback in milliseconds. */
export const WAIT = { timeout: 5_000, interval: 10 };

export interface Envelope {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** What the client sends back: `{ envelope_id, payload }`. */
export interface Ack {
  envelope_id: string;
  payload: Record<string, unknown>;
}

/** Slack's side of a Socket Mode connection: says hello, sends envelopes, records acks and closes. */
export class FakeSocketMode {
  readonly acks: Ack[] = [];
  /** Anything the client sent that is not an ack. */
  readonly other: unknown[] = [];
  readonly closes: { code: number; reason: string }[] = [];
  readonly paths: string[] = [];
  private server!: WebSocketServer;
  private socket: WebSocket | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(this.server, 'listening');
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/link`;
    this.server.on('connection', (ws, req) => {
      this.paths.push(req.url ?? '');
      this.socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as Partial<Ack>;
        if (typeof msg.envelope_id === 'string') this.acks.push(msg as Ack);
        else this.other.push(msg);
      });
      ws.on('close', (code, reason) => this.closes.push({ code, reason: reason.toString() }));
      // Slack's first message on every connection; the client's start() resolves on it.
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 18060 }, connection_info: { app_id: 'A0SPARRING' } }));
    });
  }

  /** Connections still open. */
  get open(): number {
    return this.server.clients.size;
  }

  /** The server side of the current connection's readyState (OPEN, CLOSING once a close frame came). */
  get state(): number | undefined {
    return this.socket?.readyState;
  }

  /** Sends an envelope and waits until the client has acked it. */
  async deliver(envelope: Envelope): Promise<Ack> {
    const before = this.acksFor(envelope.envelope_id).length;
    this.socket!.send(JSON.stringify(envelope));
    await vi.waitFor(() => expect(this.acksFor(envelope.envelope_id).length).toBeGreaterThan(before), WAIT);
    return this.acksFor(envelope.envelope_id).at(-1)!;
  }

  acksFor(envelopeId: string): Ack[] {
    return this.acks.filter((a) => a.envelope_id === envelopeId);
  }

  async stop(): Promise<void> {
    for (const ws of this.server.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export function envelope(type: Envelope['type'], payload: Record<string, unknown>, extra: Partial<Envelope> = {}): Envelope {
  return { envelope_id: randomUUID(), type, payload, accepts_response_payload: type !== 'events_api', ...extra };
}
