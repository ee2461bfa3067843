// `sparring serve` as a real process (the compiled dist/, as `npm start` runs it) against a fake
// platform on loopback (Slack's Web API, or Teams' Bot Framework connector), on a database the test
// prepared. kill() is kill -9; start() again brings up a new process on the same database, as a
// supervisor would after a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { BIN } from '../cli/process.js';
import type { FakeSlack } from '../bot/slack/fake-slack.js';

/** Leases this short let a restarted worker take over a killed one's job quickly (the minimum: longer than one platform call). */
export const LEASE_SECONDS = 15;

/** The settings that point the server at a fake Slack. */
export function slackEnv(slack: FakeSlack): Record<string, string> {
  return { SLACK_BOT_TOKEN: 'xoxb-fault-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: slack.apiUrl };
}

/**
 * Teams alone, authentication off (no MicrosoftAppId: allowed outside production, as in
 * tests/bot/teams). Outgoing calls go to each stored conversation reference's serviceUrl — the fake
 * connector's — so no setting names it.
 */
export function teamsEnv(): Record<string, string> {
  return { SPARRING_PLATFORMS: 'teams' };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  output = '';
  starts = 0;

  constructor(
    private readonly databaseUrl: string,
    /** The platform's settings: slackEnv(…) or teamsEnv(). */
    private readonly platformEnv: Record<string, string>,
    private readonly municipality: string,
  ) {}

  async start(): Promise<void> {
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH!,
        DATABASE_URL: this.databaseUrl,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...this.platformEnv,
        SPARRING_MUNICIPALITY: this.municipality,
        SPARRING_JOB_LEASE_SECONDS: String(LEASE_SECONDS),
        SPARRING_JOB_RETRY_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    child.stdout!.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** kill -9: no shutdown, no "done" written for the job in flight. */
  kill(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.exited;
  }

  async killed(): Promise<void> {
    await this.exited;
  }
}

/** Polls until `done()` holds, or fails with `what` after `timeoutMs`. */
export async function until(done: () => Promise<boolean> | boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
