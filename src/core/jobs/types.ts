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
  reschedule(id: string, owner: string, dueAt: Date, error: string | null, countAttempt: boolean): Promise<void>;
  fail(id: string, owner: string, now: Date, error: string): Promise<void>;
  /** Cancels pending jobs whose key starts with any of the prefixes, in one statement. */
  cancel(idempotencyKeyPrefixes: string | readonly string[]): Promise<number>;
  /** When the earliest pending job is due (null when nothing is pending). */
  nextDueAt(): Promise<Date | null>;
  counts(now: Date): Promise<{ due: number; pending: number; running: number; failed: number; done: number }>;
}
