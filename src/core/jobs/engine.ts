// The job engine: the database decides what is due; node-cron only wakes the worker up.
//
// - A job is claimed with a lease (owner + expiry) through an atomic conditional update, so two
//   processes sharing a database never run the same job, and a crashed worker's job is picked up
//   again once its lease expires.
// - Jobs that message staff only run at a messageable moment (working hours, no weekends/holidays);
//   otherwise they are deferred, which also covers catch-up after downtime at night.
// - Failures retry with exponential back-off and jitter, then the job is marked failed. Permanent
//   errors (user unreachable, channel gone) fail at once. A kind may ask to keep trying for a while
//   (deliveries: 24 hours from the first failure); a rate limit is a retry, never a failed attempt.
// - Work due now (a confirmation after a click) should not wait for the next minute: scheduling it
//   wakes a started worker at once (after the transaction that scheduled it has committed).
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { RuntimeMetrics } from '../metrics.js';
import type { JobContext, JobErrorFacts, JobHandler, JobRecord, JobScheduler, JobSpec, JobStore, RetryPolicy } from './types.js';

/** The next instant staff of a municipality may be messaged (the instant itself if now). */
export type NextMessageableMoment = (at: Date, municipalityId: string | null) => Promise<Date>;

/** A scheduler bound to one store (the client, or one transaction); `dueNow` says whether to wake the worker. */
export interface BoundScheduler extends JobScheduler {
  readonly dueNow: boolean;
}

export interface JobEngineOptions {
  store: JobStore;
  clock: Clock;
  /** Identifies this worker in leases; unique per process. */
  owner: string;
  /** The next instant at which staff of this municipality may be messaged (the instant itself if now). */
  nextMessageableMoment: NextMessageableMoment;
  logger: Logger;
  metrics?: RuntimeMetrics;
  leaseMs?: number;
  batchSize?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  defaultMaxAttempts?: number;
  /** Injected for deterministic tests. */
  random?: () => number;
  /** When the worker wakes on its own (cron syntax); the default is every minute. */
  heartbeat?: string;
}

export interface TickResult {
  ran: number;
  failed: number;
  retried: number;
  deferred: number;
}

export class JobEngine implements JobScheduler {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly policies = new Map<string, RetryPolicy>();
  private task: ScheduledTask | null = null;
  /** Wakes the worker for work due before the next heartbeat (a retry after Retry-After, a lease ending). */
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<TickResult> | null = null;
  /** Work was scheduled while a tick ran: run once more when it ends. */
  private again = false;
  private lastTick: Date | null = null;
  private startedAt: Date | null = null;
  private readonly o: Required<Omit<JobEngineOptions, 'metrics'>> & Pick<JobEngineOptions, 'metrics'>;

  constructor(options: JobEngineOptions) {
    this.o = {
      leaseMs: 5 * 60_000,
      batchSize: 50,
      retryBaseMs: 60_000,
      retryMaxMs: 6 * 3_600_000,
      defaultMaxAttempts: 5,
      random: Math.random,
      heartbeat: '* * * * *',
      ...options,
    };
  }

  register(kind: string, handler: JobHandler, policy?: RetryPolicy): void {
    if (this.handlers.has(kind)) throw new Error(`job kind "${kind}" is registered twice`);
    this.handlers.set(kind, handler);
    if (policy) this.policies.set(kind, policy);
  }

  get lastTickAt(): Date | null {
    return this.lastTick;
  }

  /** When start() was called (null if this process runs no worker). */
  get startedAtTime(): Date | null {
    return this.startedAt;
  }

  /** Stores a job on its own (outside any transaction) and wakes the worker if it is due now. */
  async schedule(spec: JobSpec): Promise<{ created: boolean }> {
    const scheduler = this.scheduler(this.o.store, this.o.nextMessageableMoment);
    const result = await scheduler.schedule(spec);
    if (scheduler.dueNow) this.wake();
    return result;
  }

  /** When the next pending job is due (null when nothing is waiting). */
  nextDueAt(): Promise<Date | null> {
    return this.o.store.nextDueAt();
  }

  /** The next instant staff of a municipality may be messaged, by the rule this engine defers jobs with. */
  messageableFrom(at: Date, municipalityId: string | null): Promise<Date> {
    return this.o.nextMessageableMoment(at, municipalityId);
  }

  /** Cancels pending jobs whose idempotency key starts with the prefix (e.g. "slot:abc:"), or with any of several. */
  cancel(idempotencyKeyPrefixes: string | readonly string[]): Promise<number> {
    return this.o.store.cancel(idempotencyKeyPrefixes);
  }

  /**
   * A scheduler writing through `store` — a transaction's job repository, so the jobs commit with the
   * change that caused them. The caller wakes the worker after the commit when `dueNow` is set.
   */
  scheduler(store: JobStore, nextMessageableMoment: NextMessageableMoment): BoundScheduler {
    let dueNow = false;
    return {
      get dueNow() {
        return dueNow;
      },
      schedule: async (spec) => {
        if (!this.handlers.has(spec.kind)) throw new Error(`no handler registered for job kind "${spec.kind}"`);
        const messagesStaff = spec.messagesStaff ?? true;
        const municipalityId = spec.municipalityId ?? null;
        const dueAt = messagesStaff ? await nextMessageableMoment(spec.runAt, municipalityId) : spec.runAt;
        const result = await store.insert({
          kind: spec.kind,
          payload: JSON.stringify(spec.payload ?? null),
          idempotencyKey: spec.idempotencyKey,
          dueAt,
          requestedAt: spec.runAt,
          messagesStaff,
          municipalityId,
          maxAttempts: spec.maxAttempts ?? this.o.defaultMaxAttempts,
        });
        if (result.created && dueAt.getTime() <= this.o.clock.now().getTime()) dueNow = true;
        return result;
      },
      cancel: (prefixes) => store.cancel(prefixes),
    };
  }

  /**
   * Runs due work soon, without waiting for the next minute — only in a started worker (tests and
   * processes without a worker run ticks themselves).
   */
  wake(): void {
    if (!this.task) return;
    if (this.running) {
      this.again = true;
      return;
    }
    setImmediate(() => void this.safeTick());
  }

  /**
   * Runs everything that is due now, batch after batch, until nothing is left. Concurrent calls
   * within one process share the same run.
   */
  tick(): Promise<TickResult> {
    if (!this.running) {
      this.running = this.runDue().finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
    }
    return this.running;
  }

  /** Wakes up every minute (the heartbeat, in the municipality's time zone) and once right away to catch up. */
  start(timeZone: string): void {
    if (this.task) return;
    this.startedAt = this.o.clock.now();
    this.task = cron.schedule(this.o.heartbeat, () => void this.safeTick(), { timezone: timeZone, noOverlap: true });
    void this.safeTick();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private async safeTick(): Promise<void> {
    try {
      await this.tick();
      await this.wakeForNextDue();
    } catch (err) {
      this.o.logger.error({ err }, 'job worker tick failed');
    }
  }

  /** A retry in 3 s should not wait for the next minute's heartbeat. */
  private async wakeForNextDue(): Promise<void> {
    if (!this.task) return;
    const next = await this.o.store.nextDueAt();
    if (!next) return;
    const inMs = next.getTime() - this.o.clock.now().getTime();
    if (inMs > 60_000) return; // the heartbeat comes first
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, Math.max(0, inMs) + 50);
    this.timer.unref();
  }

  private async runDue(): Promise<TickResult> {
    const result: TickResult = { ran: 0, failed: 0, retried: 0, deferred: 0 };
    const seen = new Set<string>();
    for (;;) {
      const now = this.o.clock.now();
      const ids = (await this.o.store.findDue(now, this.o.batchSize)).filter((id) => !seen.has(id));
      if (ids.length === 0) break;
      for (const id of ids) {
        seen.add(id);
        const claimedAt = this.o.clock.now();
        const job = await this.o.store.claim(id, this.o.owner, claimedAt, new Date(claimedAt.getTime() + this.o.leaseMs));
        if (!job) continue; // another worker was faster
        const outcome = await this.runOne(job, claimedAt);
        result[outcome] += 1;
      }
    }
    this.lastTick = this.o.clock.now();
    this.o.metrics?.workerTick(this.lastTick);
    return result;
  }

  private async runOne(job: JobRecord, now: Date): Promise<keyof TickResult> {
    const { store, owner, logger } = { store: this.o.store, owner: this.o.owner, logger: this.o.logger };
    if (job.messagesStaff) {
      // Due while staff may not be messaged (e.g. catch-up after a night of downtime): wait.
      const next = await this.o.nextMessageableMoment(now, job.municipalityId);
      if (next.getTime() > now.getTime()) {
        await store.reschedule(job.id, owner, next, { error: null, countAttempt: false });
        return 'deferred';
      }
    }
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await store.fail(job.id, owner, now, `no handler for job kind "${job.kind}"`);
      this.o.metrics?.jobFailed(job.kind);
      return 'failed';
    }
    const ctx: JobContext = {
      jobId: job.id,
      kind: job.kind,
      attempt: job.attempts,
      idempotencyKey: job.idempotencyKey,
      now,
      unfinishedAttemptSince: job.attemptStartedAt,
      markAttemptStarted: () => store.markAttemptStarted(job.id, owner, this.o.clock.now()),
    };
    try {
      await handler(JSON.parse(job.payload), ctx);
      await store.complete(job.id, owner, this.o.clock.now());
      this.o.metrics?.jobRan(job.kind);
      return 'ran';
    } catch (err) {
      const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      const facts = (typeof err === 'object' && err !== null ? err : {}) as JobErrorFacts;
      const at = this.o.clock.now();
      const policy = this.policies.get(job.kind) ?? {};
      if (facts.rateLimited) {
        // The platform asked us to slow down: not a failure, and no attempt used up.
        const retryAt = new Date(at.getTime() + Math.max(facts.retryAfterMs ?? 0, 1000));
        logger.info({ job: job.kind, key: job.idempotencyKey, retryAt }, 'job rate limited; will retry');
        await store.reschedule(job.id, owner, retryAt, { error: message, countAttempt: false, attemptSettled: facts.notSent === true });
        return 'retried';
      }
      const failingSince = job.failingSince ?? at;
      const triedLongEnough = at.getTime() - failingSince.getTime() >= (policy.keepTryingMs ?? 0);
      if (facts.permanent || (job.attempts >= job.maxAttempts && triedLongEnough)) {
        logger.warn({ job: job.kind, key: job.idempotencyKey, attempts: job.attempts, err: message }, 'job failed');
        await store.fail(job.id, owner, at, message);
        this.o.metrics?.jobFailed(job.kind);
        return 'failed';
      }
      const retryAt = new Date(at.getTime() + this.backoffMs(job.attempts, err, policy.maxBackoffMs));
      logger.info({ job: job.kind, key: job.idempotencyKey, attempt: job.attempts, retryAt, err: message }, 'job will retry');
      await store.reschedule(job.id, owner, retryAt, { error: message, countAttempt: true, attemptSettled: facts.notSent === true, failingSince });
      return 'retried';
    }
  }

  /** Exponential back-off with "equal jitter", never shorter than a platform's Retry-After. */
  backoffMs(attempt: number, err?: unknown, maxMs = this.o.retryMaxMs): number {
    const exp = Math.min(maxMs, this.o.retryMaxMs, this.o.retryBaseMs * 2 ** Math.max(0, attempt - 1));
    const jittered = exp / 2 + (this.o.random() * exp) / 2;
    const retryAfter = (err as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
    return Math.max(jittered, retryAfter);
  }
}
