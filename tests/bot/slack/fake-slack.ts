// A small fake of the Slack Web API on loopback: records every call the bot makes (method + decoded
// arguments) and answers like Slack does. Tests override single methods (e.g. a 429 storm on
// chat.postMessage). It also serves response_url endpoints under /respond/<id>, and answers
// apps.connections.open (app-level xapp- token only) with `socketModeUrl` for Socket Mode tests.
// Posted messages (with their metadata) are kept per channel and served by conversations.history, so
// tests can count what people really received; a reply can be held back (`delayMs`) while the message
// already exists, as a slow Slack does, and `onAccepted` sees each accepted call before its answer
// leaves (fault-injection tests kill the bot there).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface FakeCall {
  method: string;
  args: Record<string, any>;
  /** HTTP status the fake answered with. */
  status: number;
  /** The `ok` field of the answer (false for platform errors and 429s). */
  ok: boolean;
  /** The bearer token the call was made with (Authorization header). */
  token: string | undefined;
  /** When the call arrived (performance.now(), for benchmarks in the same process). */
  at: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
  /** Answer this much later (the call has taken effect already). */
  delayMs?: number;
}

/** A message as Slack keeps it in a conversation. */
export interface FakeMessage {
  ts: string;
  /** When it was posted (Date.now()): Slack's ts is its post time, this fake's ts are counters. */
  postedAt: number;
  text: string;
  /** The parent's ts when the message is a reply in a thread. */
  threadTs?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  /** A file shared into the channel (files.uploadV2): its name as given to files.getUploadURLExternal. */
  files?: { id: string; name: string }[];
}

export type FakeHandler = (args: Record<string, any>, call: number) => FakeReply | Record<string, unknown> | undefined;

export const BOT_USER_ID = 'UBOT';
export const TEAM_ID = 'T0SKOLE';

function decode(raw: string, contentType: string | undefined): Record<string, any> {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, any>) : {};
  const out: Record<string, any> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The Web API client sends nested values (blocks, view) as JSON strings.
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

export class FakeSlack {
  readonly calls: FakeCall[] = [];
  /** Bodies posted to response_url endpoints, by id. */
  readonly responses: { id: string; body: Record<string, any> }[] = [];
  /** Files uploaded to the upload URL files.getUploadURLExternal handed out (files.uploadV2's middle step). */
  readonly uploads: { fileId: string; body: Buffer; contentType: string | undefined }[] = [];
  /** Slack users and their profile emails (for users.info / users.lookupByEmail). */
  readonly users = new Map<string, { email?: string; deleted?: boolean }>();
  private readonly handlers = new Map<string, FakeHandler>();
  private readonly counts = new Map<string, number>();
  private server: Server | undefined;
  private tsSeq = 0;
  private viewSeq = 0;
  url = '';
  /** What apps.connections.open hands out: the WebSocket URL of a Socket Mode test server. */
  socketModeUrl: string | undefined;
  /** Every message posted (and accepted), per channel, oldest first. */
  readonly history = new Map<string, FakeMessage[]>();
  /** File names by file id, from files.getUploadURLExternal. */
  private readonly fileNames = new Map<string, string>();
  /** Called for each accepted call after it took effect, before the answer is sent. */
  onAccepted: ((call: FakeCall) => void) | undefined;

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** Overrides one method; return undefined from the handler to fall back to the default answer. */
  on(method: string, handler: FakeHandler | undefined): void {
    if (handler) this.handlers.set(method, handler);
    else this.handlers.delete(method);
  }

  /** Calls of one method that Slack accepted. */
  ok(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method && c.ok);
  }

  all(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Messages in a channel (DM channels are "D" + the user id without its "U"). */
  messagesIn(channel: string): FakeMessage[] {
    return this.history.get(channel) ?? [];
  }

  reset(): void {
    this.history.clear();
    this.calls.length = 0;
    this.responses.length = 0;
    this.counts.clear();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/upload/')) {
      this.uploads.push({ fileId: path.slice('/upload/'.length), body: Buffer.concat(chunks), contentType: req.headers['content-type'] });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK - uploaded');
      return;
    }
    const raw = Buffer.concat(chunks).toString('utf8');
    if (path.startsWith('/respond/')) {
      this.responses.push({ id: path.slice('/respond/'.length), body: safeJson(raw) as Record<string, any> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const args = decode(raw, req.headers['content-type']);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const n = (this.counts.get(method) ?? 0) + 1;
    this.counts.set(method, n);
    const custom = this.handlers.get(method)?.(args, n);
    const reply: FakeReply = custom === undefined ? { body: this.default(method, args, token) } : 'body' in custom ? (custom as FakeReply) : { body: custom };
    const status = reply.status ?? 200;
    const call: FakeCall = { method, args, status, ok: status === 200 && reply.body.ok === true, token, at: performance.now() };
    this.calls.push(call);
    if (call.ok && method === 'chat.postMessage') this.keep(String(args.channel), reply.body, args);
    if (call.ok && method === 'files.completeUploadExternal' && args.channel_id) this.keepFiles(String(args.channel_id), args);
    if (call.ok) this.onAccepted?.(call);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(reply.body));
  }

  private keep(channel: string, body: Record<string, unknown>, args: Record<string, any>): void {
    const list = this.history.get(channel) ?? [];
    const metadata = typeof args.metadata === 'string' ? safeJson(args.metadata) : args.metadata;
    list.push({ ts: String(body.ts), postedAt: Date.now(), text: String(args.text ?? ''), ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}), ...(metadata && typeof metadata === 'object' ? { metadata: metadata as FakeMessage['metadata'] } : {}) });
    this.history.set(channel, list);
  }

  /** Slack shares a completed upload into the channel as a message of its own, with the file on it. */
  private keepFiles(channel: string, args: Record<string, any>): void {
    const files = (typeof args.files === 'string' ? safeJson(args.files) : args.files) as { id: string }[] | undefined;
    this.tsSeq += 1;
    const list = this.history.get(channel) ?? [];
    list.push({
      ts: `${1764000000 + this.tsSeq}.000300`,
      postedAt: Date.now(),
      text: '',
      ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}),
      files: (files ?? []).map((f) => ({ id: f.id, name: this.fileNames.get(f.id) ?? '' })),
    });
    this.history.set(channel, list);
  }

  private default(method: string, args: Record<string, any>, token: string | undefined): Record<string, unknown> {
    switch (method) {
      case 'apps.connections.open':
        // Only an app-level token may open a connection. (Slack says not_allowed_token_type to a bot
        // token; invalid_auth is an error the Socket Mode client gives up on at once, where it would
        // retry others for minutes, so a misconfigured test fails fast.)
        if (!token?.startsWith('xapp-') || !this.socketModeUrl) return { ok: false, error: 'invalid_auth' };
        return { ok: true, url: this.socketModeUrl };
      case 'auth.test':
        return { ok: true, url: 'https://skole.slack.com/', team: 'Skole', user: 'sparring', team_id: TEAM_ID, user_id: BOT_USER_ID, bot_id: 'BBOT' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users).replace(/^U/, '')}` } };
      case 'chat.postMessage': {
        this.tsSeq += 1;
        return { ok: true, channel: args.channel, ts: `${1764000000 + this.tsSeq}.000100`, message: { text: args.text } };
      }
      case 'conversations.history': {
        // Newest first, since `oldest`; metadata only when asked for (include_all_metadata).
        const oldest = Number(args.oldest ?? 0) * 1000;
        const withMeta = String(args.include_all_metadata) === 'true';
        const messages = this.messagesIn(String(args.channel))
          .filter((m) => m.postedAt > oldest)
          .reverse()
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(m.files ? { files: m.files } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'conversations.replies': {
        // A thread: its parent, then the replies since `oldest`; metadata only when asked for.
        const oldest = Number(args.oldest ?? 0) * 1000;
        const withMeta = String(args.include_all_metadata) === 'true';
        const ts = String(args.ts);
        const messages = this.messagesIn(String(args.channel))
          .filter((m) => m.ts === ts || (m.threadTs === ts && m.postedAt > oldest))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(m.threadTs ? { thread_ts: m.threadTs } : {}), ...(m.files ? { files: m.files } : {}), ...(withMeta && m.metadata ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages, has_more: false };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.getUploadURLExternal': {
        const fileId = `F${this.calls.filter((c) => c.method === method).length + 1}`;
        this.fileNames.set(fileId, String(args.filename ?? ''));
        return { ok: true, upload_url: `${this.url}/upload/${fileId}`, file_id: fileId };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: (Array.isArray(args.files) ? args.files : []).map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title })) };
      case 'chat.postEphemeral':
        this.tsSeq += 1;
        return { ok: true, message_ts: `${1764000000 + this.tsSeq}.000200` };
      case 'views.open':
      case 'views.push':
      case 'views.publish':
        this.viewSeq += 1;
        return { ok: true, view: { id: `V${this.viewSeq}`, ...(args.view as object) } };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        if (!u) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: args.user, team_id: TEAM_ID, deleted: !!u.deleted, is_bot: false, profile: { email: u.email } } };
      }
      case 'users.lookupByEmail': {
        const hit = [...this.users].find(([, u]) => u.email === args.email);
        return hit ? { ok: true, user: { id: hit[0], profile: { email: args.email } } } : { ok: false, error: 'users_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const fake = new FakeSlack();
  await fake.start();
  return fake;
}
