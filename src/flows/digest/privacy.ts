// The digest's privacy rule (docs/privacy.md, "Tal i ugeoversigten"). Two parts:
//  1. A figure is shown only when at least MIN_GROUP distinct teachers stand behind it — counted in
//     people, not visits, so one teacher with many visits never makes a figure visible.
//  2. A running total (coverage, visits, reflections of a course) moves only when the change since
//     the last figures that were shown rests on at least MIN_GROUP distinct teachers. Until then the
//     earlier figures are shown again, so subtracting last week's digest from this week's never
//     isolates one person's visit or reflection.

/** Smallest number of distinct teachers a shown figure may rest on. */
export const MIN_GROUP = 5;

/** A count, or null when it rests on fewer than MIN_GROUP teachers (shown as "færre end 5"). */
export type Figure = number | null;

/** `count` if `teachers` distinct teachers stand behind it, else hidden. */
export function figure(count: number, teachers: Iterable<string> | number): Figure {
  const n = typeof teachers === 'number' ? teachers : new Set(teachers).size;
  return n >= MIN_GROUP ? count : null;
}

/** Something that changed a running total: a visit held, a reflection answered. */
export interface ChangeEvent {
  teacherId: string;
  at: Date;
}

/**
 * The instant the running totals may be shown "as of": walk the week boundaries in order and move
 * on to a boundary only when the events since the last accepted one involve at least MIN_GROUP
 * distinct teachers. Null: not enough has happened yet to show anything new (totals as of nothing).
 * Pure and recomputed every time, so the weekly digest, `overblik` and the preview always agree.
 */
export function publishedCutoff(events: ChangeEvent[], boundaries: Date[]): Date | null {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  let accepted: Date | null = null;
  let i = 0; // first event after `accepted`
  for (const boundary of [...boundaries].sort((a, b) => a.getTime() - b.getTime())) {
    const teachers = new Set<string>();
    let j = i;
    while (j < sorted.length && sorted[j]!.at.getTime() < boundary.getTime()) teachers.add(sorted[j++]!.teacherId);
    if (teachers.size >= MIN_GROUP) {
      accepted = boundary;
      i = j;
    }
  }
  return accepted;
}
