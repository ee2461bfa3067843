// Human-readable report of a roster import (the admin CLI prints it; English on purpose).
import type { Problem } from './parse.js';
import { totalChanges, type RosterCounts, type RosterPlan } from './plan.js';

/** Listing a thousand additions helps nobody; role and name changes are always listed. */
const MAX_LISTED_ADDITIONS = 50;

export function formatProblems(problems: Problem[], file: string): string[] {
  return [
    `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was imported.`,
    ...problems.map((p) => `  line ${p.line}: ${p.message}`),
  ];
}

export function formatWarnings(warnings: Problem[]): string[] {
  return warnings.map((w) => `warning: line ${w.line}: ${w.message}`);
}

export function formatRosterChanges(plan: RosterPlan): string[] {
  const out: string[] = [];
  for (const m of plan.municipalities) {
    if (m.id === null) out.push(`+ municipality ${m.slug} (${m.name})`);
    for (const s of m.schoolsToCreate) out.push(`+ school ${s}`);
    if (m.personsToCreate.length > MAX_LISTED_ADDITIONS) out.push(`+ ${m.personsToCreate.length} people (not listed)`);
    else
      for (const p of m.personsToCreate)
        out.push(`+ ${p.email} (${p.name}): ${p.memberships.map((ms) => `${ms.role} at ${ms.school}`).join(', ')}`);
    for (const u of m.personUpdates) {
      const parts: string[] = [];
      if (u.name) parts.push(`name "${u.name.from}" → "${u.name.to}"`);
      if (u.locale) parts.push(`locale ${u.locale.from ?? '(municipality default)'} → ${u.locale.to ?? '(municipality default)'}`);
      if (u.reactivate) parts.push('reactivated');
      out.push(`~ ${u.email}: ${parts.join(', ')}`);
    }
    for (const r of m.membershipsToAdd) out.push(`+ ${r.email}: ${r.role} at ${r.school}`);
    for (const r of m.membershipsToRemove) out.push(`− ${r.email}: ${r.role} at ${r.school}`);
    for (const i of m.identitiesToDelete) out.push(`− ${i.email}: ${i.platform} id ${i.externalId} (moves to another person)`);
    for (const i of m.identitiesToUpdate) out.push(`~ ${i.email}: ${i.platform} id ${i.externalId.from} → ${i.externalId.to}`);
    for (const i of m.identitiesToCreate) out.push(`+ ${i.email}: ${i.platform} id ${i.externalId}`);
    out.push(...capped(m.deactivate.map((p) => `− ${p.email} (${p.name}): deactivated`), 'deactivated'));
    if (m.deactivate.length === 0) out.push(...capped(m.missing.map((p) => `? ${p.email} (${p.name}): not in the file`), 'not in the file'));
  }
  return out;
}

/** A wrong municipality column can make thousands "missing"; show a sample, not all of them. */
function capped(lines: string[], what: string): string[] {
  if (lines.length <= MAX_LISTED_ADDITIONS) return lines;
  return [...lines.slice(0, MAX_LISTED_ADDITIONS), `  … and ${lines.length - MAX_LISTED_ADDITIONS} more ${what}`];
}

export function formatRosterSummary(counts: RosterCounts, opts: { dryRun: boolean; prune: boolean }): string {
  const people = `${counts.people} ${counts.people === 1 ? 'person' : 'people'}`;
  const parts = [`${counts.added} added`, `${counts.updated} updated`];
  if (counts.reactivated > 0) parts.push(`${counts.reactivated} reactivated`);
  parts.push(`${counts.deactivated} deactivated`);
  let line =
    `Roster${opts.dryRun ? ' (dry run)' : ''}: ${people} (${parts.join(', ')}), ` +
    `${counts.schools} school${counts.schools === 1 ? '' : 's'}${counts.schoolsAdded > 0 ? ` (${counts.schoolsAdded} new)` : ''}, ` +
    `roles +${counts.rolesAdded} −${counts.rolesRemoved}`;
  if (counts.identitiesChanged > 0) line += `, chat ids ${counts.identitiesChanged} changed`;
  line += '.';
  const notDeactivated = counts.missing - counts.deactivated;
  if (notDeactivated > 0)
    line += ` ${notDeactivated} ${notDeactivated === 1 ? 'person' : 'people'} not in the file (use --prune to deactivate).`;
  const n = totalChanges(counts);
  if (n === 0) line += ' 0 changes.';
  else if (opts.dryRun) line += ` Dry run: ${n} change${n === 1 ? '' : 's'} not written.`;
  return line;
}
