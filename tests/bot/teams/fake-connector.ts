// A small fake of the Bot Framework connector (the service Teams bots call back), on loopback. It
// records what the bot sent — replies, new messages, updates, created 1:1 conversations — answers
// member look-ups, and can be told to fail the next calls (403 roster errors, 429 with Retry-After).
// For the fault suite (tests/delivery) it can also hold an answer back while the message already
// exists (a slow connector), and lets a test act on a call as it arrives (`onArrival`, before the
// connector takes it) or once it has taken it (`onAccepted`, before the bot hears so).
// Paths follow the Connector REST API v3 under a regional prefix, as Teams' serviceUrl has one.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type CallKind = 'send' | 'reply' | 'update' | 'create' | 'member';

export interface Call {
  kind: CallKind;
  method: string;
  conversationId: string;
  activityId?: string;
  body: any;
  /** The status the fake answered with (0: dropped unanswered, see onArrival). */
  status: number;
  /** Headers of a programmed failure (e.g. Retry-After). */
  headers?: Record<string, string>;
  /** The id the fake gave a new activity or conversation. */
  responseId?: string;
  /** The Authorization header the bot sent (the auth tests check the outbound token). */
  authorization?: string;
  at: number;
}

export interface Member {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
}

interface Failure {
  match: (c: Pick<Call, 'kind' | 'conversationId'>) => boolean;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Delay {
  match: (c: Pick<Call, 'kind' | 'conversationId'>) => boolean;
  ms: number;
}

/** What a test sees of a call as it arrives: enough to decide what to do with it. */
export type Arrival = Pick<Call, 'kind' | 'conversationId' | 'body'>;

export class FakeConnector {
  readonly calls: Call[] = [];
  readonly members = new Map<string, Member>();
  private failures: Failure[] = [];
  private delays: Delay[] = [];
  /**
   * Sees each call as it arrives, before the connector takes it. 'drop': the connector never takes it
   * (nothing is posted, the connection is closed without an answer) — e.g. the bot was killed first.
   */
  onArrival: ((call: Arrival) => 'drop' | void) | undefined;
  /** Sees each call the connector took (2xx, the message exists), before its answer leaves. */
  onAccepted: ((call: Call) => void) | undefined;
  private server?: Server;
  private seq = 0;
  /** serviceUrl to put in activities, with the regional path Teams uses. */
  serviceUrl = '';
  origin = '';
  /** Extra routes (OpenID metadata for the auth tests). */
  readonly app = express();

  async start(): Promise<this> {
    const app = this.app;
    app.use(express.json({ limit: '1mb' }));
    const v3 = express.Router();
    v3.post('/v3/conversations', (req, res) => {
      this.seq += 1;
      const id = `a:created-${this.seq}`;
      this.answer(res, { kind: 'create', method: 'POST', conversationId: id, body: req.body }, 201, { id, activityId: `act-${this.seq}` });
    });
    v3.post('/v3/conversations/:cid/activities', (req, res) => {
      this.seq += 1;
      this.answer(res, { kind: 'send', method: 'POST', conversationId: req.params.cid, body: req.body }, 201, { id: `act-${this.seq}` });
    });
    v3.post('/v3/conversations/:cid/activities/:aid', (req, res) => {
      this.seq += 1;
      this.answer(res, { kind: 'reply', method: 'POST', conversationId: req.params.cid, activityId: req.params.aid, body: req.body }, 201, { id: `act-${this.seq}` });
    });
    v3.put('/v3/conversations/:cid/activities/:aid', (req, res) => {
      this.answer(res, { kind: 'update', method: 'PUT', conversationId: req.params.cid, activityId: req.params.aid, body: req.body }, 200, { id: req.params.aid });
    });
    v3.get('/v3/conversations/:cid/members/:mid', (req, res) => {
      const m = this.members.get(req.params.mid) ?? [...this.members.values()].find((x) => x.aadObjectId === req.params.mid);
      if (!m) return void this.answer(res, { kind: 'member', method: 'GET', conversationId: req.params.cid, body: null }, 404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
      this.answer(res, { kind: 'member', method: 'GET', conversationId: req.params.cid, body: null }, 200, { ...m, userRole: 'user', tenantId: 'tenant-1' });
    });
    app.use('/amer', v3);
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server!.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    this.serviceUrl = `${this.origin}/amer/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next call matching `match` is taken at once (the message exists) but answered only after `ms`. */
  delayNext(match: Delay['match'], ms: number): void {
    this.delays.push({ match, ms });
  }

  /** The next calls matching `match` get these answers, one each, in order. */
  failNext(match: Failure['match'], ...answers: Omit<Failure, 'match'>[]): void {
    for (const a of answers) this.failures.push({ match, ...a });
  }

  private answer(res: express.Response, partial: Omit<Call, 'status' | 'at' | 'authorization'>, status: number, body: unknown): void {
    const call = { ...partial, authorization: res.req.headers.authorization };
    if (this.onArrival?.(call) === 'drop') {
      this.calls.push({ ...call, status: 0, at: Date.now() });
      res.socket?.destroy();
      return;
    }
    const i = this.failures.findIndex((f) => f.match(call));
    if (i >= 0) {
      const f = this.failures.splice(i, 1)[0]!;
      this.calls.push({ ...call, status: f.status, at: Date.now(), ...(f.headers ? { headers: f.headers } : {}) });
      res.status(f.status).set(f.headers ?? {}).json(f.body ?? {});
      return;
    }
    const accepted: Call = { ...call, status, at: Date.now(), responseId: (body as { id?: string } | null)?.id };
    this.calls.push(accepted);
    if (status < 300) this.onAccepted?.(accepted);
    const d = this.delays.findIndex((x) => x.match(call));
    const delayMs = d >= 0 ? this.delays.splice(d, 1)[0]!.ms : 0;
    if (delayMs > 0) setTimeout(() => res.status(status).json(body), delayMs);
    else res.status(status).json(body);
  }

  /** Calls the fake accepted (2xx) of the given kinds. */
  delivered(...kinds: CallKind[]): Call[] {
    return this.calls.filter((c) => c.status >= 200 && c.status < 300 && (kinds.length === 0 || kinds.includes(c.kind)) && c.body?.type !== 'typing');
  }

  clear(): void {
    this.calls.length = 0;
    this.failures = [];
    this.delays = [];
  }

  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > until) throw new Error('timed out waiting for the fake connector');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** The Adaptive Card in an activity the bot sent. */
export function cardOf(activity: any): any {
  return activity?.attachments?.find((a: any) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** All text of a card (TextBlocks, facts, button titles), for assertions. */
export function cardText(card: any): string {
  const out: string[] = [];
  const walk = (x: any) => {
    if (!x || typeof x !== 'object') return;
    if (Array.isArray(x)) return x.forEach(walk);
    if (x.type === 'TextBlock') out.push(x.text);
    if (typeof x.title === 'string' && (x.type?.startsWith('Action.') || 'value' in x)) out.push(`${x.title}${'value' in x && typeof x.value === 'string' && !x.type ? `: ${x.value}` : ''}`);
    if (typeof x.label === 'string') out.push(x.label);
    for (const [k, v] of Object.entries(x)) if (k !== 'fallback' && k !== 'data') walk(v);
  };
  walk(card);
  return out.join('\n');
}
