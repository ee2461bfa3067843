// `sparring serve` as a real process on a fresh machine: creates and migrates the SQLite file,
// answers /healthz, and stops cleanly on SIGTERM. A bad setting stops it with a message naming it.
// bin/sparring.js runs the compiled dist/ (as `npm start` does); vitest's global setup rebuilt it if
// src/ had changed, so these tests never run an older build than the sources.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { distDir, staleness } from '../../scripts/build.js';
import { startFakeSlack } from '../bot/slack/fake-slack.js';

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

it('runs the compiled JavaScript of the current sources, with no TypeScript loader', () => {
  expect(staleness()).toBeUndefined();
  const files = readdirSync(distDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  expect(files).toEqual(expect.arrayContaining(['cli/main.js', 'cli/serve.js', 'bot/slack/index.js', 'store/generated/sqlite/client.js']));
  // Every relative import of the compiled code names a .js file, and nothing loads tsx.
  const bad = files.flatMap((f) =>
    [...readFileSync(join(distDir, f), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)]
      .map((m) => m[1]!)
      .filter((spec) => spec.startsWith('tsx') || (spec.startsWith('.') && !spec.endsWith('.js')))
      .map((spec) => `${f}: ${spec}`),
  );
  expect(bad).toEqual([]);
  expect(readFileSync(new URL('../../bin/sparring.js', import.meta.url), 'utf8')).not.toMatch(/from 'tsx|\.ts'/);
});

it('starts compiled with Slack in HTTP mode and reports it healthy, its job worker alive', async () => {
  dir = await mkdtemp(join(tmpdir(), 'sparring-serve-'));
  const slack = await startFakeSlack();
  const port = await freePort();
  try {
    const p = run({
      DATABASE_URL: `file:${join(dir, 'x.db')}`,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: `${slack.url}/api/`,
    });
    let health: Response | undefined;
    for (let i = 0; i < 150 && !health; i++) {
      await new Promise((r) => setTimeout(r, 200));
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    }
    expect(health?.status, p.output()).toBe(200);
    expect(await health!.json()).toMatchObject({ status: 'ok', database: 'ok', worker: 'alive' });
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
  } finally {
    await slack.stop();
  }
}, 60_000);
