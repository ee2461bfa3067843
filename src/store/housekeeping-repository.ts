// Pruning of the runtime's bookkeeping tables.
import type { HousekeepingStore } from '../flows/housekeeping/ports.js';
import type { DbClient } from './client.js';

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
}
