// Failed deliveries for the operator (`sparring deliveries list|retry`): "chat.deliver" jobs that
// gave up after a day of trying. Shows who a message was for, never what it said.
import type { DbClient } from './client.js';

export interface FailedDelivery {
  id: string;
  /** A person's name, or "school · purpose" for a channel post. */
  recipient: string;
  failedAt: Date;
  attempts: number;
  error: string;
}

const FAILED = { kind: 'chat.deliver', status: 'failed' } as const;

export class DeliveryRepository {
  constructor(private readonly db: DbClient) {}

  async failed(): Promise<FailedDelivery[]> {
    const rows = await this.db.job.findMany({ where: FAILED, orderBy: { finishedAt: 'asc' }, select: { id: true, payload: true, finishedAt: true, attempts: true, lastError: true, updatedAt: true } });
    const out: FailedDelivery[] = [];
    for (const r of rows) {
      out.push({ id: r.id, recipient: await this.recipient(r.payload), failedAt: r.finishedAt ?? r.updatedAt, attempts: r.attempts, error: (r.lastError ?? '').slice(0, 160) });
    }
    return out;
  }

  /** Back in the queue, due now, with a fresh day of tries; returns how many. */
  async retry(which: { id: string } | 'all', now: Date): Promise<number> {
    const { count } = await this.db.job.updateMany({
      where: { ...FAILED, ...(which === 'all' ? {} : { id: which.id }) },
      data: { status: 'pending', dueAt: now, attempts: 0, failingSince: null, finishedAt: null, leaseOwner: null, leaseExpiresAt: null },
    });
    return count;
  }

  private async recipient(payload: string): Promise<string> {
    let to: { person?: string; channel?: { schoolId: string; purpose: string }; copy?: unknown } | undefined;
    try {
      to = (JSON.parse(payload) as { to?: typeof to }).to;
    } catch {
      return '?';
    }
    if (to?.person) return (await this.db.person.findUnique({ where: { id: to.person }, select: { name: true } }))?.name ?? '?';
    if (to?.channel) {
      const school = await this.db.school.findUnique({ where: { id: to.channel.schoolId }, select: { name: true } });
      return `${school?.name ?? '?'} · ${to.channel.purpose}`;
    }
    return '?';
  }
}
