// A rate-limited fan-out (issue #13, fault 7):
//   npx tsx bench/fanout.ts [--recipients 800] [--scale 20]
// N staff who never had a DM from the bot each get one message: N "chat.deliver" jobs run by a
// started job worker (real SQLite file, system clock) through the real Slack driver and Web API
// client, against the fake Slack on loopback, which enforces Slack's published limits —
// conversations.open Tier 3 (50 a minute, small burst) and chat.postMessage about 1 a second per
// channel — answering 429 with Retry-After beyond them. `--scale` speeds Slack's clock up (limits ×
// scale, for the fake and the pacer alike) so 800 recipients take about a minute instead of 16.
// Prints the total time against the rate-limit floor (the time the limits alone force), and how many
// messages were lost (never in the recipient's DM) or duplicated (more than once).
import { parseArgs } from 'node:util';
import { webApi } from '@slack/bolt';
import { clientOptions } from '../src/bot/slack/client.js';
import { SlackDriver } from '../src/bot/slack/driver.js';
import { Pacer, SLACK_LIMITS, type PaceLimit, type PacerLimits } from '../src/bot/slack/pacer.js';
import { systemClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { createRuntime } from '../src/runtime.js';
import { prepareSqlite } from '../src/store/client.js';
import { startFakeSlack, TEAM_ID } from '../tests/bot/slack/fake-slack.js';
import { createTestDatabase } from '../tests/support/database.js';

const { values } = parseArgs({ options: { recipients: { type: 'string', default: '800' }, scale: { type: 'string', default: '20' } } });
const N = Number(values.recipients);
const SCALE = Number(values.scale);

const scaled = (l: PaceLimit): PaceLimit => ({ perMinute: l.perMinute * SCALE, burst: l.burst });
const limits: PacerLimits = {
  ...SLACK_LIMITS,
  methods: Object.fromEntries(Object.entries(SLACK_LIMITS.methods).map(([m, l]) => [m, scaled(l)])),
  perChannel: scaled(SLACK_LIMITS.perChannel),
};

/** Slack's side: a token bucket per method (and per channel for posting); beyond it, 429 + Retry-After. */
class SlackLimit {
  private tokens: number;
  private at = Date.now();
  constructor(private readonly l: PaceLimit) {
    this.tokens = l.burst;
  }
  /** 0 when the call may go through, else seconds to wait. */
  take(): number {
    const now = Date.now();
    this.tokens = Math.min(this.l.burst, this.tokens + ((now - this.at) * this.l.perMinute) / 60_000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) * 60) / this.l.perMinute));
  }
}

const database = await createTestDatabase();
await prepareSqlite(database.target);
const fake = await startFakeSlack();
const openLimit = new SlackLimit(limits.methods['conversations.open']!);
const channelLimits = new Map<string, SlackLimit>();
const limited = (wait: number) => ({ status: 429, headers: { 'retry-after': String(wait) }, body: { ok: false, error: 'ratelimited' } });
let refused = 0;
fake.on('conversations.open', () => {
  const wait = openLimit.take();
  if (wait === 0) return undefined;
  refused += 1;
  return limited(wait);
});
fake.on('chat.postMessage', (args) => {
  const channel = String(args.channel);
  if (!channelLimits.has(channel)) channelLimits.set(channel, new SlackLimit(limits.perChannel));
  const wait = channelLimits.get(channel)!.take();
  if (wait === 0) return undefined;
  refused += 1;
  return limited(wait);
});

const runtime = await createRuntime({
  config: { timeZone: 'Europe/Copenhagen', locale: 'da', defaultMunicipality: 'bench' },
  db: database.db,
  clock: systemClock,
  logger: silentLogger,
  flows: [],
  jobOptions: { retryBaseMs: 1000 },
});
const client = new webApi.WebClient('xoxb-bench', clientOptions(fake.apiUrl));
runtime.chat.addDriver(new SlackDriver(client, runtime.directory, silentLogger, new Pacer(limits)));

const m = await runtime.db.municipality.create({ data: { slug: 'bench', name: 'Bench Kommune' } });
const people: { id: string; dm: string }[] = [];
for (let i = 0; i < N; i++) {
  const p = await runtime.db.person.create({ data: { municipalityId: m.id, name: `Agent ${i}`, email: `agent${i}@skole.dk` } });
  await runtime.directory.linkIdentity({ personId: p.id, platform: 'slack', tenantId: TEAM_ID, externalId: `UB${i}` });
  people.push({ id: p.id, dm: `DB${i}` });
}
await runtime.stores.transaction(async (tx) => {
  for (const p of people) await tx.chat.sendToPerson(p.id, () => ({ summary: 'Ny lektion til feedback', blocks: [] }), { key: `bench:${p.id}`, quietHoursApply: false });
});

const started = Date.now();
runtime.jobs.start('Europe/Copenhagen');
for (;;) {
  await new Promise((r) => setTimeout(r, 250));
  const c = await runtime.jobStore.counts(new Date());
  if (c.pending === 0 && c.running === 0) break;
}
const totalMs = Date.now() - started;
await runtime.jobs.stop();

const open = limits.methods['conversations.open']!;
const floorMs = (Math.max(0, N - open.burst) * 60_000) / open.perMinute;
const counts = people.map((p) => fake.messagesIn(p.dm).length);
const failed = await runtime.db.job.count({ where: { status: 'failed' } });
console.log(`recipients ${N}, Slack limits ×${SCALE} (conversations.open ${open.perMinute}/min, burst ${open.burst})`);
console.log(`total ${(totalMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s → ${(totalMs / floorMs).toFixed(2)}× the floor`);
console.log(`lost ${counts.filter((n) => n === 0).length}, duplicated ${counts.filter((n) => n > 1).length}, failed jobs ${failed}, 429 answers ${refused}`);
console.log(`Web API calls: conversations.open ${fake.all('conversations.open').length}, chat.postMessage ${fake.all('chat.postMessage').length}`);

await fake.stop();
await database.cleanup();
