// The Slack adapter in Socket Mode, end to end: the real adapter (Bolt's SocketModeReceiver and
// @slack/socket-mode over undici's WebSocket) asks the fake Web API for a connection URL with the
// app-level token, connects to a small WebSocket server standing in for Slack, and receives the
// same payloads the HTTP tests post, wrapped in Socket Mode envelopes. Slack expects every envelope
// to be acknowledged over the socket with its envelope_id; effects still go to the Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { envelope, FakeSocketMode, WAIT } from './fake-socket-mode.js';
import { clickPayload, eventPayload, slashPayload, startHarness, textOf, type Harness, type SlackPerson } from './harness.js';
import { probe, type ProbeLog } from './probe-flow.js';

const APP_TOKEN = 'xapp-1-A0SPARRING-1234567890-abcdef';

let slack: FakeSocketMode;
let h: Harness;
let log: ProbeLog;
let teacher: SlackPerson;

beforeAll(async () => {
  slack = new FakeSocketMode();
  await slack.start();
  const p = probe();
  log = p.log;
  h = await startHarness({ flows: [p.flow], socketMode: { appToken: APP_TOKEN, url: slack.url } });
  teacher = await h.person({ name: 'Mette Lærer', slackUserId: 'UMETTE', roles: [['teacher', 'Holmegaardskolen']] });
});

afterAll(async () => {
  await h?.close();
  await slack?.stop();
});

/** The Web API calls made while starting (before the first test resets the fake). */
let startCalls: typeof h.fake.calls | undefined;
beforeEach(async () => {
  await h.settled();
  startCalls ??= [...h.fake.calls];
  h.fake.reset();
  log.commands.length = 0;
  log.actions.length = 0;
  log.gate = undefined;
});

describe('Socket Mode', () => {
  it('opens the connection with the app-level token through SLACK_API_URL and connects to the URL it got', () => {
    expect(h.adapter.mode).toBe('socket');
    // auth.test with the bot token (init), then apps.connections.open with the xapp- token, both on the fake.
    expect(startCalls!.map((c) => [c.method, c.token, c.ok])).toEqual([
      ['auth.test', 'xoxb-test-token', true],
      ['apps.connections.open', APP_TOKEN, true],
    ]);
    expect(slack.paths).toEqual(['/link']);
  });

  it('acks a slash command with its envelope_id and answers the help privately through the response_url', async () => {
    const payload = slashPayload(h.fake, teacher.slackUserId, 'hjælp');
    const env = envelope('slash_commands', payload);
    const ack = await slack.deliver(env);
    expect(ack).toEqual({ envelope_id: env.envelope_id, payload: {} });
    await h.settled();
    const answer = h.fake.responses.at(-1);
    expect(answer?.id).toBe(payload.response_url!.split('/respond/')[1]);
    expect(answer?.body).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(answer?.body)).toContain('Sådan bruger du Sparring');
  });

  it('acks before the work is done: a slow flow never delays the ack', async () => {
    let release!: () => void;
    log.gate = new Promise<void>((r) => (release = r));
    const env = envelope('slash_commands', slashPayload(h.fake, teacher.slackUserId, 'mine uge 48'));
    await slack.deliver(env);
    // Acked while the flow is still waiting on its "database".
    await vi.waitFor(() => expect(log.commands).toHaveLength(1), WAIT);
    expect(h.fake.responses).toHaveLength(0);
    release();
    await h.settled();
    expect(textOf(h.fake.responses.at(-1)?.body)).toContain('Du skrev: uge 48');
  });

  it('acks a button click (interactive envelope), updates the clicked message, and a resent payload has one effect', async () => {
    const payload = clickPayload(h.fake, teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-7' }, { container: { type: 'message', channel_id: 'C0AGENTER', message_ts: '1764000070.000100', is_ephemeral: false } });
    const first = envelope('interactive', payload);
    expect(await slack.deliver(first)).toEqual({ envelope_id: first.envelope_id, payload: {} });
    await h.settled();
    // The same payload again in a new envelope (a resend): acked, but no second effect.
    const again = envelope('interactive', payload);
    expect(await slack.deliver(again)).toEqual({ envelope_id: again.envelope_id, payload: {} });
    await h.settled();
    expect(log.actions.map((a) => [a.actionId, a.value, a.actor.personId])).toEqual([['probe.claim', 'slot-7', teacher.personId]]);
    const update = h.fake.ok('chat.update');
    expect(update.map((c) => [c.args.channel, c.args.ts, c.token])).toEqual([['C0AGENTER', '1764000070.000100', 'xoxb-test-token']]);
    expect(textOf(update[0]!.args)).toContain(`Taget af ${teacher.personId}`);
  });

  it('acks an events_api envelope and publishes App Home once per event_id, however often it is delivered', async () => {
    const payload = eventPayload({ type: 'app_home_opened', user: teacher.slackUserId, channel: 'DMETTE', tab: 'home', event_ts: '1764000200.000100' }, { eventId: 'Ev0SOCKETHOME' });
    const first = envelope('events_api', payload, { retry_attempt: 0, retry_reason: '' });
    // Slack's retry: a new envelope, the same event_id, retry_attempt counting up.
    const retry = envelope('events_api', payload, { retry_attempt: 1, retry_reason: 'timeout' });
    for (const env of [first, retry, first]) {
      expect(await slack.deliver(env)).toEqual({ envelope_id: env.envelope_id, payload: {} });
    }
    await h.settled();
    expect(slack.acksFor(first.envelope_id)).toHaveLength(2);
    const published = h.fake.ok('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.args).toMatchObject({ user_id: teacher.slackUserId, view: { type: 'home' } });
    expect(textOf(published[0]!.args)).toContain(`Velkommen hjem, ${teacher.personId}`);
  });

  it('stop() closes the socket with a normal closure and does not reconnect', async () => {
    expect(slack.state).toBe(WebSocket.OPEN);
    await h.adapter.stop();
    // stop() returned only after the close handshake: Slack has the close frame already.
    expect(slack.state).toBeGreaterThanOrEqual(WebSocket.CLOSING);
    await vi.waitFor(() => expect(slack.closes).toEqual([{ code: 1000, reason: '' }]), WAIT);
    expect(slack.open).toBe(0);
    // One connection for the whole file: no reconnects, nothing but acks ever sent back.
    expect(slack.paths).toEqual(['/link']);
    expect(h.fake.all('apps.connections.open')).toHaveLength(0);
    expect(slack.other).toEqual([]);
  });
});
