// Entry point of the `sparring` command: `sparring serve`, `sparring roster import …`, … Each
// sub-command lives in its own file and gets the parsed configuration; this file only dispatches.
// `--help`/`-h` (anywhere before a `--`) and `--version` are answered before the configuration is read
// or anything is loaded that could touch the database.
import { existsSync, readFileSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import type { Locale } from '../core/i18n/catalogue.js';
import type { CommandContext } from './context.js';
import { describeUnavailableDatabase, EX_UNAVAILABLE } from './database-errors.js';
import { cliTexts, migrateUsage, serveUsage, usage } from './texts.js';

export type { CommandContext } from './context.js';

type Command = (ctx: CommandContext) => Promise<number>;

interface CommandSpec {
  load(): Promise<Command>;
  help(locale: Locale): Promise<string>;
  /** Bring the database up to date before the command runs (as the server does at start). */
  migrateFirst?: boolean;
}

/** A command in its own module, imported only when it runs or its help is asked for. */
function lazy<M>(module: () => Promise<M>, pick: (m: M) => { run: Command; usage: (locale: Locale) => string }, options: { migrateFirst?: boolean } = {}): CommandSpec {
  return { load: async () => pick(await module()).run, help: async (locale) => pick(await module()).usage(locale), ...options };
}

const commands: Record<string, CommandSpec> = {
  serve: lazy(() => import('./serve.js'), (m) => ({ run: m.serve, usage: serveUsage })),
  migrate: lazy(() => import('./migrate.js'), (m) => ({ run: m.migrate, usage: migrateUsage })),
  roster: lazy(() => import('./roster.js'), (m) => ({ run: m.roster, usage: m.rosterUsage }), { migrateFirst: true }),
  gdpr: lazy(() => import('./gdpr.js'), (m) => ({ run: m.gdpr, usage: m.gdprUsage }), { migrateFirst: true }),
  deliveries: lazy(() => import('./deliveries.js'), (m) => ({ run: m.deliveries, usage: m.deliveriesUsage }), { migrateFirst: true }),
  courses: lazy(() => import('./courses.js'), (m) => ({ run: m.courses, usage: m.coursesUsage }), { migrateFirst: true }),
  questions: lazy(() => import('./questions.js'), (m) => ({ run: m.questions, usage: m.questionsUsage })),
  digest: lazy(() => import('./digest.js'), (m) => ({ run: m.digest, usage: m.digestUsage }), { migrateFirst: true }),
  report: lazy(() => import('./report.js'), (m) => ({ run: m.report, usage: m.reportUsage }), { migrateFirst: true }),
};

/** The version in package.json (two levels up from src/cli and from dist/cli alike). */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

const wantsHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
};

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  // .env first, so SPARRING_LOCALE there also chooses the language of the help.
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const [name, ...args] = argv;
  const locale: Locale = env.SPARRING_LOCALE?.trim() === 'en' ? 'en' : 'da';
  if (name === '--version') {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (name === 'help' && args[0] !== undefined && commands[args[0]]) {
    process.stdout.write(await commands[args[0]]!.help(locale));
    return 0;
  }
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage(locale));
    return name ? 0 : 1;
  }
  const spec = commands[name];
  if (!spec) {
    process.stderr.write(`${cliTexts.plain(locale, 'unknown', { name })}\n\n${usage(locale)}`);
    return 1;
  }
  if (wantsHelp(args)) {
    process.stdout.write(await spec.help(locale));
    return 0;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 78; // EX_CONFIG
    }
    throw err;
  }
  try {
    if (spec.migrateFirst) {
      // Like the server at start-up: bring the database up to date first, so an import works right
      // after `npm install` on a fresh machine.
      const { applyPendingMigrations } = await import('../store/migrate.js');
      const { prepareSqlite } = await import('../store/client.js');
      await applyPendingMigrations(config.database);
      await prepareSqlite(config.database);
    }
    const command = await spec.load();
    return await command({ config, args, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
  } catch (err) {
    const message = describeUnavailableDatabase(err, config.database, config.locale);
    if (message === undefined) throw err;
    process.stderr.write(`${message}\n`);
    return EX_UNAVAILABLE;
  }
}
