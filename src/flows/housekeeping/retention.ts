// How long reflection texts are kept: until `months` after the end of the school year of the visit.
// A Danish school year ends on 31 July, so a visit in March 2025 (school year 2024/25) is kept until
// 1 August 2025 + 24 months = 1 August 2027, local time.
import { DateTime } from 'luxon';

export const DEFAULT_RETENTION_MONTHS = 24;
/** Failed jobs stay for the coordinator's status view; their payloads (messages, names) do not. */
export const FAILED_JOB_PAYLOAD_DAYS = 30;

/**
 * Reflections of visits that started before this instant are due for deletion at `now`: the latest
 * 1 August (00:00 local) that lies at least `months` before `now`.
 */
export function reflectionRetentionCutoff(now: Date, months: number, timeZone: string): Date {
  const boundary = DateTime.fromJSDate(now, { zone: timeZone }).minus({ months });
  const year = boundary.month >= 8 ? boundary.year : boundary.year - 1;
  return DateTime.fromObject({ year, month: 8, day: 1 }, { zone: timeZone }).toJSDate();
}
