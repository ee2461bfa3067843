// Inbound de-duplication: a platform delivery id (Slack event_id, Teams activity id, an action's
// payload id) is recorded once; a repeat is acknowledged by the adapter and ignored.
import type { DbClient } from './client.js';
import { isUniqueViolation } from './errors.js';

export class InboundRepository {
  constructor(private readonly db: DbClient) {}

  /** True the first time this (platform, deliveryId) is seen, false for every repeat. */
  async firstTime(platform: string, deliveryId: string): Promise<boolean> {
    try {
      await this.db.processedDelivery.create({ data: { platform, deliveryId } });
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }
}
