// `npm run db:migrate:create -- <name> [--provider sqlite|postgresql|all] [--draft] [--url postgresql://…]`
//
// Writes prisma/<provider>/migrations/<timestamp>_<name>/migration.sql (+ migration_lock.toml) for the
// difference between the existing migrations and prisma/<provider>/schema.prisma — what
// `prisma migrate dev --create-only` does, but with Prisma's schema engine compiled to WebAssembly,
// because the native engine cannot be downloaded here (docs/migrations.md). The result is ordinary
// Prisma layout, so `prisma migrate deploy` on a machine with the native engine uses the same folders.
//
// The engine needs a scratch "main" database (to replay the history) and a shadow database:
// SQLite uses a temporary file and an in-memory shadow; PostgreSQL creates and drops two throwaway
// databases on the server given by --url / SPARRING_MIGRATE_POSTGRES_URL / SPARRING_TEST_POSTGRES_URL.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { DatabaseProvider, DatabaseTarget } from '../src/store/client.js';
import {
  migrationsDirFor,
  migrationsDrift,
  noFilters,
  openSchemaEngine,
  readMigrationsList,
  readSchemaFiles,
} from './lib/schema-engine.js';

const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

const usage = `Usage: npm run db:migrate:create -- <name> [--provider sqlite|postgresql|all] [--draft] [--url URL]

  <name>        what the migration does, e.g. add_slot_notes (letters, digits, _)
  --provider    which migrations folder (default sqlite; "all" = sqlite and postgresql)
  --draft       write a migration even when the schema did not change (to fill in by hand)
  --url         PostgreSQL server for scratch databases (default $SPARRING_MIGRATE_POSTGRES_URL,
                $SPARRING_TEST_POSTGRES_URL, then ${DEFAULT_POSTGRES_URL})
`;

class UsageError extends Error {}

/** A throwaway main database for the engine; returns its target and how to remove it. */
async function scratchDatabase(provider: DatabaseProvider, serverUrl: string) {
  if (provider === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'sparring-migrate-'));
    const target: DatabaseTarget = { provider, url: `file:${join(dir, 'scratch.db')}` };
    return { target, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `sparring_migrate_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const target: DatabaseTarget = { provider, url: url.toString() };
  const drop = async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end();
    }
  };
  return { target, drop };
}

async function createFor(provider: DatabaseProvider, name: string, draft: boolean, serverUrl: string): Promise<string | null> {
  const baseDir = migrationsDirFor(provider);
  const schema = await readSchemaFiles(provider);
  const scratch = await scratchDatabase(provider, serverUrl);
  try {
    const { engine, close } = await openSchemaEngine(scratch.target, schema);
    try {
      const migrationsList = await readMigrationsList(baseDir);
      // Order matters: the history must exist in the main database before devDiagnostic, and
      // devDiagnostic sets up the shadow database createMigration needs.
      await engine.applyMigrations({ migrationsList, filters: noFilters });
      const diagnostic = await engine.devDiagnostic({ migrationsList, filters: noFilters });
      if (diagnostic.action.tag === 'reset') throw new Error(`The migration history cannot be replayed: ${diagnostic.action.reason}`);
      const loss = await engine.evaluateDataLoss({ migrationsList, schema: { files: schema }, filters: noFilters });
      for (const u of loss.unexecutableSteps) process.stderr.write(`[${provider}] cannot run on existing data: ${u.message}\n`);
      for (const w of loss.warnings) process.stderr.write(`[${provider}] warning: ${w.message}\n`);
      const created = await engine.createMigration({
        draft,
        migrationName: name,
        migrationsList,
        schema: { files: schema },
        filters: noFilters,
      });
      if (created.migrationScript === null) return null;
      // Same files, names and lock-file text as `prisma migrate dev --create-only`.
      const dir = join(baseDir, created.generatedMigrationName);
      if (existsSync(dir)) throw new Error(`The migration directory already exists at ${dir}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `migration.${created.extension}`), created.migrationScript, 'utf8');
      await writeFile(
        join(baseDir, migrationsList.lockfile.path),
        `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
        'utf8',
      );
      return dir;
    } finally {
      await close();
    }
  } finally {
    await scratch.drop();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      provider: { type: 'string', default: 'sqlite' },
      draft: { type: 'boolean', default: false },
      url: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }
  const name = positionals[0];
  if (!name || positionals.length > 1 || !/^[A-Za-z0-9_]+$/.test(name)) throw new UsageError('Give one migration name made of letters, digits and _.');
  const providers: DatabaseProvider[] =
    values.provider === 'all' ? ['sqlite', 'postgresql'] : values.provider === 'sqlite' || values.provider === 'postgresql' ? [values.provider] : [];
  if (providers.length === 0) throw new UsageError(`Unknown provider "${values.provider}".`);
  const serverUrl =
    values.url ?? process.env.SPARRING_MIGRATE_POSTGRES_URL ?? process.env.SPARRING_TEST_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;

  let created = 0;
  for (const provider of providers) {
    const dir = await createFor(provider, name, values.draft, serverUrl);
    if (!dir) {
      process.stdout.write(`[${provider}] prisma/${provider}/schema.prisma matches the migrations; nothing to create (--draft writes an empty one).\n`);
      continue;
    }
    process.stdout.write(`[${provider}] created ${dir}/migration.sql\n`);
    created++;
    // The new folder must reproduce the schema exactly; the same check runs in npm test.
    const scratch = await scratchDatabase(provider, serverUrl);
    try {
      const drift = await migrationsDrift(scratch.target, migrationsDirFor(provider));
      if (drift) throw new Error(`[${provider}] the migrations still differ from the schema:\n${drift}`);
    } finally {
      await scratch.drop();
    }
  }
  if (created > 0) process.stdout.write('Review the SQL, then commit the migration folder(s) together with the schema change.\n');
  return 0;
}

// Exit explicitly: the engine leaves timers and handles behind after shadow-database work.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) process.stderr.write(`${err.message}\n\n${usage}`);
    else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(err instanceof UsageError ? 64 : 1);
  },
);
