// The main thread's end of the Slack work thread. Slack wants an ack within 3 s and the main
// thread's event loop also serves Teams, the playground and the job worker; the database work and
// Web API calls behind each Slack request (Prisma, synchronous SQLite, garbage) therefore run in a
// worker thread with its own event loop and heap, and the receiver here only verifies and acks.
// A thread that dies is started again; requests it had not finished are lost like a crash's, but
// requests that arrive while it restarts wait for the new thread.
import { Worker } from 'node:worker_threads';
import type { PlatformDriver, PlatformName } from '../../../core/chat.js';
import type { Logger } from '../../../core/logger.js';
import type { MetricsSnapshot } from '../../../core/metrics.js';
import type { Config } from '../../../config/index.js';
import { answeredInAck, type AckBody, type Delivery, type DeliverFn } from '../deliver.js';
import { serveDrivers } from './remote-driver.js';
import { Rpc } from './rpc.js';
import type { WorkThreadData } from './worker.js';

export interface WorkThreadOptions {
  config: Config;
  /** Module that builds the thread's runtime (default ./runtime.ts; tests pass their own). */
  runtimeModule?: string;
  /** Handed to that module (tests: their shared clock, which flows to run). */
  runtimeData?: unknown;
  logger: Logger;
  /** The main thread's drivers, for messages the thread sends to other platforms. */
  driverFor(platform: PlatformName): PlatformDriver | undefined;
}

/** Compiled (dist/, what `sparring serve` runs) the thread loads worker.js itself; from the TypeScript
 * sources (tests) it needs tsx's loader first, which entry.mjs registers. */
const compiled = import.meta.url.endsWith('.js');

/** A thread that dies this soon after starting is started again only after RESTART_DELAY_MS. */
const CRASH_LOOP_MS = 10_000;
const RESTART_DELAY_MS = 1_000;
/** Requests held while no thread runs; beyond this they are dropped (and logged). */
const MAX_HELD = 1_000;

export class SlackWorkThread {
  private worker: Worker | null = null;
  private rpc: Rpc | null = null;
  private stopping = false;
  private readonly held: Delivery[] = [];
  private ready = false;

  constructor(private readonly options: WorkThreadOptions) {}

  /** Starts the thread; rejects with the thread's own error if its runtime cannot open. */
  start(): Promise<void> {
    const data: WorkThreadData = {
      config: this.options.config,
      runtimeModule: this.options.runtimeModule ?? new URL(`./runtime.${compiled ? 'js' : 'ts'}`, import.meta.url).href,
      runtimeData: this.options.runtimeData,
    };
    const worker = new Worker(new URL(compiled ? './worker.js' : './entry.mjs', import.meta.url), { workerData: data, name: 'sparring-slack' });
    const rpc = new Rpc(worker);
    serveDrivers(rpc, this.options.driverFor);
    this.worker = worker;
    this.rpc = rpc;
    const startedAt = Date.now();
    // Messages queue in the port until the thread's handlers take them.
    for (const delivery of this.held.splice(0)) rpc.notify('deliver', delivery);
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (m: { ready?: boolean; failed?: string }) => {
        if (m?.ready) {
          started = true;
          this.ready = true;
          resolve();
        } else if (m?.failed !== undefined) {
          reject(new Error(`the Slack work thread could not start: ${m.failed} (SLACK_WORK_THREAD=false runs Slack on the main thread instead)`));
          void worker.terminate();
        }
      });
      worker.on('error', (err) => {
        this.options.logger.error({ err }, 'Slack work thread failed');
        if (!started) reject(err);
      });
      worker.once('exit', (code) => {
        rpc.close('the Slack work thread stopped');
        if (this.worker === worker) {
          this.worker = null;
          this.rpc = null;
          this.ready = false;
        }
        if (!started) return reject(new Error(`the Slack work thread exited with code ${code} while starting (SLACK_WORK_THREAD=false runs Slack on the main thread instead)`));
        if (this.stopping) return;
        this.options.logger.error({ code }, 'Slack work thread exited; starting a new one');
        if (Date.now() - startedAt > CRASH_LOOP_MS) void this.restart();
        else setTimeout(() => void this.restart(), RESTART_DELAY_MS).unref();
      });
    });
  }

  /** Starts a new thread, trying again with growing pauses (up to 30 s) while it cannot start. */
  private async restart(attempt = 0): Promise<void> {
    if (this.stopping) return;
    try {
      await this.start();
    } catch (err) {
      const delay = Math.min(30_000, RESTART_DELAY_MS * 2 ** attempt);
      this.options.logger.error({ err, retryInMs: delay }, 'Slack work thread could not start again');
      setTimeout(() => void this.restart(attempt + 1), delay).unref();
    }
  }

  /** Whether a thread is up and taking requests (for /healthz). */
  get running(): boolean {
    return this.ready;
  }

  /** Hands a verified request to the thread; waits only for what travels in the ack. */
  readonly deliver: DeliverFn = async (delivery) => {
    const rpc = this.rpc;
    if (!rpc) {
      // Between a thread's end and the next one's start. A modal's verdict cannot wait that long.
      if (this.stopping || this.held.length >= MAX_HELD) this.options.logger.warn('Slack request dropped: no work thread is running');
      else this.held.push(delivery);
      return undefined;
    }
    if (!answeredInAck(delivery.body)) {
      rpc.notify('deliver', delivery);
      return undefined;
    }
    return rpc.call<AckBody>('deliver', delivery);
  };

  /** Resolves when the thread has no post-ack work left. */
  async settled(): Promise<void> {
    await this.rpc?.call('settled');
  }

  metrics(): Promise<MetricsSnapshot> {
    return this.rpc ? this.rpc.call<MetricsSnapshot>('metrics') : Promise.resolve([]);
  }

  /** Lets the thread finish its work and close its database connection, then ends it. */
  async stop(): Promise<void> {
    this.stopping = true;
    const worker = this.worker;
    if (!worker) return;
    await this.rpc?.call('stop').catch((err: unknown) => this.options.logger.warn({ err }, 'Slack work thread did not stop cleanly'));
    await worker.terminate();
  }
}
