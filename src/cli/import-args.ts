// `sparring <command> import FILE [--dry-run] [--prune]`: the argument handling both imports share.
import { importTexts } from '../import/roster/texts.js';
import { readCommandLine } from './args.js';
import type { CommandContext } from './context.js';

export type ImportArgs = { file: string; dryRun: boolean; prune: boolean; yes: boolean };

/** The parsed arguments, or the exit code after usage help or a usage error has been printed. */
export function parseImportArgs(ctx: CommandContext, spec: { command: 'roster' | 'courses'; kind: 'CSV' | 'YAML'; usage: string; prune: boolean }): ImportArgs | number {
  const { command } = spec;
  const locale = ctx.config.locale;
  const line = readCommandLine(ctx, spec.usage, {
    'dry-run': { type: 'boolean', default: false },
    ...(spec.prune ? { prune: { type: 'boolean' as const, default: false }, yes: { type: 'boolean' as const, short: 'y', default: false } } : {}),
  });
  if (typeof line === 'number') return line;
  const [sub, file, ...extra] = line.positionals;
  if (sub === undefined) return line.fail(importTexts.plain(locale, 'missingCommand', { command }));
  if (sub !== 'import') return line.fail(importTexts.plain(locale, 'unknownCommand', { command, sub }));
  if (file === undefined) return line.fail(importTexts.plain(locale, 'missingFile', { kind: spec.kind }));
  if (extra.length > 0) return line.unexpected(extra[0]!);
  const values = line.values as { 'dry-run': boolean; prune?: boolean; yes?: boolean };
  return { file, dryRun: values['dry-run'], prune: values.prune === true, yes: values.yes === true };
}
