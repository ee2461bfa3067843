// `sparring migrate`: applies pending database migrations and exits. The server does the same at
// start-up; this is for deployments that migrate as a separate step.
import { MigrationError, applyPendingMigrations } from '../store/migrate.js';
import type { CommandContext } from './main.js';

export const migrate = async (ctx: CommandContext): Promise<number> => {
  if (ctx.args.length > 0) {
    ctx.stderr.write(`Usage: sparring migrate (takes no arguments; got "${ctx.args.join(' ')}")\n`);
    return 64; // EX_USAGE
  }
  const { provider } = ctx.config.database;
  try {
    const { applied } = await applyPendingMigrations(ctx.config.database);
    if (applied.length === 0) {
      ctx.stdout.write(`Database (${provider}) is up to date; no migrations to apply.\n`);
    } else {
      ctx.stdout.write(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to the ${provider} database:\n`);
      for (const name of applied) ctx.stdout.write(`  ${name}\n`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof MigrationError)) throw err;
    ctx.stderr.write(`${err.message}\n`);
    return 1;
  }
};
