// The Slack adapter over real HTTP: Bolt on loopback, signed requests exactly as Slack sends them,
// assertions on what the bot sent to the (fake) Web API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID, TEAM_ID } from './fake-slack.js';
import { startHarness, textOf, type Harness, type SlackPerson } from './harness.js';
import { probe, type ProbeLog } from './probe-flow.js';

let h: Harness;
let log: ProbeLog;
let teacher: SlackPerson;
let agent: SlackPerson;
let english: SlackPerson;

beforeAll(async () => {
  const p = probe();
  log = p.log;
  h = await startHarness({ flows: [p.flow] });
  await h.person({ name: 'Kirsten Koordinator', slackUserId: 'UKOORD', email: 'kirsten@naestved.dk', roles: [['coordinator', 'Holmegaardskolen']] });
  teacher = await h.person({ name: 'Mette Lærer', slackUserId: 'UMETTE', roles: [['teacher', 'Holmegaardskolen']] });
  agent = await h.person({ name: 'Anders Agent', slackUserId: 'UANDERS', roles: [['learning_agent', 'Holmegaardskolen']], linked: 'none' });
  english = await h.person({ name: 'Sam Teacher', slackUserId: 'USAM', locale: 'en', roles: [['teacher', 'Holmegaardskolen']] });
});

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await h.settled();
  h.fake.reset();
  log.commands.length = 0;
  log.actions.length = 0;
  log.submissions.length = 0;
  log.gate = undefined;
  log.formGate = undefined;
});

const lastResponse = () => h.fake.responses.at(-1)?.body;

describe('slash command /sparring', () => {
  it('answers a Danish command privately through the response_url', async () => {
    const res = await h.slash(teacher.slackUserId, 'mine uge 47');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settled();
    expect(log.commands.map((c) => [c.command, c.args])).toEqual([['my', 'uge 47']]);
    expect(lastResponse()).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(lastResponse())).toContain('Du skrev: uge 47');
    expect(textOf(lastResponse())).toContain('probe.claim');
  });

  it('answers the same command in English, in the English user\'s language', async () => {
    await h.slash(english.slackUserId, 'my');
    await h.settled();
    expect(log.commands.map((c) => c.command)).toEqual(['my']);
    expect(textOf(lastResponse())).toContain('You wrote');
  });

  it('shows help in Danish and in English, and a helpful answer for unknown words', async () => {
    await h.slash(teacher.slackUserId, 'hjælp');
    await h.settled();
    expect(textOf(lastResponse())).toContain('Sådan bruger du Sparring');
    await h.slash(english.slackUserId, 'help');
    await h.settled();
    expect(textOf(lastResponse())).toContain('How to use Sparring');
    await h.slash(teacher.slackUserId, 'blomkål');
    await h.settled();
    expect(textOf(lastResponse())).toContain('Jeg kender ikke kommandoen \\"blomkål\\"');
  });

  it('escapes what the user typed: no @channel ping, no fake link', async () => {
    await h.slash(teacher.slackUserId, 'mine <!channel> <https://evil.example|klik her> & co');
    await h.settled();
    const body = textOf(lastResponse());
    expect(body).toContain('&lt;!channel&gt;');
    expect(body).toContain('&lt;https://evil.example|klik her&gt; &amp; co');
    expect(body).not.toContain('<!channel>');
    expect(body).not.toContain('<https://evil');
  });

  it('acks before the work is done: a slow flow never delays the 200', async () => {
    let release!: () => void;
    log.gate = new Promise<void>((r) => (release = r));
    const res = await h.slash(teacher.slackUserId, 'mine');
    expect(res.status).toBe(200);
    // The handler is still waiting on the "database": nothing has been answered yet.
    expect(h.fake.responses).toHaveLength(0);
    release();
    await h.settled();
    expect(h.fake.responses).toHaveLength(1);
  });

  it('matches a Slack user by email the first time and stores the identity', async () => {
    await h.slash(agent.slackUserId, 'mine');
    await h.settled();
    expect(h.fake.ok('users.info').map((c) => c.args.user)).toEqual([agent.slackUserId]);
    expect(log.commands).toHaveLength(1);
    expect(log.commands[0]!.actor.personId).toBe(agent.personId);
    const identity = await h.runtime.db.platformIdentity.findFirst({ where: { platform: 'slack', externalId: agent.slackUserId } });
    expect(identity).toMatchObject({ personId: agent.personId, tenantId: TEAM_ID });
  });

  it('an email on two other municipalities\' rosters (none this workspace serves) links nobody, rather than the first', async () => {
    const db = h.runtime.db;
    for (const slug of ['slagelse', 'soroe']) {
      const m = await db.municipality.create({ data: { slug, name: slug } });
      await db.person.create({ data: { municipalityId: m.id, name: 'Delt Person', email: 'delt@skole.dk' } });
    }
    h.fake.users.set('UDELT', { email: 'delt@skole.dk' });
    await h.slash('UDELT', 'mine');
    await h.settled();
    expect(log.commands).toHaveLength(0);
    expect(await db.platformIdentity.count({ where: { platform: 'slack', externalId: 'UDELT' } })).toBe(0);
    expect(textOf(lastResponse())).toContain('listen over medarbejdere');
  });

  it('tells an unknown Slack user politely, and privately, whom to ask', async () => {
    h.fake.users.set('UGUEST', { email: 'gaest@andetsted.dk' });
    await h.slash('UGUEST', 'mine');
    await h.settled();
    expect(log.commands).toHaveLength(0);
    expect(lastResponse()).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(lastResponse())).toContain('Kirsten Koordinator (kirsten@naestved.dk)');
    expect(textOf(lastResponse())).toContain('listen over medarbejdere');
  });

  it('passes the channel when typed in a channel (a coordinator linking it to a school)', async () => {
    await h.slash('UKOORD', 'forbind ledelse Holmegaardskolen', { channelId: 'C0LEDELSE' });
    await h.settled();
    expect(log.commands[0]).toMatchObject({ command: 'link', args: 'ledelse Holmegaardskolen', channel: { platform: 'slack', tenantId: TEAM_ID, channelId: 'C0LEDELSE' } });
    await h.slash('UKOORD', 'forbind ledelse Holmegaardskolen');
    await h.settled();
    expect(log.commands[1]!.channel).toBeUndefined();
  });
});

describe('forms as modals', () => {
  it('opens the modal with the trigger_id, shows field errors in the modal, then accepts', async () => {
    await h.slash(teacher.slackUserId, 'tilbyd', { triggerId: 'trigger.offer.1' });
    await h.settled();
    const open = h.fake.ok('views.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.args.trigger_id).toBe('trigger.offer.1');
    const view = open[0]!.args.view;
    expect(view).toMatchObject({ type: 'modal', callback_id: 'probe.offer', private_metadata: 'slot:42', title: { text: 'Tilbyd en lektion' } });
    expect(view.blocks.map((b: any) => [b.block_id, b.element.type])).toEqual([
      ['date', 'datepicker'],
      ['time', 'timepicker'],
      ['theme', 'static_select'],
      ['note', 'plain_text_input'],
    ]);

    // Missing date: the modal stays open with the error under the field.
    const bad = await h.submit(teacher.slackUserId, view, { note: 'Elevernes arbejde i grupper' });
    expect(bad.status).toBe(200);
    expect(await bad.json()).toEqual({ response_action: 'errors', errors: { date: 'Vælg en dato.' } });

    // An error for a field the form does not have lands on the first field instead of breaking Slack.
    const bad2 = await h.submit(teacher.slackUserId, view, { date: '2026-12-01', note: 'en fejl' });
    expect(await bad2.json()).toEqual({ response_action: 'errors', errors: { note: 'Fokus må ikke indeholde "fejl".', date: 'Og noget mere.' } });

    const good = await h.submit(teacher.slackUserId, view, { date: '2026-12-01', time: '10:15', theme: 'klasseledelse', note: 'Overgange' });
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('');
    await h.settled();
    expect(log.submissions.at(-1)).toMatchObject({
      formId: 'probe.offer',
      privateValue: 'slot:42',
      values: { date: '2026-12-01', time: '10:15', theme: 'klasseledelse', note: 'Overgange' },
    });
    // The confirmation goes to the person's DM (a modal has no channel).
    const dm = h.fake.ok('chat.postMessage').at(-1)!;
    expect(dm.args.channel).toBe('DMETTE');
    expect(textOf(dm.args)).toContain('Tak! Lektionen 2026-12-01 er tilbudt.');
  });

  it('closes the modal when the verdict is slow, and sends the field errors privately instead', async () => {
    await h.slash(teacher.slackUserId, 'tilbyd', { triggerId: 'trigger.offer.slow' });
    await h.settled();
    const view = h.fake.ok('views.open')[0]!.args.view;
    let release!: () => void;
    log.formGate = new Promise<void>((r) => (release = r));
    // No date: the verdict will be an error, but the flow is still deciding when the ack must go.
    const res = await h.submit(teacher.slackUserId, view, { note: 'Langsom' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(h.fake.ok('chat.postMessage')).toHaveLength(0);
    release();
    await h.settled();
    const dm = h.fake.ok('chat.postMessage').at(-1)!;
    expect(dm.args.channel).toBe('DMETTE');
    expect(textOf(dm.args)).toContain('blev ikke gemt: Vælg en dato.');
  });

  it('offers a button to open the form when the command came without a trigger (typed in the DM)', async () => {
    await h.event({ type: 'message', channel_type: 'im', channel: 'DMETTE', user: teacher.slackUserId, text: 'tilbyd', ts: '1764000100.000100' });
    await h.settled();
    expect(h.fake.ok('views.open')).toHaveLength(0);
    const prompt = h.fake.ok('chat.postMessage').at(-1)!;
    expect(prompt.args.channel).toBe('DMETTE');
    const button = prompt.args.blocks.find((b: any) => b.type === 'actions').elements[0];
    expect(button.action_id).toBe('slack.replay');
    await h.click(teacher.slackUserId, { actionId: button.action_id, value: button.value }, { triggerId: 'trigger.replay.1' });
    await h.settled();
    expect(h.fake.ok('views.open').map((c) => [c.args.trigger_id, c.args.view.callback_id])).toEqual([['trigger.replay.1', 'probe.offer']]);
  });
});

describe('buttons', () => {
  it('routes a click to the flow and updates the clicked message', async () => {
    const res = await h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-1' }, { container: { type: 'message', channel_id: 'C0AGENTER', message_ts: '1764000050.000100', is_ephemeral: false } });
    expect(res.status).toBe(200);
    await h.settled();
    expect(log.actions.map((a) => [a.actionId, a.value, a.actor.personId])).toEqual([['probe.claim', 'slot-1', teacher.personId]]);
    const update = h.fake.ok('chat.update');
    expect(update.map((c) => [c.args.channel, c.args.ts])).toEqual([['C0AGENTER', '1764000050.000100']]);
    expect(textOf(update[0]!.args)).toContain('Taget af');
  });

  it('replaces an ephemeral message through its response_url', async () => {
    await h.click(teacher.slackUserId, { actionId: 'probe.claim#2', value: 'slot-2' }, { container: { type: 'message', channel_id: 'C0AGENTER', message_ts: '1764000051.000100', is_ephemeral: true } });
    await h.settled();
    expect(log.actions.map((a) => a.actionId)).toEqual(['probe.claim']);
    expect(h.fake.ok('chat.update')).toHaveLength(0);
    expect(lastResponse()).toMatchObject({ replace_original: true });
  });

  it('a retried payload and a double click produce one effect', async () => {
    const retried = { triggerId: 'trigger.same.1', container: { type: 'message', channel_id: 'C0AGENTER', message_ts: '1764000060.000100', is_ephemeral: false } };
    await Promise.all([h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-9' }, retried), h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-9' }, retried)]);
    await h.settled();
    expect(log.actions).toHaveLength(1);
    // Two quick clicks: two different payloads, one effect.
    const container = { type: 'message', channel_id: 'C0AGENTER', message_ts: '1764000061.000100', is_ephemeral: false };
    await h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-10' }, { container });
    await h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-10' }, { container });
    await h.settled();
    expect(log.actions).toHaveLength(2);
  });

  it('ignores link buttons and answers a stale action id politely', async () => {
    await h.click(teacher.slackUserId, { actionId: 'link:0' });
    await h.click(teacher.slackUserId, { actionId: 'booking.gone', value: 'x' });
    await h.settled();
    expect(log.actions).toHaveLength(0);
    expect(h.fake.responses).toHaveLength(1);
    expect(textOf(lastResponse())).toContain('Den knap er ikke længere aktuel');
  });
});

describe('events', () => {
  it('publishes App Home when the tab is opened, once per event_id however often Slack retries', async () => {
    const event = { type: 'app_home_opened', user: teacher.slackUserId, channel: 'DMETTE', tab: 'home', event_ts: '1764000200.000100' };
    for (let retry = 0; retry < 3; retry++) {
      const res = await h.event(event, { eventId: 'Ev0HOME1', retryNum: retry });
      expect(res.status).toBe(200);
    }
    await h.settled();
    const published = h.fake.ok('views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.args.user_id).toBe(teacher.slackUserId);
    expect(published[0]!.args.view.type).toBe('home');
    const home = textOf(published[0]!.args);
    expect(home).toContain(`Velkommen hjem, ${teacher.personId} &lt;!channel&gt;`);
  });

  it('answers a command written in the DM there and remembers the DM channel', async () => {
    await h.event({ type: 'message', channel_type: 'im', channel: 'D0SAMDM', user: english.slackUserId, text: 'my week', ts: '1764000300.000100' });
    await h.settled();
    const posted = h.fake.ok('chat.postMessage');
    expect(posted.map((c) => c.args.channel)).toEqual(['D0SAMDM']);
    expect(textOf(posted[0]!.args)).toContain('You wrote: week');
    const identity = await h.runtime.db.platformIdentity.findFirst({ where: { platform: 'slack', externalId: english.slackUserId } });
    expect(JSON.parse(identity!.conversationRef!)).toEqual({ channel: 'D0SAMDM' });
  });

  it('ignores its own messages, edits and other bots', async () => {
    await h.event({ type: 'message', channel_type: 'im', channel: 'DMETTE', user: BOT_USER_ID, bot_id: 'BBOT', text: 'mine', ts: '1.1' });
    await h.event({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'DMETTE', user: teacher.slackUserId, text: 'mine', ts: '1.2' });
    await h.settled();
    expect(log.commands).toHaveLength(0);
    expect(h.fake.ok('chat.postMessage')).toHaveLength(0);
  });

  it('answers url_verification', async () => {
    const res = await h.post(JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }), 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });
});

describe('request security', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a bad signature', { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['the wrong secret', { secret: 'someone-elses-secret' }],
    ['a stale timestamp', { timestamp: now() - 6 * 60 }],
    ['a timestamp from the future', { timestamp: now() + 6 * 60 }],
    ['no signature header', { signature: '' }],
  ])('rejects %s with 401 and no effect', async (_what, options) => {
    const counted = async () => Number(/sparring_inbound_requests_total\{platform="slack",outcome="unauthorized"\} (\d+)/.exec(await h.runtime.metrics.registry.metrics())?.[1] ?? 0);
    const before = await counted();
    const res = await h.slash(teacher.slackUserId, 'mine', options);
    expect(res.status).toBe(401);
    expect(await counted()).toBe(before + 1);
    const ev = await h.event({ type: 'app_home_opened', user: teacher.slackUserId, tab: 'home' }, options);
    expect(ev.status).toBe(401);
    await h.settled();
    expect(log.commands).toHaveLength(0);
    expect(h.fake.calls).toHaveLength(0);
    expect(h.fake.responses).toHaveLength(0);
  });

  it('refuses a huge body before verifying it (no unbounded buffering of unauthenticated requests), and stays up', async () => {
    // 5 MB with a made-up signature: nobody may make the bot hold that in memory.
    const huge = `payload=${'x'.repeat(5 * 1024 * 1024)}`;
    const res = await h.post(huge, 'application/x-www-form-urlencoded', { signature: 'v0=00' });
    expect(res.status).toBe(413);
    // Without the Slack headers a request is refused before its body is read at all.
    const unsigned = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    await h.slash(teacher.slackUserId, 'mine');
    await h.settled();
    expect(log.commands).toHaveLength(1);
  });

  it('answers malformed bodies with 4xx and stays up', async () => {
    const cases: [string, string][] = [
      ['{"type": "event_callback", ', 'application/json'],
      ['payload=%7Bnot-json', 'application/x-www-form-urlencoded'],
      ['{"hello": "world"}', 'application/json'],
      ['[]', 'application/json'],
      ['null', 'application/json'],
      ['{"type": "event_callback"}', 'application/json'],
      [`payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions' }))}`, 'application/x-www-form-urlencoded'],
      ['command=%2Fsparring', 'application/x-www-form-urlencoded'],
    ];
    for (const [body, type] of cases) {
      const res = await h.post(body, type);
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    // Unsigned garbage is refused before it is even parsed.
    const unsigned = await fetch(`${h.url}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{{{' });
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    await h.slash(teacher.slackUserId, 'mine');
    await h.settled();
    expect(log.commands).toHaveLength(1);
  });
});
