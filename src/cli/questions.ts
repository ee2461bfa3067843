// `sparring questions check FILE.yaml`: checks a municipality's reflection questions (format:
// examples/questions.yaml) without changing anything. Exit codes as the import commands: 0 fine,
// 64 wrong usage, 65 problems in the file (each with line and path), 66 the file cannot be read.
import type { Locale } from '../core/i18n/catalogue.js';
import { formatQuestionProblems, parseQuestionsYaml } from '../flows/reflection/questions/file.js';
import { QUESTION_THEMES } from '../flows/reflection/questions/sets.js';
import { questionFileTexts as T } from '../flows/reflection/questions/texts.js';
import { EX_DATAERR, readCommandLine, readInputFile } from './args.js';
import type { CommandContext } from './context.js';

export const questionsUsage = (locale: Locale): string => T.plain(locale, 'usage');

export async function questions(ctx: CommandContext): Promise<number> {
  const locale = ctx.config.locale;
  const line = readCommandLine(ctx, questionsUsage(locale), {});
  if (typeof line === 'number') return line;
  const [sub, file, ...rest] = line.positionals;
  if (sub !== 'check' || !file) return line.fail();
  if (rest.length > 0) return line.unexpected(rest[0]!);
  const source = await readInputFile(ctx, file, 'utf8');
  if (typeof source === 'number') return source;
  const result = parseQuestionsYaml(source);
  if (!result.ok) {
    ctx.stderr.write(`${formatQuestionProblems(result.problems, file, locale).join('\n')}\n`);
    return EX_DATAERR;
  }
  const summary = QUESTION_THEMES.map((theme) =>
    result.themesInFile.includes(theme) ? T.plain(locale, 'okTheme', { theme, count: result.sets[theme].length }) : T.plain(locale, 'okDefault', { theme }),
  ).join(', ');
  ctx.stdout.write(`${T.plain(locale, 'ok', { file, summary })}\n`);
  return 0;
}
