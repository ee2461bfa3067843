// Fault injection against the real thing: `sparring serve` (compiled dist/) as a child process, a fake
// Slack Web API on loopback, and a SQLite file the test filled the way the flows do. The faults of
// issue #13: kill -9 in the middle of a digest to three leaders and of a 60-agent fan-out, a 429 on
// one leader's copy, a Slack that answers after the client's 10 s timeout. What counts is what
// people received: the messages in each DM at the fake Slack — exactly one each.
//
// Quiet hours are tested in tests/core and tests/flows; CI runs at any hour, so the queued deliveries
// here are marked as not waiting for working hours.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlack, TEAM_ID, type FakeCall, type FakeSlack } from '../bot/slack/fake-slack.js';
import { createScenario, type Scenario } from '../support/scenario.js';
import * as queue from './queue.js';
import { MONDAY } from './queue.js';
import { LEASE_SECONDS, ServerProcess, slackEnv, until } from './server.js';

let s: Scenario | undefined;
let slack: FakeSlack | undefined;
let server: ServerProcess | undefined;

const queueDigest = () => queue.queueDigest(s!);
const dueNowAtAnyHour = () => queue.dueNowAtAnyHour(s!);
const deliveries = () => queue.deliveries(s!);
const allDelivered = () => queue.allDelivered(s!);

afterEach(async () => {
  await server?.stop();
  await slack?.stop();
  await s?.cleanup();
  server = slack = s = undefined;
});

interface Person {
  personId: string;
  userId: string;
  dm: string;
}

async function setUp(): Promise<void> {
  s = await createScenario({ now: MONDAY });
  slack = await startFakeSlack();
  server = new ServerProcess(s.databaseUrl, slackEnv(slack), 'naestved');
}

/** A roster person known on Slack (never written to: the bot opens the DM itself). */
async function slackPerson(name: string, userId: string, role: 'leader' | 'learning_agent', school = 'Herlufsholm Skole'): Promise<Person> {
  const actor = await s!.person({ name, email: `${userId.toLowerCase()}@skole.dk`, roles: [[role, school]] });
  await s!.runtime.directory.linkIdentity({ personId: actor.personId, platform: 'slack', tenantId: TEAM_ID, externalId: userId });
  return { personId: actor.personId, userId, dm: `D${userId.slice(1)}` };
}

const copies = (p: Person) => slack!.messagesIn(p.dm).filter((m) => !m.threadTs && !m.files).length;
/** The digest's details go as a reply in the headline's thread: one each, too. */
const replies = (p: Person) => slack!.messagesIn(p.dm).filter((m) => m.threadTs).length;
/** The headline's chart is an uploaded file, shared into the DM as a message of its own. */
const charts = (p: Person) => slack!.messagesIn(p.dm).filter((m) => m.files?.length).length;
const posts = (channel: string) => slack!.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts);

describe('the weekly digest to three leaders by DM', () => {
  /** Three leaders, the digest queued; the server is killed the moment Slack accepts the call `dies` picks, then restarted. */
  async function digestWithKill(dies: (call: FakeCall) => boolean): Promise<Person[]> {
    await setUp();
    const leaders = [await slackPerson('Lise Leder', 'UL1', 'leader'), await slackPerson('Lars Leder', 'UL2', 'leader'), await slackPerson('Lone Leder', 'UL3', 'leader')];
    await queueDigest();
    expect(await deliveries()).toHaveLength(3);
    slack!.onAccepted = (call) => {
      // Slack has taken it; the bot dies before it hears so (the crash window).
      if (dies(call)) server!.kill();
    };
    await server!.start();
    await server!.killed();
    slack!.onAccepted = undefined;
    await server!.start();
    await until(allDelivered, 'every delivery done', (LEASE_SECONDS + 60) * 1000);
    expect(server!.starts).toBe(2);
    return leaders;
  }

  /** True on the n-th accepted call that `match` picks. */
  const nth = (n: number, match: (call: FakeCall) => boolean) => {
    let seen = 0;
    return (call: FakeCall) => match(call) && ++seen === n;
  };
  const isPost = (call: FakeCall) => call.method === 'chat.postMessage';

  it.each([
    // [what Slack took when the bot died, the call that finds it again on the restart]
    ['the 2nd DM (the headline)', nth(2, (c) => isPost(c) && !c.args.thread_ts), 'conversations.history'],
    ['the 2nd leader’s chart (found by its file name)', nth(2, (c) => c.method === 'files.completeUploadExternal'), 'conversations.history'],
    ['the 2nd leader’s details (the reply in the thread)', nth(2, (c) => isPost(c) && !!c.args.thread_ts), 'conversations.replies'],
  ] as const)('kill -9 right after Slack took %s, restart: the leaders get 1, 1, 1 of each part', async (_what, dies, lookUp) => {
    const leaders = await digestWithKill(dies);
    expect(leaders.map(copies)).toEqual([1, 1, 1]);
    expect(leaders.map(charts)).toEqual([1, 1, 1]);
    expect(leaders.map(replies)).toEqual([1, 1, 1]);
    // What went out in the crash window was found in the conversation, not sent again.
    expect(slack!.all(lookUp).length).toBeGreaterThanOrEqual(1);
  }, 150_000);

  it('one 429 on leader 2’s copy: nobody gets it twice, and leader 2 is not asked again before Retry-After', async () => {
    await setUp();
    const leaders = [await slackPerson('Lise Leder', 'UL1', 'leader'), await slackPerson('Lars Leder', 'UL2', 'leader'), await slackPerson('Lone Leder', 'UL3', 'leader')];
    await queueDigest();
    let refusedAt = 0;
    slack!.on('chat.postMessage', (args) => {
      if (args.channel !== leaders[1]!.dm || args.thread_ts || refusedAt) return undefined;
      refusedAt = Date.now();
      return { status: 429, headers: { 'retry-after': '2' }, body: { ok: false, error: 'ratelimited' } };
    });
    await server!.start();
    await until(allDelivered, 'every delivery done');

    expect(leaders.map(copies)).toEqual([1, 1, 1]);
    expect(leaders.map(replies)).toEqual([1, 1, 1]);
    expect(leaders.map(charts)).toEqual([1, 1, 1]);
    const toLeader2 = posts(leaders[1]!.dm);
    expect(toLeader2).toHaveLength(2);
    expect(toLeader2[1]!.at - toLeader2[0]!.at).toBeGreaterThanOrEqual(2000);
    // A rate limit is a retry, not a failed attempt.
    const job = (await deliveries()).find((j) => j.idempotencyKey.endsWith(`:to:${leaders[1]!.personId}`))!;
    expect(job.attempts).toBe(1);
  }, 120_000);
});

describe('a slow Slack', () => {
  it('chat.postMessage answered after 11 s (client timeout 10 s): exactly one copy', async () => {
    await setUp();
    const agent = await slackPerson('Anders Agent', 'UA1', 'learning_agent');
    await s!.runtime.stores.transaction((tx) => tx.chat.sendToPerson(agent.personId, () => ({ summary: 'Ny lektion', blocks: [] }), { key: 'slow:1', quietHoursApply: false }));
    await dueNowAtAnyHour();
    slack!.on('chat.postMessage', (_args, n) => (n === 1 ? { delayMs: 11_000, body: { ok: true, channel: agent.dm, ts: '1800000000.000100' } } : undefined));
    await server!.start();
    await until(allDelivered, 'the delivery done');

    expect(copies(agent)).toBe(1);
    expect(posts(agent.dm)).toHaveLength(1);
    expect(slack!.all('conversations.history')).toHaveLength(1);
    const [job] = await deliveries();
    expect(job!.attempts).toBe(2);
  }, 120_000);
});

describe('a fan-out to 60 agents', () => {
  it('three kill -9 at random points: 0 lost, 0 duplicated', async () => {
    await setUp();
    const agents: Person[] = [];
    for (let i = 1; i <= 60; i++) agents.push(await slackPerson(`Agent ${i}`, `UA${i}`, 'learning_agent'));
    await s!.runtime.stores.transaction(async (tx) => {
      for (const a of agents) await tx.chat.sendToPerson(a.personId, () => ({ summary: 'Ny lektion til dig', blocks: [] }), { key: `fanout:${a.personId}`, quietHoursApply: false });
    });
    await dueNowAtAnyHour();

    // Three kill points among the 60 accepted posts; each either in the crash window (Slack posted,
    // the bot never heard) or just after the answer left.
    const points = [3 + rand(15), 23 + rand(15), 43 + rand(14)];
    const afterAnswer = points.map(() => Math.random() < 0.5);
    let accepted = 0;
    let kills = 0;
    slack!.onAccepted = (call: FakeCall) => {
      if (call.method !== 'chat.postMessage') return;
      accepted += 1;
      const k = points.indexOf(accepted);
      if (k === -1) return;
      kills += 1;
      if (afterAnswer[k]) setTimeout(() => server!.kill(), rand(30));
      else server!.kill();
    };
    const context = () => `kill points ${points.join(', ')} (after the answer: ${afterAnswer.join(', ')})`;
    await server!.start();
    for (let k = 0; k < points.length; k++) {
      await until(() => kills > k, `kill ${k + 1}; ${context()}`);
      await server!.killed();
      await server!.start();
    }
    await until(allDelivered, `every delivery done; ${context()}`, (LEASE_SECONDS * 3 + 90) * 1000);

    const counts = agents.map(copies);
    expect(counts.filter((n) => n === 0), `lost; ${context()}`).toHaveLength(0);
    expect(counts.filter((n) => n > 1), `duplicated; ${context()}`).toHaveLength(0);
    expect(server!.starts).toBe(4);
  }, 300_000);
});

function rand(n: number): number {
  return Math.floor(Math.random() * n);
}
