// Runs the real Slack adapter (Bolt + our receiver) on 127.0.0.1 with a real SQLite database and
// the fake Web API, and sends requests exactly as Slack does: signed, slash commands form-encoded,
// interactivity as `payload=<json>`, events as JSON. The payload builders below are exported: a
// Socket Mode test sends the very same payloads inside WebSocket envelopes.
import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp, finishHttpApp, listen } from '../../../src/bot/http.js';
import { mountPersonalDataRoute } from '../../../src/bot/personal-data-route.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/bot/slack/index.js';
import { ManualClock } from '../../../src/core/clock.js';
import type { Role } from '../../../src/core/directory.js';
import { silentLogger, type Logger } from '../../../src/core/logger.js';
import { createRuntime, type FlowFactory, type Runtime, type RuntimeOptions } from '../../../src/runtime.js';
import { createTestDatabase } from '../../support/database.js';
import { FakeSlack, startFakeSlack, TEAM_ID } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface SlackPerson {
  personId: string;
  slackUserId: string;
  email: string;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  secret?: string;
  /** Replace the computed signature. */
  signature?: string;
  headers?: Record<string, string>;
}

export interface Harness {
  fake: FakeSlack;
  runtime: Runtime;
  adapter: SlackAdapter;
  clock: ManualClock;
  url: string;
  municipalityId: string;
  school(name: string): Promise<string>;
  /** A roster person; with `slackUserId` also a Slack user whose profile email matches. */
  person(input: { name: string; slackUserId: string; email?: string; locale?: 'da' | 'en'; roles: [Role, string][]; linked?: 'roster' | 'none' }): Promise<SlackPerson>;
  post(body: string, contentType: string, options?: SendOptions): Promise<Response>;
  slash(user: string, text: string, options?: SendOptions & SlashOptions): Promise<Response>;
  click(user: string, action: { actionId: string; value?: string }, options?: SendOptions & ClickOptions): Promise<Response>;
  submit(user: string, view: Record<string, any>, values: Record<string, string>, options?: SendOptions): Promise<Response>;
  event(event: Record<string, unknown>, options?: SendOptions & EventOptions & { retryNum?: number }): Promise<Response>;
  /** Waits until everything the adapter started after its acks has finished. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

let seq = 0;
const nextId = (p: string) => `${p}${++seq}${randomUUID().slice(0, 6)}`;

export type SlashOptions = { channelId?: string; triggerId?: string };
export type ClickOptions = { container?: Record<string, unknown>; view?: Record<string, unknown>; triggerId?: string };
export type EventOptions = { eventId?: string };

/** A slash command as Slack sends it (form fields over HTTP, the same object in a Socket Mode envelope). */
export function slashPayload(fake: FakeSlack, user: string, text: string, o: SlashOptions = {}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    team_domain: 'skole',
    channel_id: o.channelId ?? `D${user.slice(1)}`,
    channel_name: o.channelId ? 'ledelse' : 'directmessage',
    user_id: user,
    user_name: user.toLowerCase(),
    command: '/sparring',
    text,
    api_app_id: 'A0SPARRING',
    is_enterprise_install: 'false',
    response_url: fake.responseUrl(nextId('cmd')),
    trigger_id: o.triggerId ?? nextId('trigger.'),
  };
}

/** A block_actions payload for one button click. */
export function clickPayload(fake: FakeSlack, user: string, action: { actionId: string; value?: string }, o: ClickOptions = {}): Record<string, unknown> {
  const container = o.container ?? { type: 'message', message_ts: '1764000001.000100', channel_id: `D${user.slice(1)}`, is_ephemeral: false };
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
    api_app_id: 'A0SPARRING',
    token: 'legacy-verification-token',
    container,
    trigger_id: o.triggerId ?? nextId('trigger.'),
    team: { id: TEAM_ID, domain: 'skole' },
    enterprise: null,
    is_enterprise_install: false,
    ...(container.type === 'message' ? { channel: { id: container.channel_id, name: 'directmessage' }, message: { type: 'message', ts: container.message_ts, text: '' } } : {}),
    ...(o.view ? { view: o.view } : {}),
    state: { values: {} },
    response_url: fake.responseUrl(nextId('action')),
    actions: [{ action_id: action.actionId, block_id: 'b1', text: { type: 'plain_text', text: 'x' }, ...(action.value !== undefined ? { value: action.value } : {}), type: 'button', action_ts: `${Date.now() / 1000}` }],
  };
}

/** An Events API callback wrapping one event. */
export function eventPayload(event: Record<string, unknown>, o: EventOptions = {}): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM_ID,
    api_app_id: 'A0SPARRING',
    event,
    type: 'event_callback',
    event_id: o.eventId ?? nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface HarnessOptions {
  flows?: FlowFactory[];
  now?: string;
  /**
   * Socket Mode instead of HTTP: the adapter gets this app-level token and the fake's
   * apps.connections.open hands out `url`. Requests then arrive over that WebSocket, not /slack/events.
   */
  socketMode?: { appToken: string; url: string };
  /** The runtime's logger (default silent). */
  logger?: Logger;
  /** More runtime configuration (e.g. `http.publicUrl` for the links flows hand out). */
  config?: Partial<RuntimeOptions['config']>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeSlack();
  if (options.socketMode) fake.socketModeUrl = options.socketMode.url;
  const database = await createTestDatabase();
  // A Tuesday morning in Copenhagen: staff may be messaged.
  const clock = new ManualClock(options.now ?? '2026-11-24T09:00:00Z');
  const runtime = await createRuntime({
    config: { timeZone: 'Europe/Copenhagen', locale: 'da', defaultMunicipality: 'naestved', ...(options.config ?? {}) },
    db: database.db,
    clock,
    logger: options.logger ?? silentLogger,
    flows: options.flows ?? [],
    owner: 'slack-test-worker',
    jobOptions: { random: () => 0.5 },
  });
  const municipality = await runtime.db.municipality.create({ data: { slug: 'naestved', name: 'Næstved Kommune' } });
  const app = createHttpApp(runtime, { workerEnabled: false });
  // As `sparring serve` mounts it: the file behind `mine data`.
  mountPersonalDataRoute(app, runtime.personalDataFiles);
  const slack = options.socketMode
    ? { botToken: 'xoxb-test-token', appToken: options.socketMode.appToken, apiUrl: fake.apiUrl }
    : { botToken: 'xoxb-test-token', signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl };
  const adapter = createSlackAdapter({ runtime: runtime.adapter, slack, app });
  runtime.chat.addDriver(adapter.driver);
  await adapter.start();
  finishHttpApp(app, runtime);
  const server: Server = await listen(app, '127.0.0.1', 0);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const schools = new Map<string, string>();

  const h: Harness = {
    fake,
    runtime,
    adapter,
    clock,
    url,
    municipalityId: municipality.id,
    async school(name) {
      const known = schools.get(name);
      if (known) return known;
      const s = await runtime.db.school.create({ data: { name, municipalityId: municipality.id } });
      schools.set(name, s.id);
      return s.id;
    },
    async person({ name, slackUserId, email, locale, roles, linked = 'roster' }) {
      const mail = (email ?? `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@skole.dk`).toLowerCase();
      const p = await runtime.db.person.create({ data: { municipalityId: municipality.id, name, email: mail, locale: locale ?? null } });
      for (const [role, school] of roles) await runtime.db.membership.create({ data: { personId: p.id, schoolId: await h.school(school), role } });
      // Roster imports carry the Slack user id without the workspace (tenant "").
      if (linked === 'roster') await runtime.directory.linkIdentity({ personId: p.id, platform: 'slack', tenantId: '', externalId: slackUserId });
      fake.users.set(slackUserId, { email: mail });
      return { personId: p.id, slackUserId, email: mail };
    },
    async post(body, contentType, o = {}) {
      const ts = o.timestamp ?? Math.floor(Date.now() / 1000);
      return fetch(`${url}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(ts),
          'x-slack-signature': o.signature ?? sign(body, ts, o.secret),
          ...o.headers,
        },
        body,
      });
    },
    slash(user, text, o = {}) {
      const body = new URLSearchParams(slashPayload(fake, user, text, o)).toString();
      return h.post(body, 'application/x-www-form-urlencoded', o);
    },
    click(user, action, o = {}) {
      const payload = clickPayload(fake, user, action, o);
      return h.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o);
    },
    submit(user, view, values, o = {}) {
      // Slack's state: one entry per input block, typed by element.
      const state: Record<string, Record<string, unknown>> = {};
      for (const block of view.blocks as any[]) {
        if (block.type !== 'input') continue;
        const el = block.element;
        const v = values[block.block_id];
        const entry =
          el.type === 'datepicker'
            ? { type: el.type, selected_date: v ?? null }
            : el.type === 'timepicker'
              ? { type: el.type, selected_time: v ?? null }
              : el.type === 'static_select'
                ? { type: el.type, selected_option: v ? { value: v, text: { type: 'plain_text', text: v } } : null }
                : { type: el.type, value: v ?? null };
        state[block.block_id] = { [el.action_id]: entry };
      }
      const payload = {
        type: 'view_submission',
        team: { id: TEAM_ID, domain: 'skole' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM_ID },
        api_app_id: 'A0SPARRING',
        token: 'legacy-verification-token',
        trigger_id: nextId('trigger.'),
        view: { id: nextId('V'), team_id: TEAM_ID, app_id: 'A0SPARRING', bot_id: 'BBOT', hash: nextId('h'), root_view_id: null, previous_view_id: null, clear_on_close: false, notify_on_close: false, ...view, state: { values: state } },
        response_urls: [],
        is_enterprise_install: false,
      };
      return h.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', o);
    },
    event(event, o = {}) {
      const body = JSON.stringify(eventPayload(event, o));
      const headers = o.retryNum ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout', ...o.headers } : o.headers;
      return h.post(body, 'application/json', { ...o, ...(headers ? { headers } : {}) });
    },
    settled: () => adapter.settled(),
    async close() {
      await adapter.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.stop();
      await database.cleanup();
    },
  };
  return h;
}

/** All mrkdwn/plain text in a chat.postMessage / response body, for assertions. */
export function textOf(payload: Record<string, any> | undefined): string {
  if (!payload) return '';
  return JSON.stringify([payload.text, payload.blocks ?? payload.view?.blocks ?? []]);
}
