// The roster import use case: parse → validate → plan against the stored state → apply, all in one
// transaction. The store is an interface so this file knows nothing about Prisma.
import { parseRosterCsv, RosterFileError, type Problem } from './parse.js';
import { buildDesiredRoster, countPlan, planRoster, type CurrentRoster, type RosterCounts, type RosterPlan } from './plan.js';

export interface RosterTransaction {
  /** The stored state of these municipalities, plus every stored identity with one of these ids. */
  load(slugs: string[], identityKeys: { platform: string; externalId: string }[]): Promise<CurrentRoster>;
  apply(plan: RosterPlan, defaults: { timeZone: string; locale: string }, onProgress?: Progress): Promise<void>;
}

export interface RosterStore {
  /** Runs fn in one database transaction: if it throws, nothing it wrote remains. */
  transaction<T>(fn: (tx: RosterTransaction) => Promise<T>): Promise<T>;
}

export type Progress = (done: number, total: number) => void;

export interface RosterImportOptions {
  defaultMunicipality: string;
  timeZone: string;
  locale: 'da' | 'en';
  prune: boolean;
  /** With prune: deactivate only these people (shown to and confirmed by the coordinator beforehand). */
  onlyDeactivate?: ReadonlySet<string>;
  dryRun: boolean;
  /** Called once the file is valid with the number of rows, before anything is written. */
  onStart?: (rows: number) => void;
  onProgress?: Progress;
}

export type RosterImportResult =
  | { ok: true; plan: RosterPlan; counts: RosterCounts; warnings: Problem[]; rows: number }
  | { ok: false; problems: Problem[]; warnings: Problem[] };

export async function importRoster(input: string | Uint8Array, store: RosterStore, options: RosterImportOptions): Promise<RosterImportResult> {
  let parsed;
  try {
    parsed = parseRosterCsv(input);
  } catch (err) {
    if (err instanceof RosterFileError) return { ok: false, problems: [{ line: err.line ?? 1, code: err.code, params: err.params }], warnings: [] };
    throw err;
  }
  const { desired, problems: groupProblems } = buildDesiredRoster(parsed.rows, options.defaultMunicipality);
  const problems = [...parsed.problems, ...groupProblems];
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems), warnings: parsed.warnings };

  const identityKeys = desired.flatMap((m) =>
    [...m.persons.values()].flatMap((p) => Object.entries(p.identities).map(([platform, externalId]) => ({ platform, externalId }))),
  );

  // Read and write in the same transaction so the plan is made against exactly what it changes.
  const outcome = await store
    .transaction(async (tx) => {
      const current = await tx.load(desired.map((m) => m.slug), identityKeys);
      const { plan, problems: planProblems } = planRoster(desired, current, { prune: options.prune, onlyDeactivate: options.onlyDeactivate });
      if (planProblems.length > 0) return { ok: false as const, problems: sortProblems(planProblems), warnings: parsed.warnings };
      if (!options.dryRun) {
        options.onStart?.(parsed.rows.length);
        await tx.apply(plan, { timeZone: options.timeZone, locale: options.locale }, options.onProgress);
      }
      return { ok: true as const, plan, counts: countPlan(plan), warnings: parsed.warnings, rows: parsed.rows.length };
    });
  return outcome;
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line);
}
