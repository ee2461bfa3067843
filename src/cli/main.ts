// Entry point of the `sparring` command: `sparring serve`, `sparring roster import …`, … Each
// sub-command lives in its own file and gets the parsed configuration; this file only dispatches.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../config/index.js';
import { cliTexts } from './texts.js';

export interface CommandContext {
  config: Config;
  args: string[];
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  /** For questions (roster --prune); without a terminal nothing is asked. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

type Command = (ctx: CommandContext) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).serve,
  migrate: async () => (await import('./migrate.js')).migrate,
  roster: async () => (await import('./roster.js')).roster,
  courses: async () => (await import('./courses.js')).courses,
};


export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const [name, ...args] = argv;
  // Help is printed before the configuration is parsed, so the language is read straight from it.
  const locale = env.SPARRING_LOCALE?.trim() === 'en' ? 'en' : 'da';
  const usage = cliTexts.plain(locale, 'usage');
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`${cliTexts.plain(locale, 'unknown', { name })}\n\n${usage}`);
    return 1;
  }
  if (env === process.env && existsSync('.env')) process.loadEnvFile('.env');
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
  if (name === 'roster' || name === 'courses') {
    // Like the server at start-up: bring the database up to date first, so an import works right
    // after `npm install` on a fresh machine.
    const { applyPendingMigrations } = await import('../store/migrate.js');
    const { prepareSqlite } = await import('../store/client.js');
    await applyPendingMigrations(config.database);
    await prepareSqlite(config.database);
  }
  const command = await load();
  return command({ config, args, stdout: process.stdout, stderr: process.stderr, stdin: process.stdin });
}
