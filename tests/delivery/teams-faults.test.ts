// Fault injection against the real thing, on Teams: `sparring serve` (compiled dist/) as a child
// process configured for Teams alone, a fake Bot Framework connector on loopback
// (tests/bot/teams/fake-connector.ts), and a SQLite file the test filled the way the flows do. Each
// person's stored conversation reference names the fake as its serviceUrl, which is where the bot's
// outgoing calls go. What counts is what people received: the activities the fake took, per 1:1 chat.
//
// Teams has no way to find a message by our id (no message metadata, no history through the Bot
// Framework), so unlike Slack (faults.test.ts) a crash after the connector took a message and before
// the job was marked done sends that message again when the lease runs out. The guarantee tested
// here is exactly that: nothing is lost, and a kill -9 duplicates at most the one message in flight
// (the worker sends one at a time). Everything else — a kill outside that window, 429 storms and 5xx,
// a connector answering after the driver stopped waiting — gives exactly one copy.
//
// Quiet hours are tested in tests/core and tests/flows; CI runs at any hour, so the queued deliveries
// here are marked as not waiting for working hours.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeConnector, type Call } from '../bot/teams/fake-connector.js';
import { BOT, TENANT } from '../bot/teams/harness.js';
import { createScenario, type Scenario } from '../support/scenario.js';
import * as queue from './queue.js';
import { MONDAY } from './queue.js';
import { LEASE_SECONDS, ServerProcess, teamsEnv, until } from './server.js';

let s: Scenario | undefined;
let fake: FakeConnector | undefined;
let server: ServerProcess | undefined;

const queueDigest = () => queue.queueDigest(s!);
const dueNowAtAnyHour = () => queue.dueNowAtAnyHour(s!);
const deliveries = () => queue.deliveries(s!);
const allDelivered = () => queue.allDelivered(s!);

afterEach(async () => {
  await server?.stop();
  await fake?.stop();
  await s?.cleanup();
  server = fake = s = undefined;
});

interface Person {
  personId: string;
  /** The 1:1 chat Teams has with this person (stored as their conversation reference). */
  conversationId: string;
}

async function setUp(): Promise<void> {
  s = await createScenario({ now: MONDAY });
  fake = await new FakeConnector().start();
  server = new ServerProcess(s.databaseUrl, teamsEnv(), 'naestved');
}

let people = 0;
/** A roster person who has talked to the bot in Teams: their 1:1 chat's reference points at the fake connector. */
async function teamsPerson(name: string, role: 'leader' | 'learning_agent', school = 'Herlufsholm Skole'): Promise<Person> {
  const n = ++people;
  const actor = await s!.person({ name, email: `person${n}@skole.dk`, roles: [[role, school]] });
  const aadObjectId = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const conversationId = `a:personal-${n}`;
  const ref = {
    channelId: 'msteams',
    serviceUrl: fake!.serviceUrl,
    conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
    bot: BOT,
    user: { id: `29:user-${n}`, name, aadObjectId },
  };
  await s!.runtime.directory.linkIdentity({ personId: actor.personId, platform: 'teams', tenantId: TENANT, externalId: aadObjectId, conversationRef: JSON.stringify(ref) });
  return { personId: actor.personId, conversationId };
}

/** One delivery per agent, queued in one transaction as a flow would. */
async function queueFanOut(agents: Person[], what: string): Promise<void> {
  await s!.runtime.stores.transaction(async (tx) => {
    for (const a of agents) await tx.chat.sendToPerson(a.personId, () => ({ summary: what, blocks: [] }), { key: `fanout:${a.personId}`, quietHoursApply: false });
  });
  await dueNowAtAnyHour();
}

async function jobOf(p: Person) {
  return (await deliveries()).find((j) => j.idempotencyKey.endsWith(`:${p.personId}`))!;
}

const isSend = (c: Pick<Call, 'kind'>) => c.kind === 'send';
/** The digest's details follow the headline as a second card in the same 1:1 chat. */
const isDetails = (c: Pick<Call, 'body'>) => String(c.body?.summary ?? '').startsWith('Detaljer');
/** Messages the person has in their 1:1 chat (the connector took them). */
const received = (p: Person) => fake!.delivered('send').filter((c) => c.conversationId === p.conversationId);
const copies = (p: Person) => received(p).filter((c) => !isDetails(c)).length;
const details = (p: Person) => received(p).filter(isDetails).length;
/** Every call the bot made to send into a person's chat, whatever the answer. */
const sendsTo = (p: Person) => fake!.calls.filter((c) => isSend(c) && c.conversationId === p.conversationId);

describe('the weekly digest to three leaders by DM', () => {
  const threeLeaders = async () => [await teamsPerson('Lise Leder', 'leader'), await teamsPerson('Lars Leder', 'leader'), await teamsPerson('Lone Leder', 'leader')];

  it('kill -9 between leader 1’s and leader 2’s copy, restart: the leaders get 1, 1, 1', async () => {
    await setUp();
    const leaders = await threeLeaders();
    await queueDigest();
    expect(await deliveries()).toHaveLength(3);

    // Leader 2's copy reaches the connector, but the bot dies before the connector takes it.
    let killed = false;
    fake!.onArrival = (call) => {
      if (killed || !isSend(call) || call.conversationId !== leaders[1]!.conversationId || isDetails(call)) return;
      killed = true;
      server!.kill();
      return 'drop';
    };
    await server!.start();
    await server!.killed();
    fake!.onArrival = undefined;
    await server!.start();
    await until(allDelivered, 'every delivery done', (LEASE_SECONDS + 60) * 1000);

    expect(killed).toBe(true);
    expect(leaders.map(copies)).toEqual([1, 1, 1]);
    expect(leaders.map(details)).toEqual([1, 1, 1]);
    expect(server!.starts).toBe(2);
  }, 150_000);

  it('kill -9 right after the connector took leader 2’s copy (the crash window): 1, 2, 1 — the copy in flight once more, nothing lost', async () => {
    await setUp();
    const leaders = await threeLeaders();
    await queueDigest();

    let killed = false;
    fake!.onAccepted = (call) => {
      // The connector has posted leader 2's digest; the bot dies before it hears so.
      if (killed || !isSend(call) || call.conversationId !== leaders[1]!.conversationId || isDetails(call)) return;
      killed = true;
      server!.kill();
    };
    await server!.start();
    await server!.killed();
    fake!.onAccepted = undefined;
    await server!.start();
    await until(allDelivered, 'every delivery done', (LEASE_SECONDS + 60) * 1000);

    // Teams cannot be asked whether the copy is there: after the lease it is sent again. Exactly the
    // message in flight, exactly once more; its details follow once, after the copy that was answered.
    expect(leaders.map(copies)).toEqual([1, 2, 1]);
    expect(leaders.map(details)).toEqual([1, 1, 1]);
  }, 150_000);
});

describe('429 storms and 5xx on send-activity', () => {
  it('20 agents through three storms of 429 with Retry-After and 5xx: 0 lost, 0 duplicated, no call before Retry-After, one attempt per 5xx and none per 429', async () => {
    await setUp();
    const agents: Person[] = [];
    for (let i = 1; i <= 20; i++) agents.push(await teamsPerson(`Agent ${i}`, 'learning_agent'));
    await queueFanOut(agents, 'Ny lektion til dig');

    // Refused calls post nothing (a 429 or 503 is the connector saying no).
    const storm = (...answers: { status: number; retryAfter?: number }[]) =>
      fake!.failNext(isSend, ...answers.map((a) => ({ status: a.status, ...(a.retryAfter !== undefined ? { headers: { 'Retry-After': String(a.retryAfter) } } : {}), body: { error: { code: a.status === 429 ? 'Throttled' : 'ServiceError', message: 'try later' } } })));
    storm({ status: 429, retryAfter: 2 }, { status: 429, retryAfter: 1 }, { status: 503 });
    let accepted = 0;
    fake!.onAccepted = (call) => {
      if (!isSend(call)) return;
      accepted += 1;
      if (accepted === 7) storm({ status: 503, retryAfter: 1 }, { status: 429, retryAfter: 2 }, { status: 429, retryAfter: 2 });
      if (accepted === 14) storm({ status: 500 }, { status: 429, retryAfter: 1 }, { status: 502 });
    };
    await server!.start();
    await until(allDelivered, 'every delivery done');

    expect(agents.map(copies)).toEqual(agents.map(() => 1));
    const sends = fake!.calls.filter(isSend);
    const refused = sends.filter((c) => c.status >= 400);
    expect(refused.map((c) => c.status)).toEqual([429, 429, 503, 503, 429, 429, 500, 429, 502]);
    // After an answer with Retry-After, nothing is sent to the connector before that time has passed
    // — to no one (the worker sends one message at a time, so this is the order the bot chose).
    for (const r of refused) {
      const ra = Number(r.headers?.['Retry-After'] ?? 0);
      if (!ra) continue;
      const next = sends.find((c) => c.at > r.at);
      expect(next, `a call after the ${r.status} at ${r.at}`).toBeDefined();
      expect(next!.at - r.at, `wait after ${r.status} with Retry-After ${ra}`).toBeGreaterThanOrEqual(ra * 1000);
    }
    // The job engine owns every retry: each 5xx is one failed attempt of that delivery (the SDK did
    // not try again underneath), a rate limit is a retry that uses up no attempt.
    for (const a of agents) {
      const calls = sendsTo(a);
      const fivexx = calls.filter((c) => c.status >= 500).length;
      expect((await jobOf(a)).attempts, `attempts of ${a.conversationId}: ${calls.map((c) => c.status).join(', ')}`).toBe(1 + fivexx);
    }
  }, 120_000);
});

describe('a slow connector', () => {
  it('send answered after 11 s (the driver waits 10 s for an answer): exactly one copy, the next try takes the late answer', async () => {
    await setUp();
    const agent = await teamsPerson('Anders Agent', 'learning_agent');
    await queueFanOut([agent], 'Ny lektion');
    fake!.delayNext(isSend, 11_000);
    await server!.start();
    await until(allDelivered, 'the delivery done');

    expect(copies(agent)).toBe(1);
    expect(sendsTo(agent)).toHaveLength(1);
    const job = await jobOf(agent);
    expect(job.attempts).toBe(2);
  }, 120_000);
});

describe('a fan-out to 60 agents', () => {
  it('three kill -9 at random points: 0 lost, at most one duplicate per kill, and only of the message in flight', async () => {
    await setUp();
    const agents: Person[] = [];
    for (let i = 1; i <= 60; i++) agents.push(await teamsPerson(`Agent ${i}`, 'learning_agent'));
    await queueFanOut(agents, 'Ny lektion til dig');

    // Three kill points among the 60 accepted sends; each either in the crash window (the connector
    // took the message, the bot never heard) or a moment after the answer left.
    const points = [3 + rand(15), 23 + rand(15), 43 + rand(14)];
    const afterAnswer = points.map(() => Math.random() < 0.5);
    let accepted = 0;
    let kills = 0;
    let dead = false;
    let last = '';
    /** The messages whose fate a kill left open: the last one taken before it, and any taken after it. */
    const inFlight = new Set<string>();
    const kill = () => {
      dead = true;
      inFlight.add(last);
      server!.kill();
    };
    fake!.onAccepted = (call) => {
      if (!isSend(call)) return;
      last = call.conversationId;
      if (dead) inFlight.add(call.conversationId);
      accepted += 1;
      const k = points.indexOf(accepted);
      if (k === -1) return;
      kills += 1;
      if (afterAnswer[k]) setTimeout(kill, rand(30));
      else kill();
    };
    const context = () => `kill points ${points.join(', ')} (after the answer: ${afterAnswer.join(', ')})`;
    await server!.start();
    for (let k = 0; k < points.length; k++) {
      await until(() => kills > k && dead, `kill ${k + 1}; ${context()}`);
      await server!.killed();
      dead = false;
      await server!.start();
    }
    await until(allDelivered, `every delivery done; ${context()}`, (LEASE_SECONDS * 3 + 90) * 1000);

    const counts = agents.map(copies);
    const duplicated = agents.filter((a) => copies(a) > 1).map((a) => a.conversationId);
    console.info(`Teams fan-out, 60 agents: ${kills} kills, ${duplicated.length} duplicated (${duplicated.join(', ') || 'none'}); ${context()}`);
    expect(counts.filter((n) => n === 0), `lost; ${context()}`).toHaveLength(0);
    expect(Math.max(...counts), `copies; ${context()}`).toBeLessThanOrEqual(2);
    expect(duplicated.length, `duplicated; ${context()}`).toBeLessThanOrEqual(kills);
    for (const d of duplicated) expect([...inFlight], `${d} duplicated but was not in flight at a kill; ${context()}`).toContain(d);
    expect(server!.starts).toBe(4);
  }, 300_000);
});

function rand(n: number): number {
  return Math.floor(Math.random() * n);
}
