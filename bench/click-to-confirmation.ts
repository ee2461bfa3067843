// From a click on "Tag den" to the teacher's confirmation arriving at the platform:
//   npx tsx bench/click-to-confirmation.ts [--rounds 20] [--agents 100]
// The real Slack adapter (our receiver + Bolt) on 127.0.0.1 with a real SQLite file and a started job
// worker, against the fake Slack Web API. Each round a teacher's lesson is open and announced;
// "single": one agent clicks; "race": every agent clicks at the same instant (signed HTTP requests
// in parallel). Measured from sending the (first) click to the fake receiving chat.postMessage in the
// teacher's DM — the claim's transaction, the worker's wake-up, the delivery job and the Web API call.
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { percentile } from './claim-setup.js';
import { createBookingFlow } from '../src/flows/booking/index.js';
import { startHarness, type SlackPerson } from '../tests/bot/slack/harness.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, agents: { type: 'string', default: '100' } } });
const rounds = Number(values.rounds);
const agentCount = Number(values.agents);

const h = await startHarness({ flows: [createBookingFlow], now: '2026-10-20T08:00:00Z' });
h.runtime.jobs.start('Europe/Copenhagen');
const SCHOOL = 'Holmegårdsskolen';
const teacher = await h.person({ name: 'Tina Thomsen', slackUserId: 'UTEACHER', roles: [['teacher', SCHOOL]] });
await h.runtime.directory.linkIdentity({ personId: teacher.personId, platform: 'slack', tenantId: 'T0SKOLE', externalId: teacher.slackUserId, conversationRef: JSON.stringify({ channel: 'DTEACHER' }) });
const agents: SlackPerson[] = [];
for (let i = 0; i < agentCount; i++) agents.push(await h.person({ name: `Agent ${String(i).padStart(3, '0')}`, slackUserId: `UAGENT${i}`, email: `agent${i}@skole.dk`, roles: [['learning_agent', SCHOOL]] }));
const schoolId = await h.school(SCHOOL);

let day = 0;
async function openSlot(): Promise<string> {
  const start = new Date(Date.parse('2026-10-26T08:00:00Z') + day++ * 86_400_000);
  const slot = await h.runtime.db.slot.create({
    data: { schoolId, teacherId: teacher.personId, createdById: teacher.personId, startsAt: start, endsAt: new Date(start.getTime() + 45 * 60_000), classGroup: '5.b', subject: 'dansk', status: 'open', announcedAt: new Date('2026-10-20T07:00:00Z') },
  });
  return slot.id;
}

async function confirmationAfter(since: number, deadlineMs = 30_000): Promise<number> {
  const until = performance.now() + deadlineMs;
  for (;;) {
    const hit = h.fake.ok('chat.postMessage').find((c) => c.at >= since && c.args.channel === 'DTEACHER');
    if (hit) return hit.at - since;
    if (performance.now() > until) throw new Error('no confirmation within the deadline');
    await new Promise((r) => setTimeout(r, 1));
  }
}

const single: number[] = [];
const race: number[] = [];
const clickAck: number[] = [];
// One uncounted round of each: JIT, Prisma's query plans, SQLite's page cache.
for (let r = -1; r < rounds; r++) {
  h.fake.reset();
  let slotId = await openSlot();
  let t0 = performance.now();
  const ack = await h.click(agents[0]!.slackUserId, { actionId: 'booking.claim', value: slotId });
  if (r >= 0) clickAck.push(performance.now() - t0);
  if (ack.status !== 200) throw new Error(`click answered ${ack.status}`);
  const one = await confirmationAfter(t0);
  if (r >= 0) single.push(one);
  await h.settled();

  h.fake.reset();
  slotId = await openSlot();
  t0 = performance.now();
  await Promise.all(agents.map((a) => h.click(a.slackUserId, { actionId: 'booking.claim', value: slotId })));
  const all = await confirmationAfter(t0);
  if (r >= 0) race.push(all);
  await h.settled();
  const winners = await h.runtime.db.slot.count({ where: { id: slotId, status: 'claimed' } });
  if (winners !== 1) throw new Error('the race had no winner');
}
await h.runtime.jobs.stop();
await h.close();

const row = (name: string, xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `| ${name} | ${s.length} | ${percentile(s, 50).toFixed(0)} ms | ${percentile(s, 99).toFixed(0)} ms | ${(s.at(-1) ?? NaN).toFixed(0)} ms |`;
};
console.log(`click → teacher's confirmation at the fake Slack: ${rounds} rounds (after 1 warm-up), ${agentCount} agents, SQLite, ${cpus().length} CPUs, node ${process.version}`);
console.log('| what | n | p50 | p99 | max |');
console.log('|---|---:|---:|---:|---:|');
console.log(row('ack of a single click (HTTP 200)', clickAck));
console.log(row('single click → confirmation delivered', single));
console.log(row(`${agentCount}-click race → confirmation delivered`, race));
