// Job engine contracts. Every future thing — a reminder, a reflection prompt, a nudge, an escalation,
// a weekly digest — is a row in the database. See engine.ts for how rows are claimed and run.

export interface JobSpec {
  /** Handler name, e.g. "booking.reminder". */
  kind: string;
  payload: unknown;
  /** When it should run. Jobs that message staff are moved to the next messageable moment. */
  runAt: Date;
  /** Scheduling the same key twice is a no-op (unless the first was cancelled). Include everything that makes the job unique. */
  idempotencyKey: string;
  /** Default true: respect working hours, weekends and holidays. */
  messagesStaff?: boolean;
  /** Whose calendar decides quiet hours (defaults to the runtime's default settings). */
  municipalityId?: string;
  maxAttempts?: number;
}

export interface JobContext {
  jobId: string;
  kind: string;
  attempt: number;
  idempotencyKey: string;
  /** The instant the job is being run at (from the injected clock). */
  now: Date;
  /**
   * When an earlier try began a platform call whose outcome is unknown (the process died, or the call
   * timed out); null otherwise. A delivery looks for its earlier copy before sending again.
   */
  unfinishedAttemptSince: Date | null;
  /** Records "a platform call starts now", before making it (see unfinishedAttemptSince). */
  markAttemptStarted(): Promise<void>;
}

/** How long a kind of job keeps trying through transient failures (see JobEngine.register). */
export interface RetryPolicy {
  /** Keep retrying for at least this long after the first failure, whatever maxAttempts says. */
  keepTryingMs?: number;
  /** Longest wait between two tries for this kind. */
  maxBackoffMs?: number;
}

/**
 * What an error thrown by a handler may say about itself (read by the job engine, duck-typed):
 * `permanent` — do not retry; `retryAfterMs` — not before this; `notSent` — the platform surely did
 * not act on the call (an earlier copy need not be looked for); `rateLimited` — the platform asked
 * to slow down: a retry that does not count as a failed attempt.
 */
export interface JobErrorFacts {
  permanent?: boolean;
  retryAfterMs?: number;
  notSent?: boolean;
  rateLimited?: boolean;
}

export type JobHandler = (payload: any, ctx: JobContext) => Promise<void>;

/** What flows use to put work in the database: inside a transaction it commits with the rest. */
export interface JobScheduler {
  /** Stores a job. Scheduling the same idempotency key twice is a no-op (unless the first was cancelled). */
  schedule(spec: JobSpec): Promise<{ created: boolean }>;
  /** Cancels pending jobs whose idempotency key starts with the prefix (e.g. "slot:abc:"), or with any of several. */
  cancel(idempotencyKeyPrefixes: string | readonly string[]): Promise<number>;
}

/** Thrown by a handler to end the job without retrying (e.g. the person is unreachable). */
export class PermanentJobError extends Error {
  readonly permanent = true;
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

export interface JobRecord {
  id: string;
  kind: string;
  payload: string;
  idempotencyKey: string;
  dueAt: Date;
  messagesStaff: boolean;
  municipalityId: string | null;
  attempts: number;
  maxAttempts: number;
  attemptStartedAt: Date | null;
  failingSince: Date | null;
}

/** How a retry is recorded: whether it counts as an attempt, and what it says about the last try. */
export interface RetryRecord {
  error: string | null;
  countAttempt: boolean;
  /** The platform surely did not act on the last try: forget "attempt started". */
  attemptSettled?: boolean;
  /** Start of the current run of failures (kept as it is when undefined). */
  failingSince?: Date;
}

/** The job engine's view of the database (implemented in src/store/job-repository.ts). */
export interface JobStore {
  /** Inserts unless a live job has the key (a cancelled one is revived); returns whether it was (re)created. */
  insert(job: {
    kind: string;
    payload: string;
    idempotencyKey: string;
    dueAt: Date;
    requestedAt: Date;
    messagesStaff: boolean;
    municipalityId: string | null;
    maxAttempts: number;
  }): Promise<{ created: boolean }>;
  /** Ids of pending jobs due at `now` (and running jobs whose lease expired), oldest first. */
  findDue(now: Date, limit: number): Promise<string[]>;
  /** Atomically takes the lease on one job; null if another worker got it first. */
  claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<JobRecord | null>;
  complete(id: string, owner: string, now: Date): Promise<void>;
  /** Back to pending at a later time (retry or quiet-hours deferral). */
  reschedule(id: string, owner: string, dueAt: Date, retry: RetryRecord): Promise<void>;
  /** Notes on a claimed job that a platform call starts now (JobContext.markAttemptStarted). */
  markAttemptStarted(id: string, owner: string, at: Date): Promise<void>;
  fail(id: string, owner: string, now: Date, error: string): Promise<void>;
  /** Cancels pending jobs whose key starts with any of the prefixes, in one statement. */
  cancel(idempotencyKeyPrefixes: string | readonly string[]): Promise<number>;
  /** The earliest instant something becomes due: a pending job's due time or a running job's lease end. */
  nextDueAt(): Promise<Date | null>;
  counts(now: Date): Promise<{ due: number; pending: number; running: number; failed: number; done: number }>;
}
