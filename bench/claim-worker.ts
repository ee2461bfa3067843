// One process of the claim race (see claim-setup.ts): its own Prisma client and runtime on the shared
// SQLite file. On "go" it waits for the shared start line, then fires every assigned claim at once
// through the dispatcher, exactly as an adapter would, and reports each answer and its latency.
import { performance } from 'node:perf_hooks';
import { MemoryChat, messageText } from '../src/bot/memory/driver.js';
import { ManualClock } from '../src/core/clock.js';
import { silentLogger } from '../src/core/logger.js';
import { createBookingFlow } from '../src/flows/booking/index.js';
import { createRuntime } from '../src/runtime.js';
import { openDatabase } from '../src/store/client.js';
import type { ClaimOutcome, RaceAgent } from './claim-setup.js';

const file = process.env.SPARRING_CLAIM_DB;
if (!file || !process.send) throw new Error('claim-worker is started by bench/claim-setup.ts');

const worker = Number(process.env.SPARRING_CLAIM_WORKER ?? 0);
const db = await openDatabase({ provider: 'sqlite', url: `file:${file}` });
const runtime = await createRuntime({
  config: { timeZone: 'Europe/Copenhagen', locale: 'da', defaultMunicipality: 'naestved' },
  db,
  clock: new ManualClock(process.env.SPARRING_CLAIM_NOW ?? new Date().toISOString()),
  logger: silentLogger,
  flows: [createBookingFlow],
  owner: `claim-worker-${process.env.SPARRING_CLAIM_WORKER ?? process.pid}`,
});
const chat = new MemoryChat();
runtime.chat.addDriver(chat);
await db.$queryRawUnsafe('SELECT 1'); // open the connection before the start line

process.on('message', async (m: { type: string; slotId?: string; agents?: RaceAgent[]; startAt?: number }) => {
  if (m.type === 'stop') {
    await db.$disconnect();
    process.exit(0);
  }
  if (m.type !== 'go' || !m.slotId || !m.agents) return;
  const slotId = m.slotId;
  await new Promise((r) => setTimeout(r, Math.max(0, (m.startAt ?? 0) - Date.now())));
  const results = await Promise.all(
    m.agents.map(async (a): Promise<ClaimOutcome> => {
      const actor = { personId: a.personId, municipalityId: a.municipalityId, locale: 'da' as const, platform: 'local' as const };
      const ix = chat.interaction(actor);
      const t0 = performance.now();
      const base = { personId: a.personId, worker, startedAt: performance.timeOrigin + t0 };
      try {
        await runtime.dispatcher.action({ actor, actionId: 'booking.claim', value: slotId }, ix);
        const t1 = performance.now();
        return { ...base, endedAt: performance.timeOrigin + t1, ms: t1 - t0, text: ix.responses.map(messageText).join('\n') };
      } catch (err) {
        const t1 = performance.now();
        return { ...base, endedAt: performance.timeOrigin + t1, ms: t1 - t0, text: '', error: String(err) };
      }
    }),
  );
  process.send!({ type: 'results', results });
});
process.send({ type: 'ready' });
