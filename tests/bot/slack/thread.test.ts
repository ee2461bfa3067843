// The Slack work thread, as `sparring serve` runs Slack: the main thread verifies and acks, the
// listeners, flows and database work run in a worker thread with its own runtime on the same
// database file. Same signed requests over loopback as slack.test.ts; the flows live in the thread
// (thread-runtime.ts), so assertions are on what reached the fake Web API and the database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import express from 'express';
import { MemoryChat } from '../../../src/bot/memory/driver.js';
import { createSlackAdapter } from '../../../src/bot/slack/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { loadConfig } from '../../../src/config/index.js';
import { createRuntime } from '../../../src/runtime.js';
import { createTestDatabase } from '../../support/database.js';
import { startFakeSlack } from './fake-slack.js';
import { toPlain } from '../../../src/core/i18n/text.js';
import { startHarness, textOf, type Harness, type SlackPerson } from './harness.js';

let h: Harness;
let teacher: SlackPerson;
let playground: MemoryChat;
let onPlayground: string;

beforeAll(async () => {
  h = await startHarness({ thread: { runtimeModule: new URL('./thread-runtime.ts', import.meta.url).href, platforms: ['slack', 'local'] } });
  // A second platform on the main thread: a message the thread sends there goes through it.
  playground = new MemoryChat();
  h.runtime.chat.addDriver(playground);
  teacher = await h.person({ name: 'Mette Lærer', slackUserId: 'UMETTE', roles: [['teacher', 'Holmegaardskolen']] });
  const agent = await h.runtime.db.person.create({ data: { municipalityId: h.municipalityId, name: 'Anders Agent', email: 'anders@skole.dk' } });
  await h.runtime.directory.linkIdentity({ personId: agent.id, platform: 'local', tenantId: '', externalId: agent.id });
  onPlayground = agent.id;
}, 30_000);

afterAll(async () => {
  await h?.close();
});

beforeEach(async () => {
  await h.settled();
  h.fake.reset();
});

const lastResponse = () => h.fake.responses.at(-1)?.body;

describe('Slack work thread', () => {
  it('runs on a thread of its own', () => {
    expect(h.adapter.mode).toBe('thread');
  });

  it('acks a command at once and answers from the thread through the response_url', async () => {
    const res = await h.slash(teacher.slackUserId, 'mine uge 49');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.settled();
    expect(textOf(lastResponse())).toContain('Du skrev: uge 49');
  });

  it('updates the clicked message', async () => {
    await h.click(teacher.slackUserId, { actionId: 'probe.claim', value: 'slot-1' }, { container: { type: 'message', message_ts: '1764000300.000100', channel_id: 'C0AGENTER', is_ephemeral: false } });
    await h.settled();
    const update = h.fake.ok('chat.update');
    expect(update.map((c) => [c.args.channel, c.args.ts])).toEqual([['C0AGENTER', '1764000300.000100']]);
    expect(textOf(update[0]!.args)).toContain('Taget af');
  });

  it('brings a modal\'s field errors back into the ack, then accepts a good submission', async () => {
    await h.slash(teacher.slackUserId, 'tilbyd', { triggerId: 'trigger.thread.1' });
    await h.settled();
    const view = h.fake.ok('views.open')[0]!.args.view;
    const bad = await h.submit(teacher.slackUserId, view, { note: 'Gruppearbejde' });
    expect(await bad.json()).toEqual({ response_action: 'errors', errors: { date: 'Vælg en dato.' } });
    const good = await h.submit(teacher.slackUserId, view, { date: '2026-12-03', note: 'Overgange' });
    expect(await good.text()).toBe('');
    await h.settled();
    expect(textOf(h.fake.ok('chat.postMessage').at(-1)!.args)).toContain('Tak! Lektionen 2026-12-03 er tilbudt.');
  });

  it('handles an event once however often Slack delivers it', async () => {
    const event = { type: 'app_home_opened', user: teacher.slackUserId, channel: 'DMETTE', tab: 'home', event_ts: '1764000400.000100' };
    for (const retry of [0, 1, 2]) expect((await h.event(event, { eventId: 'Ev0THREAD1', retryNum: retry })).status).toBe(200);
    await h.settled();
    expect(h.fake.ok('views.publish')).toHaveLength(1);
  });

  it('sends to a person on another platform through the main thread\'s driver', async () => {
    await h.click(teacher.slackUserId, { actionId: 'relay.tell', value: onPlayground });
    await h.settled();
    expect(textOf(lastResponse())).toContain('Sendt via local');
    const sent = playground.messages.filter((m) => m.to === `person:${onPlayground}`);
    expect(sent.map((m) => toPlain(m.message.blocks[0]!.type === 'text' ? m.message.blocks[0]!.text : []))).toEqual([`Hej fra ${teacher.personId}`]);
  });

  it('counts the thread\'s work in /metrics', async () => {
    const scrape = async () => (await fetch(`${h.url}/metrics`)).text();
    const sentToPlayground = async () => Number(/sparring_messages_sent_total\{platform="local"\} (\d+)/.exec(await scrape())?.[1] ?? 0);
    const before = await sentToPlayground();
    // Another message than the previous test's click (the same click twice within 2 s is one click).
    await h.click(teacher.slackUserId, { actionId: 'relay.tell', value: onPlayground }, { container: { type: 'message', message_ts: '1764000500.000100', channel_id: 'DMETTE', is_ephemeral: false } });
    await h.settled();
    // Counted by the thread's chat router: the main thread never saw this message go out.
    expect(await sentToPlayground()).toBe(before + 1);
    // The job gauge is read from the one database once, not once per thread.
    expect((await scrape()).match(/^sparring_jobs\{state="pending"\}/gm)).toHaveLength(1);
  });

  it('starts a new thread when the thread dies; /healthz says so meanwhile; requests wait for it', async () => {
    const health = async () => {
      const res = await fetch(`${h.url}/healthz`);
      return { status: res.status, slack: ((await res.json()) as { slack?: string }).slack };
    };
    expect(await health()).toEqual({ status: 200, slack: 'ok' });
    await h.click(teacher.slackUserId, { actionId: 'relay.crash' });
    // The ack was sent before the thread died. It died within seconds of starting, so the next
    // one starts after a pause (no crash loop), during which the bot reports itself unhealthy.
    // Deadlines, not counts: the thread runs at idle priority, so on a busy machine it may take a while.
    const until = async (wanted: number) => {
      let seen = await health();
      for (const end = Date.now() + 15_000; seen.status !== wanted && Date.now() < end; seen = await health()) await new Promise((r) => setTimeout(r, 10));
      return seen;
    };
    expect(await until(503)).toEqual({ status: 503, slack: 'down' });
    // A command that arrives meanwhile is held and answered by the new thread.
    expect((await h.slash(teacher.slackUserId, 'mine mens den genstarter')).status).toBe(200);
    expect(await until(200)).toEqual({ status: 200, slack: 'ok' });
    await h.settled();
    expect(h.fake.responses.map((r) => textOf(r.body)).join()).toContain('Du skrev: mens den genstarter');
  }, 40_000);
});

it('a thread that cannot start says so, and how to run without it', async () => {
  const fake = await startFakeSlack();
  const database = await createTestDatabase();
  try {
    const config = loadConfig({ DATABASE_URL: `file:${database.file}`, LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: fake.apiUrl });
    const runtime = await createRuntime({ config, db: database.db, clock: { now: () => new Date() }, logger: silentLogger, flows: [] });
    const adapter = createSlackAdapter({
      runtime,
      slack: config.slack!,
      app: express(),
      thread: { config, runtimeModule: new URL('./thread-runtime.ts', import.meta.url).href, runtimeData: { fail: 'the database is not reachable' } },
    });
    await expect(adapter.start()).rejects.toThrow('the Slack work thread could not start: the database is not reachable (SLACK_WORK_THREAD=false runs Slack on the main thread instead)');
    expect(adapter.healthy()).toBe(false);
  } finally {
    await fake.stop();
    await database.cleanup();
  }
});
