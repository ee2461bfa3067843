// The job engine's persistence. Claiming is one conditional UPDATE (updateMany with the state in the
// WHERE clause): atomic on SQLite and PostgreSQL alike, so exactly one worker wins a job.
import { randomUUID } from 'node:crypto';
import type { JobRecord, JobStore, RetryRecord } from '../core/jobs/types.js';
import type { DbClient } from './client.js';

export class JobRepository implements JobStore {
  constructor(private readonly db: DbClient) {}

  async insert(job: Parameters<JobStore['insert']>[0]): Promise<{ created: boolean }> {
    // One statement, so it can run inside a transaction on PostgreSQL too (a caught unique violation
    // would abort the transaction there). A cancelled job is not live any more: scheduling its key
    // again brings it back (e.g. a consultant's copy cancelled by a claim, needed again after the
    // agent withdrew); a pending, running, done or failed one stays as it is.
    const now = new Date();
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Job" ("id", "kind", "payload", "idempotencyKey", "dueAt", "requestedAt", "messagesStaff", "municipalityId", "status", "attempts", "maxAttempts", "createdAt", "updatedAt")
      VALUES (${randomUUID()}, ${job.kind}, ${job.payload}, ${job.idempotencyKey}, ${job.dueAt}, ${job.requestedAt}, ${job.messagesStaff}, ${job.municipalityId}, 'pending', 0, ${job.maxAttempts}, ${now}, ${now})
      ON CONFLICT ("idempotencyKey") DO UPDATE SET
        "kind" = excluded."kind", "payload" = excluded."payload", "dueAt" = excluded."dueAt", "requestedAt" = excluded."requestedAt",
        "messagesStaff" = excluded."messagesStaff", "municipalityId" = excluded."municipalityId", "maxAttempts" = excluded."maxAttempts",
        "status" = 'pending', "attempts" = 0, "lastError" = NULL, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "finishedAt" = NULL,
        "updatedAt" = excluded."updatedAt"
      WHERE "Job"."status" = 'cancelled'
      RETURNING "id"`;
    return { created: rows.length === 1 };
  }

  async findDue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.db.job.findMany({
      where: {
        OR: [
          { status: 'pending', dueAt: { lte: now } },
          { status: 'running', leaseExpiresAt: { lt: now } },
        ],
      },
      orderBy: { dueAt: 'asc' },
      take: limit,
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async claim(id: string, owner: string, now: Date, leaseUntil: Date): Promise<JobRecord | null> {
    const { count } = await this.db.job.updateMany({
      where: {
        id,
        OR: [
          { status: 'pending', dueAt: { lte: now } },
          { status: 'running', leaseExpiresAt: { lt: now } },
        ],
      },
      data: { status: 'running', leaseOwner: owner, leaseExpiresAt: leaseUntil, attempts: { increment: 1 } },
    });
    if (count === 0) return null;
    const row = await this.db.job.findUnique({ where: { id } });
    if (!row || row.leaseOwner !== owner) return null;
    return {
      id: row.id,
      kind: row.kind,
      payload: row.payload,
      idempotencyKey: row.idempotencyKey,
      dueAt: row.dueAt,
      messagesStaff: row.messagesStaff,
      municipalityId: row.municipalityId,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      attemptStartedAt: row.attemptStartedAt,
      failingSince: row.failingSince,
    };
  }

  async complete(id: string, owner: string, now: Date): Promise<void> {
    await this.db.job.updateMany({
      where: { id, leaseOwner: owner, status: 'running' },
      data: { status: 'done', finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
    });
  }

  async reschedule(id: string, owner: string, dueAt: Date, retry: RetryRecord): Promise<void> {
    await this.db.job.updateMany({
      where: { id, leaseOwner: owner, status: 'running' },
      data: {
        status: 'pending',
        dueAt,
        leaseOwner: null,
        leaseExpiresAt: null,
        ...(retry.error !== null ? { lastError: retry.error } : {}),
        // A deferral for quiet hours (or a rate limit) is not an attempt: give back the one taken at claim time.
        ...(retry.countAttempt ? {} : { attempts: { decrement: 1 } }),
        ...(retry.attemptSettled ? { attemptStartedAt: null } : {}),
        ...(retry.failingSince ? { failingSince: retry.failingSince } : {}),
      },
    });
  }

  async markAttemptStarted(id: string, owner: string, at: Date): Promise<void> {
    await this.db.job.updateMany({ where: { id, leaseOwner: owner, status: 'running' }, data: { attemptStartedAt: at } });
  }

  async fail(id: string, owner: string, now: Date, error: string): Promise<void> {
    await this.db.job.updateMany({
      where: { id, leaseOwner: owner, status: 'running' },
      data: { status: 'failed', lastError: error, finishedAt: now, leaseOwner: null, leaseExpiresAt: null },
    });
  }

  async cancel(idempotencyKeyPrefixes: string | readonly string[]): Promise<number> {
    const prefixes = typeof idempotencyKeyPrefixes === 'string' ? [idempotencyKeyPrefixes] : idempotencyKeyPrefixes;
    if (prefixes.length === 0) return 0;
    const { count } = await this.db.job.updateMany({
      where: { OR: prefixes.map((p) => ({ idempotencyKey: { startsWith: p } })), status: 'pending' },
      data: { status: 'cancelled' },
    });
    return count;
  }

  async nextDueAt(): Promise<Date | null> {
    const [pending, running] = await Promise.all([
      this.db.job.findFirst({ where: { status: 'pending' }, orderBy: { dueAt: 'asc' }, select: { dueAt: true } }),
      this.db.job.findFirst({ where: { status: 'running', leaseExpiresAt: { not: null } }, orderBy: { leaseExpiresAt: 'asc' }, select: { leaseExpiresAt: true } }),
    ]);
    const times = [pending?.dueAt, running?.leaseExpiresAt].filter((d): d is Date => d instanceof Date).map((d) => d.getTime());
    return times.length ? new Date(Math.min(...times)) : null;
  }

  async counts(now: Date): Promise<{ due: number; pending: number; running: number; failed: number; done: number }> {
    const groups = await this.db.job.groupBy({ by: ['status'], _count: { _all: true } });
    const by = (s: string) => groups.find((g) => g.status === s)?._count._all ?? 0;
    const due = await this.db.job.count({ where: { status: 'pending', dueAt: { lte: now } } });
    return { due, pending: by('pending'), running: by('running'), failed: by('failed'), done: by('done') };
  }

  async findByKey(idempotencyKey: string) {
    return this.db.job.findUnique({ where: { idempotencyKey } });
  }

  async list(where: { kind?: string; status?: string; keyPrefix?: string } = {}) {
    return this.db.job.findMany({
      where: {
        ...(where.kind ? { kind: where.kind } : {}),
        ...(where.status ? { status: where.status } : {}),
        ...(where.keyPrefix ? { idempotencyKey: { startsWith: where.keyPrefix } } : {}),
      },
      orderBy: { dueAt: 'asc' },
    });
  }
}
