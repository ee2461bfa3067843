// A school's bell schedule is stored as JSON text; anything unreadable counts as "none".
export function parseLessonTimes(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) && v.every((t) => typeof t === 'string' && /^\d{2}:\d{2}$/.test(t)) ? (v as string[]) : [];
  } catch {
    return [];
  }
}
