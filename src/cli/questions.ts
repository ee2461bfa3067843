// `sparring questions check FILE.yaml`: checks a municipality's reflection questions (format:
// examples/questions.yaml) without changing anything. Exit codes as the import commands: 0 fine,
// 64 wrong usage, 65 problems in the file (each with line and path), 66 the file cannot be read.
import { readFile } from 'node:fs/promises';
import { describeReadError } from '../import/roster/report.js';
import { formatQuestionProblems, parseQuestionsYaml } from '../flows/reflection/questions/file.js';
import { QUESTION_THEMES } from '../flows/reflection/questions/sets.js';
import { questionFileTexts as T } from '../flows/reflection/questions/texts.js';
import type { CommandContext } from './context.js';
import { EX_USAGE } from './import-args.js';

const EX_DATAERR = 65;
const EX_NOINPUT = 66;

export async function questions(ctx: CommandContext): Promise<number> {
  const locale = ctx.config.locale;
  const [sub, file, ...rest] = ctx.args;
  if (sub !== 'check' || !file || rest.length > 0) {
    ctx.stderr.write(T.plain(locale, 'usage'));
    return EX_USAGE;
  }
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (err) {
    ctx.stderr.write(`${describeReadError(file, err, locale)}\n`);
    return EX_NOINPUT;
  }
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
