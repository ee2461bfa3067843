// Human-readable report of a roster import, for the coordinator's terminal: Danish by default,
// English with SPARRING_LOCALE=en. The flows hand over structured problems; only this file words them.
import type { Locale, Params } from '../../core/i18n/catalogue.js';
import type { Problem } from './parse.js';
import { totalChanges, type MunicipalityPlan, type RosterCounts, type RosterPlan } from './plan.js';
import { roleName } from '../../core/texts.js';
import { roleHelp } from './roles.js';
import { importTexts, rosterTexts, type ImportTextKey, type RosterTextKey } from './texts.js';

/** Listing a thousand additions helps nobody; role and name changes are always listed. */
const MAX_LISTED_ADDITIONS = 50;
/** Enough names to recognise a wrong file at a glance. */
const MAX_LISTED_PRUNED = 20;

/** A broken file can have thousands of problems: the first ones say what is wrong, the count says how much. */
export const MAX_LISTED_PROBLEMS = 100;
/** Longest value quoted from the file in a problem (a whole broken line can be one cell). */
const MAX_QUOTED = 200;

/** Values from the file, shortened for quoting. */
export function shortParams<P extends Record<string, unknown>>(params: P): P {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'string' && v.length > MAX_QUOTED ? `${v.slice(0, MAX_QUOTED)}…` : v;
  return out as P;
}

/** The first MAX_LISTED_PROBLEMS lines, then "… and N more" — shared by both imports. */
export function cappedList(lines: string[], more: (count: number) => string): string[] {
  if (lines.length <= MAX_LISTED_PROBLEMS) return lines;
  return [...lines.slice(0, MAX_LISTED_PROBLEMS), more(lines.length - MAX_LISTED_PROBLEMS)];
}

/** The text of one problem or warning, without its line. */
export function describeRosterProblem(p: Pick<Problem, 'code' | 'params'>, locale: Locale): string {
  return rosterTexts.plain(locale, p.code, { roles: roleHelp(locale), ...shortParams(p.params) });
}

/** "examples/x.csv: 3 fejl – intet er importeret." — shared by both imports. */
export function problemsHeader(file: string, count: number, locale: Locale): string {
  return count === 1 ? importTexts.plain(locale, 'problemsOne', { file }) : importTexts.plain(locale, 'problemsMany', { file, count });
}

/** "Prøvekørsel: 6 ændringer er ikke gemt." or "0 ændringer." — shared by both imports. */
export function changesTail(changes: number, dryRun: boolean, locale: Locale): string | undefined {
  if (changes === 0) return importTexts.plain(locale, 'noChanges');
  if (!dryRun) return undefined;
  return changes === 1 ? importTexts.plain(locale, 'dryRunOne') : importTexts.plain(locale, 'dryRunMany', { count: changes });
}

export function formatProblems(problems: Problem[], file: string, locale: Locale): string[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS + 1); // wording all of them can take longer than the import
  return [
    problemsHeader(file, problems.length, locale),
    ...cappedList(
      listed.map((p) => `  ${importTexts.plain(locale, 'line', { line: p.line, message: describeRosterProblem(p, locale) })}`),
      () => importTexts.plain(locale, 'moreProblems', { count: problems.length - MAX_LISTED_PROBLEMS }),
    ),
  ];
}

export function formatWarnings(warnings: Problem[], locale: Locale): string[] {
  return cappedList(
    warnings.slice(0, MAX_LISTED_PROBLEMS + 1).map((w) =>
      importTexts.plain(locale, 'warning', {
        message: importTexts.plain(locale, 'line', { line: w.line, message: describeRosterProblem(w, locale) }),
      }),
    ),
    () => importTexts.plain(locale, 'moreWarnings', { count: warnings.length - MAX_LISTED_PROBLEMS }),
  );
}

export function formatRosterChanges(plan: RosterPlan, locale: Locale): string[] {
  const t = (key: RosterTextKey, params?: Params) => rosterTexts.plain(locale, key, params);
  const out: string[] = [];
  for (const m of plan.municipalities) {
    if (m.id === null) out.push(t('addMunicipality', { slug: m.slug, name: m.name }));
    for (const s of m.schoolsToCreate) out.push(t('addSchool', { school: s }));
    if (m.personsToCreate.length > MAX_LISTED_ADDITIONS) out.push(t('addPeopleNotListed', { count: m.personsToCreate.length }));
    else
      for (const p of m.personsToCreate)
        out.push(
          t('addPerson', {
            email: p.email,
            name: p.name,
            memberships: p.memberships.map((ms) => t('membership', { role: roleName(ms.role, locale), school: ms.school })).join(', '),
          }),
        );
    for (const u of m.personUpdates) {
      const parts: string[] = [];
      if (u.name) parts.push(t('changeName', { from: u.name.from, to: u.name.to }));
      if (u.locale)
        parts.push(t('changeLocale', { from: u.locale.from ?? t('municipalityDefault'), to: u.locale.to ?? t('municipalityDefault') }));
      if (u.reactivate) parts.push(t('reactivated'));
      out.push(t('changePerson', { email: u.email, changes: parts.join(', ') }));
    }
    for (const r of m.membershipsToAdd) out.push(t('addMembership', { email: r.email, role: roleName(r.role, locale), school: r.school }));
    for (const r of m.membershipsToRemove) out.push(t('removeMembership', { email: r.email, role: roleName(r.role, locale), school: r.school }));
    for (const i of m.identitiesToDelete) out.push(t('identityMoves', { email: i.email, platform: i.platform, id: i.externalId }));
    for (const i of m.identitiesToUpdate)
      out.push(t('identityChanged', { email: i.email, platform: i.platform, from: i.externalId.from, to: i.externalId.to }));
    for (const i of m.identitiesToCreate) out.push(t('identityAdded', { email: i.email, platform: i.platform, id: i.externalId }));
    out.push(...capped(m.deactivate.map((p) => t('personDeactivated', { email: p.email, name: p.name })), (count) => t('moreDeactivated', { count })));
    if (m.deactivate.length === 0)
      out.push(...capped(m.missing.map((p) => t('personMissing', { email: p.email, name: p.name })), (count) => t('moreMissing', { count })));
  }
  return out;
}

/** A wrong municipality column can make thousands "missing"; show a sample, not all of them. */
function capped(lines: string[], more: (count: number) => string, max = MAX_LISTED_ADDITIONS): string[] {
  if (lines.length <= max) return lines;
  return [...lines.slice(0, max), more(lines.length - max)];
}

/** Who a large --prune would deactivate, per municipality: a capped list of names, for the coordinator to confirm. */
export function formatPruneConfirmation(municipalities: MunicipalityPlan[], locale: Locale): string[] {
  const t = (key: RosterTextKey, params?: Params) => rosterTexts.plain(locale, key, params);
  return municipalities.flatMap((m) => [
    t('pruneMany', { count: m.deactivate.length, active: m.activeBefore, municipality: m.name }),
    ...capped(m.deactivate.map((p) => t('prunePerson', { name: p.name, email: p.email })), (count) => t('pruneMore', { count }), MAX_LISTED_PRUNED),
  ]);
}

/** Stems of the key pairs peopleOne / peopleMany, addedOne / addedMany, … */
type CountedStem = { [K in RosterTextKey]: K extends `${infer S}One` ? (`${S}Many` extends RosterTextKey ? S : never) : never }[RosterTextKey];

/** "{count} …" in the singular or plural form of a key pair. */
function counted(locale: Locale, stem: CountedStem, count: number): string {
  return rosterTexts.plain(locale, count === 1 ? `${stem}One` : `${stem}Many`, { count });
}

export function formatRosterSummary(counts: RosterCounts, opts: { dryRun: boolean; prune: boolean; locale: Locale }): string {
  const { locale } = opts;
  const parts = [counted(locale, 'added', counts.added), counted(locale, 'updated', counts.updated)];
  if (counts.reactivated > 0) parts.push(counted(locale, 'reactivated', counts.reactivated));
  parts.push(counted(locale, 'deactivated', counts.deactivated));
  const schools =
    counted(locale, 'schools', counts.schools) + (counts.schoolsAdded > 0 ? ` ${counted(locale, 'schoolsNew', counts.schoolsAdded)}` : '');
  const details = [
    `${counted(locale, 'people', counts.people)} (${parts.join(', ')})`,
    schools,
    rosterTexts.plain(locale, 'roles', { added: counts.rolesAdded, removed: counts.rolesRemoved }),
  ];
  if (counts.identitiesChanged > 0) details.push(counted(locale, 'chatIds', counts.identitiesChanged));
  let line = `${rosterTexts.plain(locale, opts.dryRun ? 'summaryDryRun' : 'summary', { details: details.join(', ') })}.`;
  const notDeactivated = counts.missing - counts.deactivated;
  if (notDeactivated > 0) line += ` ${counted(locale, 'notInFile', notDeactivated)}`;
  const tail = changesTail(totalChanges(counts), opts.dryRun, locale);
  if (tail) line += ` ${tail}`;
  return line;
}

/** Why a file could not be read, for "Kan ikke læse FILE: …". */
export function describeReadError(file: string, err: unknown, locale: Locale): string {
  const code = (err as NodeJS.ErrnoException).code;
  const reasons: Record<string, ImportTextKey> = { ENOENT: 'noSuchFile', EACCES: 'permissionDenied', EPERM: 'permissionDenied', EISDIR: 'isDirectory' };
  const key = code ? reasons[code] : undefined;
  const reason = key ? importTexts.plain(locale, key) : err instanceof Error ? err.message : String(err);
  return importTexts.plain(locale, 'cannotRead', { file, reason });
}
