// Ack latency of the Slack adapter under concurrent load, against a bare Bolt app with no-op
// listeners on the same machine in the same run. Run: npx tsx bench/slack-ack.ts [requests] [concurrency] [rate]
//
// Each server and the fake Slack Web API run in their own child process (bench/slack-ack-server.ts);
// this process only sends correctly signed requests — `/sparring mine` (form-encoded) and a button
// click (`payload=`) — and times each until the HTTP response (the ack) arrives. Rounds alternate
// between the servers (150 requests each) so drift on the machine hits both alike, and after each
// Sparring round the bench waits until the adapter's listeners have finished (that time is reported
// too), so they never steal CPU from the bare app's round. A figure, not a target: Slack allows
// 3,000 ms for an ack. Sparring answers the command through its response_url, which points at this
// process: the time until that answer arrives is what the person waits for, and is printed too.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SECRET = 'bench-signing-secret';
const USERS = 50;
const TEAM = 'T0SKOLE';
const REQUESTS = Number(process.argv[2] ?? 1500);
const CONCURRENCY = Number(process.argv[3] ?? 16);
/**
 * Servers take turns in short rounds (150 requests), so a hiccup of the machine (another process, a
 * disk flush) lands on both alike instead of on one server's whole share; the p99 of a few thousand
 * requests is otherwise decided by where such a hiccup falls (see BENCH_CONTROL).
 */
const ROUNDS = Math.max(2, Math.round(REQUESTS / 150));
/** Arrival rate of the open-loop part (requests per second). */
const RATE = Number(process.argv[4] ?? 100);

interface Server {
  name: string;
  base: string;
  url: string;
  fakeUrl: string;
  child: ChildProcess;
}

function startServer(mode: 'fake' | 'sparring' | 'bare', fakeUrl = ''): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'slack-ack-server.ts'), mode, fakeUrl], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      const base = `http://127.0.0.1:${m?.[1]}`;
      if (m) resolve({ name: mode, base, url: `${base}/slack/events`, fakeUrl, child });
    });
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
}

/** Waits until the Sparring server's listeners have finished; returns how long that took. */
async function drain(server: Server): Promise<number> {
  if (server.name !== 'sparring' || process.env.BENCH_CONTROL === '1') return 0;
  const t0 = performance.now();
  await (await fetch(`${server.base}/bench/settled`)).arrayBuffer();
  return performance.now() - t0;
}

/** When each command was sent and when its answer reached the response_url, by response id. */
const sentAt = new Map<string, number>();
const answeredAt = new Map<string, number>();
let answerBase = '';

async function startAnswerServer(): Promise<void> {
  const server = createServer((req, res) => {
    answeredAt.set(req.url?.split('/respond/')[1] ?? '', performance.now());
    req.resume();
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  answerBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Milliseconds from sending each command to its answer; clears the records. */
function answerTimes(): number[] {
  const times = [...sentAt].flatMap(([id, t0]) => (answeredAt.has(id) ? [answeredAt.get(id)! - t0] : []));
  sentAt.clear();
  answeredAt.clear();
  return times;
}

let seq = 0;
function request(kind: 'command' | 'click', server: Server): { id: string; body: string; headers: Record<string, string> } {
  seq += 1;
  const id = `${server.name}-${kind}-${seq}`;
  const user = `UB${seq % USERS}`;
  let body: string;
  if (kind === 'command') {
    body = new URLSearchParams({
      token: 't', team_id: TEAM, team_domain: 'skole', channel_id: `D${user}`, channel_name: 'directmessage', user_id: user, user_name: user,
      command: '/sparring', text: `mine uge ${seq % 52}`, api_app_id: 'A1', is_enterprise_install: 'false',
      response_url: `${answerBase}/respond/${id}`, trigger_id: `bench.${seq}`,
    }).toString();
  } else {
    const payload = {
      type: 'block_actions', user: { id: user, username: user, name: user, team_id: TEAM }, api_app_id: 'A1', token: 't',
      container: { type: 'message', message_ts: `1764000000.${String(seq).padStart(6, '0')}`, channel_id: `D${user}`, is_ephemeral: false },
      trigger_id: `bench.${seq}`, team: { id: TEAM, domain: 'skole' }, enterprise: null, is_enterprise_install: false,
      channel: { id: `D${user}`, name: 'directmessage' }, message: { type: 'message', ts: `1764000000.${seq}`, text: '' }, state: { values: {} },
      response_url: `${server.fakeUrl}/respond/a${seq}`,
      actions: [{ action_id: 'probe.claim', block_id: 'b', text: { type: 'plain_text', text: 'Tag den' }, value: `slot-${seq}`, type: 'button', action_ts: `${Date.now() / 1000}` }],
    };
    body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  }
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { id, body, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
}

async function load(server: Server, kind: 'command' | 'click', n: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next += 1;
      const { id, body, headers } = request(kind, server);
      const t0 = performance.now();
      sentAt.set(id, t0);
      const res = await fetch(server.url, { method: 'POST', headers, body });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${server.name} ${kind}: HTTP ${res.status}`);
      times.push(ms);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times;
}

/** Open loop: requests arrive at `rate` per second (Poisson), however slow the answers are. */
async function loadOpen(server: Server, kind: 'command' | 'click', n: number, rate: number): Promise<number[]> {
  const times: number[] = [];
  const all: Promise<void>[] = [];
  let at = performance.now();
  for (let i = 0; i < n; i++) {
    at += -Math.log(1 - Math.random()) * (1000 / rate);
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { id, body, headers } = request(kind, server);
    const t0 = performance.now();
    sentAt.set(id, t0);
    all.push(
      fetch(server.url, { method: 'POST', headers, body }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${server.name} ${kind}: HTTP ${res.status}`);
        times.push(performance.now() - t0);
      }),
    );
  }
  await Promise.all(all);
  return times;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function main(): Promise<void> {
  await startAnswerServer();
  const fake = await startServer('fake');
  // BENCH_CONTROL=1 puts a second bare app in Sparring's place: the ratios it prints are the noise floor.
  const control = process.env.BENCH_CONTROL === '1';
  const [sparring, bare] = await Promise.all([startServer(control ? 'bare' : 'sparring', fake.base), startServer('bare', fake.base)]);
  if (control) sparring.name = 'sparring';
  const drains: Record<string, number[]> = {};
  try {
    const f = (x: number) => x.toFixed(2).padStart(7);
    console.log(`\nSlack ack latency — ${REQUESTS} requests per kind and server and loop, Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    for (const loop of ['open', 'closed'] as const) {
    const results: Record<string, number[]> = {};
    const answers: Record<string, number[]> = {};
    const run = (s: Server, kind: 'command' | 'click', n: number) => (loop === 'open' ? loadOpen(s, kind, n, RATE) : load(s, kind, n));
    for (const kind of ['command', 'click'] as const) {
      // Warm-up: JIT, connection pools, SQLite page cache.
      await load(bare, kind, 200);
      await load(sparring, kind, 200);
      await drain(sparring);
      answerTimes();
      for (let round = 0; round < ROUNDS; round++) {
        for (const s of round % 2 === 0 ? [bare, sparring] : [sparring, bare]) {
          (results[`${s.name}:${kind}`] ??= []).push(...(await run(s, kind, Math.ceil(REQUESTS / ROUNDS))));
          if (s === sparring) (drains[`${loop}:${kind}`] ??= []).push(await drain(sparring));
        }
      }
      answers[kind] = answerTimes();
    }
    console.log(loop === 'open' ? `\nOpen loop: ${RATE} requests/s arriving at random (Poisson)` : `\nClosed loop: ${CONCURRENCY} clients sending back to back (saturation)`);
    console.log('kind      server      p50 ms  p99 ms');
    for (const kind of ['command', 'click']) {
      for (const name of ['bare', 'sparring']) {
        const xs = results[`${name}:${kind}`]!;
        console.log(`${kind.padEnd(9)} ${name.padEnd(9)} ${f(pct(xs, 50))} ${f(pct(xs, 99))}`);
      }
      const ratio50 = pct(results[`sparring:${kind}`]!, 50) / pct(results[`bare:${kind}`]!, 50);
      const ratio99 = pct(results[`sparring:${kind}`]!, 99) / pct(results[`bare:${kind}`]!, 99);
      console.log(`${kind.padEnd(9)} ratio     ${f(ratio50)} ${f(ratio99)}   (sparring / bare)`);
      const a = answers[kind] ?? [];
      if (a.length > 0) console.log(`${kind.padEnd(9)} answer    ${f(pct(a, 50))} ${f(pct(a, 99))}   (sparring: sent → the answer at the response_url, ${a.length} answers)`);
      const d = drains[`${loop}:${kind}`] ?? [];
      if (d.length > 0) console.log(`${kind.padEnd(9)} listeners still running after a Sparring round finished in ${Math.round(pct(d, 50))} ms (median), ${Math.round(Math.max(...d))} ms (max)`);
    }
    }
  } finally {
    sparring.child.kill();
    bare.child.kill();
    fake.child.kill();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
