// Agent capacity: an agent may say how many visits a week they can take (`kapacitet 3`, set in the
// programme flow). A claim that would go beyond it is refused kindly, announcements and head starts
// skip agents whose week is full, and a full agent on a waitlist is passed over. The week is the ISO
// week of the lesson, in the municipality's time zone; claimed and held visits count.
import { zoned } from '../../domain/calendar/index.js';
import type { BookingStore } from './port.js';

export interface LessonWeek {
  from: Date;
  to: Date;
  week: number;
}

/** The ISO week a lesson falls in: [Monday 00:00, next Monday 00:00) local time (luxon keeps DST right). */
export function lessonWeek(startsAt: Date, timeZone: string): LessonWeek {
  const monday = zoned(startsAt, timeZone).startOf('week');
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate(), week: monday.weekNumber };
}

/** The agents among `agentIds` who have as many visits in that week as they said they can take. */
export async function fullAgents(reads: BookingStore, agentIds: string[], week: LessonWeek): Promise<Set<string>> {
  if (agentIds.length === 0) return new Set();
  const limits = await reads.capacities(agentIds);
  if (limits.size === 0) return new Set();
  const load = await reads.visitCounts([...limits.keys()], week.from, week.to);
  return new Set([...limits].filter(([id, limit]) => (load.get(id) ?? 0) >= limit).map(([id]) => id));
}

/**
 * Why this agent may not take one more visit in the lesson's week; null when they may. `including`:
 * how many visits already counted are the one being decided (1 when checked right after the claim).
 */
export async function capacityRefusal(reads: BookingStore, agentId: string, startsAt: Date, timeZone: string, including = 0): Promise<{ capacity: number; week: number } | null> {
  const week = lessonWeek(startsAt, timeZone);
  const limit = (await reads.capacities([agentId])).get(agentId);
  if (limit === undefined) return null;
  const load = (await reads.visitCounts([agentId], week.from, week.to)).get(agentId) ?? 0;
  return load - including >= limit ? { capacity: limit, week: week.week } : null;
}
