// `sparring <command> import FILE [--dry-run] [--prune]`: the argument handling both imports share.
import { parseArgs } from 'node:util';
import type { Locale } from '../core/i18n/catalogue.js';
import { describeArgumentError } from '../import/roster/report.js';
import { importTexts } from '../import/roster/texts.js';
import type { CommandContext } from './context.js';

export const EX_USAGE = 64;

export type ImportArgs = { file: string; dryRun: boolean; prune: boolean; yes: boolean };

/** The parsed arguments, or the exit code after usage help or a usage error has been printed. */
export function parseImportArgs(
  ctx: CommandContext,
  spec: { command: 'roster' | 'courses'; kind: 'CSV' | 'YAML'; usage: string; locale: Locale; prune: boolean },
): ImportArgs | number {
  const { locale, usage, command } = spec;
  let parsed;
  try {
    parsed = parseArgs({
      args: ctx.args,
      options: {
        'dry-run': { type: 'boolean', default: false },
        ...(spec.prune ? { prune: { type: 'boolean' as const, default: false }, yes: { type: 'boolean' as const, short: 'y', default: false } } : {}),
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    ctx.stderr.write(`${describeArgumentError(err, locale)}\n\n${usage}`);
    return EX_USAGE;
  }
  if (parsed.values.help) {
    ctx.stdout.write(usage);
    return 0;
  }
  const [sub, file, ...extra] = parsed.positionals;
  if (sub !== 'import' || file === undefined || extra.length > 0) {
    const problem =
      sub === undefined
        ? importTexts.plain(locale, 'missingCommand', { command })
        : sub !== 'import'
          ? importTexts.plain(locale, 'unknownCommand', { command, sub })
          : file === undefined
            ? importTexts.plain(locale, 'missingFile', { kind: spec.kind })
            : importTexts.plain(locale, 'unexpectedArgument', { arg: extra[0]! });
    ctx.stderr.write(`${problem}\n\n${usage}`);
    return EX_USAGE;
  }
  const values = parsed.values as { prune?: boolean; yes?: boolean };
  return { file, dryRun: parsed.values['dry-run'] === true, prune: values.prune === true, yes: values.yes === true };
}
