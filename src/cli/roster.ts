// `sparring roster import FILE.csv [--dry-run] [--prune]`: staff, schools and roles from a CSV export.
import { SingleBar } from 'cli-progress';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  formatProblems,
  formatRosterChanges,
  formatRosterSummary,
  formatWarnings,
  importRoster,
} from '../flows/roster/index.js';
import { openDatabase, type Db } from '../store/client.js';
import { RosterRepository } from '../store/roster-repository.js';
import type { CommandContext } from './main.js';

export const ROSTER_USAGE = `Usage: sparring roster import FILE.csv [--dry-run] [--prune]

Imports staff, schools and roles. The file is UTF-8 CSV (comma or semicolon separated, as Excel
writes it) with a header row. Columns (any order, any case):
  email, name, school, role                         required
  municipality, locale, slack_user_id, teams_aad_id optional
role: teacher/lærer, pedagogue/pædagog, learning_agent/læringsagent, consultant/konsulent,
      leader/leder, coordinator/koordinator — several separated by ";" or on repeated rows.

  --dry-run   check the file and show what would change, write nothing
  --prune     deactivate people of the municipality who are not in the file
`;

/** Below this a bar only flickers. */
const PROGRESS_BAR_MIN_ROWS = 200;

// Exit codes from sysexits.h, like `main` uses EX_CONFIG.
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_NOINPUT = 66;

export async function roster(ctx: CommandContext, deps: { db?: Db } = {}): Promise<number> {
  const write = (stream: NodeJS.WritableStream, lines: string[]) => {
    if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.args,
      options: { 'dry-run': { type: 'boolean', default: false }, prune: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    ctx.stderr.write(`${(err as Error).message}\n\n${ROSTER_USAGE}`);
    return EX_USAGE;
  }
  if (parsed.values.help) {
    ctx.stdout.write(ROSTER_USAGE);
    return 0;
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || file === undefined || extra.length > 0) {
    ctx.stderr.write(
      `${sub !== 'import' ? `Unknown roster command "${sub ?? ''}".` : file === undefined ? 'Missing the CSV file.' : `Unexpected argument "${extra[0]}".`}\n\n${ROSTER_USAGE}`,
    );
    return EX_USAGE;
  }
  const dryRun = parsed.values['dry-run'] === true;
  const prune = parsed.values.prune === true;

  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    ctx.stderr.write(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}\n`);
    return EX_NOINPUT;
  }

  const db = deps.db ?? openDatabase(ctx.config.database);
  let bar: SingleBar | undefined;
  try {
    const result = await importRoster(bytes, new RosterRepository(db), {
      defaultMunicipality: ctx.config.defaultMunicipality,
      timeZone: ctx.config.timeZone,
      locale: ctx.config.locale,
      prune,
      dryRun,
      onStart: (rows) => {
        if (ctx.stdout.isTTY && rows > PROGRESS_BAR_MIN_ROWS) {
          bar = new SingleBar({ stream: ctx.stdout, format: 'Importing [{bar}] {percentage}% {value}/{total}', hideCursor: true });
          bar.start(1, 0);
        }
      },
      onProgress: (done, total) => {
        bar?.setTotal(total);
        bar?.update(done);
      },
    });
    bar?.stop();
    bar = undefined;
    if (!result.ok) {
      write(ctx.stderr, [...formatWarnings(result.warnings), ...formatProblems(result.problems, file)]);
      return EX_DATAERR;
    }
    write(ctx.stderr, formatWarnings(result.warnings));
    write(ctx.stdout, formatRosterChanges(result.plan));
    write(ctx.stdout, [formatRosterSummary(result.counts, { dryRun, prune })]);
    return 0;
  } catch (err) {
    bar?.stop();
    ctx.stderr.write(`${describeDatabaseError(err)}\nNothing was imported.\n`);
    return 1;
  } finally {
    if (!deps.db) await db.$disconnect();
  }
}

/** Prisma's codes, read structurally so no Prisma type leaves src/store. */
export function describeDatabaseError(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'P2021') return 'The database has no tables yet: run `sparring migrate` first.';
  if (code === 'P2028') return 'The import took too long and was rolled back (transaction timeout).';
  return `The import failed: ${err instanceof Error ? err.message : String(err)}`;
}
