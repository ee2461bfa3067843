// Deployment-wide values the app creates itself (e.g. the calendar-link secret). The first instance
// to ask creates the value; every other instance and every restart reads the same one.
import type { DbClient } from './client.js';
import { isUniqueViolation } from './errors.js';

export class SettingRepository {
  constructor(private readonly db: DbClient) {}

  async getOrCreate(key: string, create: () => string): Promise<string> {
    const existing = await this.db.setting.findUnique({ where: { key } });
    if (existing) return existing.value;
    try {
      return (await this.db.setting.create({ data: { key, value: create() } })).value;
    } catch (err) {
      // Another instance created it at the same moment: use theirs.
      if (!isUniqueViolation(err)) throw err;
      return (await this.db.setting.findUniqueOrThrow({ where: { key } })).value;
    }
  }

  async get(key: string): Promise<string | null> {
    return (await this.db.setting.findUnique({ where: { key } }))?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  }
}
