// Human-readable report of a courses import (admin CLI, English).
import { DateTime } from 'luxon';
import type { LocatedMessage } from './import.js';
import type { CoursesPlan } from './plan.js';

export function formatLocated(m: LocatedMessage): string {
  const where = [m.line !== undefined ? `line ${m.line}` : undefined, m.path ? `(${m.path})` : undefined].filter(Boolean).join(' ');
  return where ? `${where}: ${m.message}` : m.message;
}

export function formatCourseProblems(problems: LocatedMessage[], file: string): string[] {
  return [`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`, ...problems.map((p) => `  ${formatLocated(p)}`)];
}

function when(startsAt: Date, endsAt: Date, zone: string): string {
  const s = DateTime.fromJSDate(startsAt, { zone });
  const e = DateTime.fromJSDate(endsAt, { zone });
  return `${s.toFormat('yyyy-MM-dd HH:mm')}–${e.toFormat('HH:mm')}`;
}

export function formatCourseChanges(plan: CoursesPlan): string[] {
  const out: string[] = [];
  const zone = plan.timeZone;
  for (const c of plan.courses) {
    if (c.id === null) {
      out.push(`+ course ${c.key} "${c.data.name}" (${c.data.theme} ${c.data.year}): ${c.schoolsToAdd.length} school(s), ${c.sessionCount} sessions, ${c.participantCount} participants`);
      continue;
    }
    const parts: string[] = [];
    for (const f of c.fieldChanges) parts.push(`${f.field} ${JSON.stringify(f.from)} → ${JSON.stringify(f.to)}`);
    for (const s of c.schoolsToAdd) parts.push(`+ school ${s.name}`);
    for (const s of c.schoolsToRemove) parts.push(`− school ${s.name}`);
    for (const s of c.sessionsToCreate) parts.push(`+ session ${s.number} ${when(s.startsAt, s.endsAt, zone)}`);
    for (const s of c.sessionsToUpdate) parts.push(`session ${s.number} ${when(s.from.startsAt, s.from.endsAt, zone)} → ${when(s.to.startsAt, s.to.endsAt, zone)}`);
    for (const s of c.sessionsToDelete) parts.push(`− session ${s.number} ${when(s.startsAt, s.endsAt, zone)}`);
    if (c.participantsToAdd.length > 0) parts.push(`+ participants ${c.participantsToAdd.map((p) => p.email).join(', ')}`);
    if (c.participantsToRemove.length > 0) parts.push(`− participants ${c.participantsToRemove.map((p) => p.email).join(', ')}`);
    if (parts.length > 0) out.push(`~ course ${c.key}: ${parts.join('; ')}`);
  }
  for (const c of plan.notInFile) out.push(`? course ${c.key} "${c.name}": not in the file (kept)`);
  return out;
}

export function countCourseChanges(plan: CoursesPlan) {
  const n = { courses: plan.courses.length, added: 0, updated: 0, sessions: 0, participantsAdded: 0, participantsRemoved: 0, changes: 0 };
  for (const c of plan.courses) {
    const sessionChanges = c.sessionsToCreate.length + c.sessionsToUpdate.length + c.sessionsToDelete.length;
    const other = c.fieldChanges.length + c.schoolsToAdd.length + c.schoolsToRemove.length;
    const participants = c.participantsToAdd.length + c.participantsToRemove.length;
    if (c.id === null) n.added++;
    else if (sessionChanges + other + participants > 0) n.updated++;
    n.sessions += sessionChanges;
    n.participantsAdded += c.participantsToAdd.length;
    n.participantsRemoved += c.participantsToRemove.length;
    n.changes += (c.id === null ? 1 : 0) + sessionChanges + other + participants;
  }
  return n;
}

export function formatCoursesSummary(plan: CoursesPlan, opts: { dryRun: boolean }): string {
  const n = countCourseChanges(plan);
  let line =
    `Courses${opts.dryRun ? ' (dry run)' : ''}: ${n.courses} in the file (${n.added} added, ${n.updated} updated), ` +
    `sessions ${n.sessions} changed, participants +${n.participantsAdded} −${n.participantsRemoved}.`;
  if (plan.notInFile.length > 0) line += ` ${plan.notInFile.length} stored course${plan.notInFile.length === 1 ? '' : 's'} not in the file (kept).`;
  if (n.changes === 0) line += ' 0 changes.';
  else if (opts.dryRun) line += ` Dry run: ${n.changes} change${n.changes === 1 ? '' : 's'} not written.`;
  return line;
}
