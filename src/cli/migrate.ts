// `sparring migrate`: applies pending database migrations and exits. The server does the same at
// start-up; this is for deployments that migrate as a separate step.
import { MigrationError, applyPendingMigrations } from '../store/migrate.js';
import { EX_USAGE } from './args.js';
import type { CommandContext } from './context.js';
import { cliTexts, migrateUsage } from './texts.js';

export const migrate = async (ctx: CommandContext): Promise<number> => {
  const locale = ctx.config.locale;
  if (ctx.args.length > 0) {
    ctx.stderr.write(`${cliTexts.plain(locale, 'noArguments', { command: 'migrate', args: ctx.args.join(' ') })}\n\n${migrateUsage(locale)}`);
    return EX_USAGE;
  }
  const { provider } = ctx.config.database;
  try {
    const { applied } = await applyPendingMigrations(ctx.config.database);
    if (applied.length === 0) {
      ctx.stdout.write(`${cliTexts.plain(locale, 'upToDate', { provider })}\n`);
    } else {
      ctx.stdout.write(`${cliTexts.plain(locale, 'applied', { provider, count: applied.length })}\n`);
      for (const name of applied) ctx.stdout.write(`  ${name}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    ctx.stderr.write(`${err.message}\n`);
    return 1;
  }
};
