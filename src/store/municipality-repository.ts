// Municipalities and their calendars (time zone, working hours, school holidays).
import { calendarSettings, parseHolidayRules, type CalendarSettings } from '../domain/calendar/index.js';
import type { Db } from './client.js';

export class MunicipalityRepository {
  private readonly cache = new Map<string, { at: number; settings: CalendarSettings }>();

  constructor(
    private readonly db: Db,
    private readonly fallback: CalendarSettings,
    /** Calendar settings are read often (every job) and change rarely. */
    private readonly cacheMs = 60_000,
  ) {}

  async calendarSettings(municipalityId: string | null): Promise<CalendarSettings> {
    if (!municipalityId) return this.fallback;
    const hit = this.cache.get(municipalityId);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.settings;
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
    this.cache.set(municipalityId, { at: Date.now(), settings });
    return settings;
  }
}
