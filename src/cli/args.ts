// How the sub-commands read what they are given, one way for all: the flags through node:util's
// parseArgs (strict), with `--help`/`-h` on every command (its help on stdout, exit 0). A mistake is
// said in the operator's language (src/cli/texts.ts), naming the flag or argument, followed by the
// command's usage on stderr, and the command exits 64. Exit codes follow sysexits.h.
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Locale } from '../core/i18n/catalogue.js';
import { describeReadError } from '../import/roster/report.js';
import type { CommandContext } from './context.js';
import { cliTexts } from './texts.js';

export const EX_USAGE = 64;
export const EX_DATAERR = 65;
export const EX_NOINPUT = 66;

type Flags = NonNullable<ParseArgsConfig['options']>;
type Parsed<F extends Flags> = ReturnType<typeof parseArgs<{ args: string[]; options: F; allowPositionals: true; strict: true }>>;

export interface CommandLine<F extends Flags> {
  /** The flags given, typed as declared. */
  values: Parsed<F>['values'];
  positionals: string[];
  /** Writes `problem` (when there is one) and the usage to stderr; the exit code to return. */
  fail(problem?: string): number;
  /** fail() for a flag the command cannot do without. */
  missing(flag: string): number;
  /** fail() for an argument too many. */
  unexpected(arg: string): number;
}

/** The command's flags and positionals, or the exit code once its help or a usage error is printed. */
export function readCommandLine<const F extends Flags>(ctx: CommandContext, usage: string, flags: F): CommandLine<F> | number {
  const locale = ctx.config.locale;
  const fail = (problem?: string) => {
    ctx.stderr.write(problem ? `${problem}\n\n${usage}` : usage);
    return EX_USAGE;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: ctx.args, options: { ...flags, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(describeArgumentError(err, locale));
  }
  if ((parsed.values as { help?: boolean }).help) {
    ctx.stdout.write(usage);
    return 0;
  }
  return {
    values: parsed.values as Parsed<F>['values'],
    positionals: parsed.positionals,
    fail,
    missing: (flag) => fail(cliTexts.plain(locale, 'missingOption', { option: flag })),
    unexpected: (arg) => fail(cliTexts.plain(locale, 'unexpectedArgument', { arg })),
  };
}

/** parseArgs' complaint in the operator's words, naming the flag. */
export function describeArgumentError(err: unknown, locale: Locale): string {
  const e = err as { code?: string; message?: string };
  const message = e.message ?? String(err);
  // Node quotes the flag as '--out', '-x' or '-o, --out <value>': the last of its names.
  const option = /'(-[^']*)'/.exec(message)?.[1]?.split(/[\s,]+/).filter((word) => word.startsWith('-')).at(-1);
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return cliTexts.plain(locale, 'unknownOption', { option });
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (/does not take an argument/.test(message)) return cliTexts.plain(locale, 'optionTakesNoValue', { option });
    if (/argument missing|argument is ambiguous/.test(message)) return cliTexts.plain(locale, 'optionNeedsValue', { option });
  }
  return cliTexts.plain(locale, 'invalidArguments', { error: message });
}

/** The content of the file named on the command line, or EX_NOINPUT once why it cannot be read is printed. */
export async function readInputFile(ctx: CommandContext, file: string): Promise<Uint8Array | number>;
export async function readInputFile(ctx: CommandContext, file: string, encoding: 'utf8'): Promise<string | number>;
export async function readInputFile(ctx: CommandContext, file: string, encoding?: 'utf8'): Promise<Uint8Array | string | number> {
  try {
    return encoding ? await readFile(file, encoding) : await readFile(file);
  } catch (err) {
    ctx.stderr.write(`${describeReadError(file, err, ctx.config.locale)}\n`);
    return EX_NOINPUT;
  }
}
