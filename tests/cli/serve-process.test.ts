// `sparring serve` as a real process on a fresh machine: creates and migrates the SQLite file,
// answers /healthz, and stops cleanly on SIGTERM. A bad setting stops it with a message naming it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ['bin/sparring.js', 'serve'], { env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => out };
}

it('starts on an empty directory, migrates, serves /healthz and stops on SIGTERM', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const db = join(dir, 'nested', 'sparring.db');
  const port = await freePort();
  const p = run({ DATABASE_URL: `file:${db}`, PORT: String(port), LOG_LEVEL: 'warn' });
  let health: Response | undefined;
  for (let i = 0; i < 100 && !health; i++) {
    await new Promise((r) => setTimeout(r, 200));
    health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
  }
  expect(health?.status).toBe(200);
  expect(await health!.json()).toMatchObject({ status: 'ok', database: 'ok', worker: 'alive' });
  expect(existsSync(db)).toBe(true);
  expect(p.output()).toContain(`Open the playground: http://127.0.0.1:${port}/`);
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
}, 60_000);

it('refuses to start with a bad setting and names the variable', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const p = run({ DATABASE_URL: `file:${join(dir, 'x.db')}`, PORT: 'tres', SPARRING_WORKER: 'måske' });
  expect(await p.exited).toBe(78);
  expect(p.output()).toContain('PORT: must be a whole number from 0 to 65535 (got "tres")');
  expect(p.output()).toContain('SPARRING_WORKER: must be true or false (got "måske")');
  expect(existsSync(join(dir, 'x.db'))).toBe(false);
}, 30_000);

it('refuses to put the playground on an address other machines can reach, naming HOST', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const p = run({ DATABASE_URL: `file:${join(dir, 'x.db')}`, HOST: '0.0.0.0' });
  expect(await p.exited).toBe(78);
  expect(p.output()).toContain('HOST: the local playground has no login and only listens on this machine');
  expect(existsSync(join(dir, 'x.db'))).toBe(false);
}, 30_000);

it('stops with a message naming the Slack settings when Slack cannot be reached at start', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const closed = await freePort(); // nothing listens there
  const p = run({
    DATABASE_URL: `file:${join(dir, 'x.db')}`,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SLACK_BOT_TOKEN: 'xoxb-1',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: `http://127.0.0.1:${closed}/api/`,
  });
  expect(await p.exited).toBe(1);
  expect(p.output()).toContain('Sparring cannot start slack:');
  expect(p.output()).toContain('Check SLACK_BOT_TOKEN');
  expect(p.output()).not.toContain('    at ');
}, 60_000);

it('stops with a clear message when the port is taken, instead of pretending to run', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const blocker = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => blocker.once('listening', r));
  const port = (blocker.address() as { port: number }).port;
  try {
    const p = run({ DATABASE_URL: `file:${join(dir, 'x.db')}`, PORT: String(port), LOG_LEVEL: 'silent' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toContain(`Sparring cannot start http: port ${port} on 127.0.0.1 is already in use`);
    expect(p.output()).not.toContain('Sparring is running');
  } finally {
    blocker.close();
  }
}, 60_000);
