// Pruning of the runtime's bookkeeping tables.
import type { HousekeepingStore } from '../flows/housekeeping/ports.js';
import type { DbClient } from './client.js';

/** What a pruned failed job's payload becomes (still valid JSON for anyone reading it). */
const EMPTY_PAYLOAD = '{}';

export class HousekeepingRepository implements HousekeepingStore {
  constructor(private readonly db: DbClient) {}

  async pruneDeliveries(olderThan: Date): Promise<number> {
    const { count } = await this.db.processedDelivery.deleteMany({ where: { receivedAt: { lt: olderThan } } });
    return count;
  }

  async pruneFinishedJobs(olderThan: Date): Promise<number> {
    // Failed jobs stay: the coordinator's status shows them until someone has looked.
    const { count } = await this.db.job.deleteMany({ where: { status: { in: ['done', 'cancelled'] }, updatedAt: { lt: olderThan } } });
    return count;
  }

  async pruneReflectionTexts(visitsBefore: Date): Promise<number> {
    const old = { slot: { startsAt: { lt: visitsBefore } } };
    const { count } = await this.db.reflectionAnswer.deleteMany({ where: { reflection: old } });
    // The questions asked are stored with the reflection and carry the teacher's own focus.
    await this.db.reflection.updateMany({ where: { ...old, questions: { not: null } }, data: { questions: null } });
    return count;
  }

  async pruneFailedJobPayloads(olderThan: Date): Promise<number> {
    const { count } = await this.db.job.updateMany({ where: { status: 'failed', updatedAt: { lt: olderThan }, payload: { not: EMPTY_PAYLOAD } }, data: { payload: EMPTY_PAYLOAD } });
    return count;
  }
}
