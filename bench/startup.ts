// Start-up of `sparring serve` against a bare Bolt app on the same machine: the time from starting the
// process to the first HTTP 200 from /healthz, the CPU time the process had used by then (Linux; it
// varies less than the time when other work shares the machine), and the resident memory (RSS) once
// it has idled.
// Run: npx tsx bench/startup.ts [runs=7] [idle seconds=5]
//
// Sparring runs as `npm start` runs it (node bin/sparring.js serve: the compiled dist/), in playground
// mode with the default SQLite database, each run in a fresh temporary directory (so every start
// creates and migrates its database). The baseline is bench/startup-bare.mjs. The two take turns, one
// uncounted warm-up each first, and each round's ratio (sparring / bare) is printed with the figures:
// on a shared machine the ratio holds better than either time. Targets (issue #10): time ≤ 2 × bare,
// idle RSS ≤ 150 MiB. SPARRING_BIN=/other/checkout/bin/sparring.js measures another checkout.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build, staleness } from '../scripts/build.js';

const RUNS = Number(process.argv[2] ?? 7);
const IDLE_S = Number(process.argv[3] ?? 5);
const SPARRING_BIN = process.env.SPARRING_BIN ?? join(import.meta.dirname, '..', 'bin', 'sparring.js');
const BARE = join(import.meta.dirname, 'startup-bare.mjs');

interface Run {
  ms: number;
  /** CPU time (user + system, all threads) used until /healthz answered; NaN where /proc is missing. */
  cpuMs: number;
  rssMiB: number;
}

const CLK_TCK = process.platform === 'linux' ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) : NaN;

function cpuMs(pid: number): number {
  if (process.platform !== 'linux') return NaN;
  // Fields after the command name (which is in parentheses); utime and stime are the 14th and 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1000;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resident set size of one process, as the operating system counts it (ps: Linux and macOS). */
function rssMiB(pid: number): number {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
}

async function measure(which: 'sparring' | 'bare'): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'sparring-startup-'));
  const port = await freePort();
  const args = which === 'sparring' ? [SPARRING_BIN, 'serve'] : [BARE];
  let output = '';
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: dir, env: { PATH: process.env.PATH!, PORT: String(port), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  try {
    let ms: number | undefined;
    let cpu = NaN;
    const deadline = t0 + 60_000;
    while (ms === undefined) {
      if (exited || performance.now() > deadline) throw new Error(`${which} did not answer /healthz:\n${output}`);
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      if (res?.status === 200) {
        ms = performance.now() - t0;
        cpu = cpuMs(child.pid!);
      } else await new Promise((r) => setTimeout(r, 10));
      await res?.arrayBuffer();
    }
    await new Promise((r) => setTimeout(r, IDLE_S * 1000));
    return { ms, cpuMs: cpu, rssMiB: rssMiB(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await exit;
    await rm(dir, { recursive: true, force: true });
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  return { min: s[0]!, median: mid, max: s.at(-1)! };
};

if (!process.env.SPARRING_BIN && staleness()) build();
console.log(`node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} runs each after a warm-up, ${IDLE_S} s idle before RSS`);
await measure('sparring');
await measure('bare');
const sparring: Run[] = [];
const bare: Run[] = [];
for (let i = 0; i < RUNS; i++) {
  sparring.push(await measure('sparring'));
  bare.push(await measure('bare'));
  process.stderr.write(`run ${i + 1}: sparring ${sparring[i]!.ms.toFixed(0)} ms, bare ${bare[i]!.ms.toFixed(0)} ms\n`);
}
const row = (label: string, xs: number[], unit: string, digits = 0) => {
  const { min, median, max } = stats(xs);
  console.log(`${label.padEnd(34)} min ${min.toFixed(digits).padStart(6)}  median ${median.toFixed(digits).padStart(6)}  max ${max.toFixed(digits).padStart(6)} ${unit}`);
};
row('sparring: start to /healthz 200', sparring.map((r) => r.ms), 'ms');
row('bare Bolt: start to /healthz 200', bare.map((r) => r.ms), 'ms');
row('ratio sparring / bare (per round)', sparring.map((r, i) => r.ms / bare[i]!.ms), '×', 2);
if (process.platform === 'linux') {
  row('sparring: CPU time until then', sparring.map((r) => r.cpuMs), 'ms');
  row('bare Bolt: CPU time until then', bare.map((r) => r.cpuMs), 'ms');
  row('ratio of CPU time (per round)', sparring.map((r, i) => r.cpuMs / bare[i]!.cpuMs), '×', 2);
}
row('sparring: idle RSS', sparring.map((r) => r.rssMiB), 'MiB');
row('bare Bolt: idle RSS', bare.map((r) => r.rssMiB), 'MiB');
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
