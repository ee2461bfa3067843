// Municipalities and their calendars (time zone, working hours, school holidays).
import type { Clock } from '../core/clock.js';
import { calendarSettings, parseHolidayRules, type CalendarSettings } from '../domain/calendar/index.js';
import type { DbClient } from './client.js';

type Cache = Map<string, { at: number; settings: CalendarSettings }>;

export class MunicipalityRepository {
  constructor(
    private readonly db: DbClient,
    private readonly fallback: CalendarSettings,
    private readonly clock: Clock,
    /** Calendar settings are read often (every job) and change rarely; one cache for every client. */
    private readonly cache: Cache = new Map(),
    private readonly cacheMs = 60_000,
  ) {}

  /** The same repository reading through another client (a transaction), sharing the cache. */
  withClient(db: DbClient): MunicipalityRepository {
    return new MunicipalityRepository(db, this.fallback, this.clock, this.cache, this.cacheMs);
  }

  async calendarSettings(municipalityId: string | null): Promise<CalendarSettings> {
    if (!municipalityId) return this.fallback;
    const hit = this.cache.get(municipalityId);
    if (hit && Math.abs(this.clock.now().getTime() - hit.at) < this.cacheMs) return hit.settings;
    const m = await this.db.municipality.findUnique({ where: { id: municipalityId } });
    if (!m) return this.fallback;
    const holidays = parseHolidayRules(m.holidayWeeks);
    // A bad stored value must not stop reminders: fall back to the defaults (the import validates).
    const settings = calendarSettings({
      timeZone: m.timeZone,
      workdayStart: m.workdayStart,
      workdayEnd: m.workdayEnd,
      ...(holidays.ok ? { holidays: holidays.value } : {}),
    });
    this.cache.set(municipalityId, { at: this.clock.now().getTime(), settings });
    return settings;
  }
}
